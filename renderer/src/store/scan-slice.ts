import type { StateCreator } from 'zustand';
import type { CheckId } from '../../../shared/catalog/checks';
import type { CheckResult, ErrorInfo, ScanResult } from '../../../shared/results';
import { parseTargetInput } from '../../../shared/target';
import { call, errorInfo, onScanProgress } from '../api';
import type { WizardState } from './index';

export interface ScanSlice {
  scanId: string | null;
  /** Per check: running now, or its result; absent means not started yet. */
  progress: Partial<Record<CheckId, 'running' | CheckResult>>;
  scan: ScanResult | null;
  scanError: ErrorInfo | null;
  startScan(): Promise<void>;
  cancelScan(): Promise<void>;
}

export const createScanSlice: StateCreator<WizardState, [], [], ScanSlice> = (set, get) => ({
  scanId: null,
  progress: {},
  scan: null,
  scanError: null,

  async startScan() {
    const { hostText, portText, audience, networkType, thisComputerIsServer } = get();
    const parsed = parseTargetInput(hostText, portText);
    if (!parsed.ok) {
      set({ attempted: true });
      return;
    }
    // The session's changes (outcomes) stay: a new scan does not make earlier changes vanish.
    set({ attempted: true, step: 'scan', progress: {}, scan: null, scanError: null, scanId: null });
    const unsubscribe = onScanProgress((event) => {
      set((s) => ({
        scanId: event.scanId,
        progress: { ...s.progress, [event.checkId]: event.state === 'running' ? 'running' : (event.result ?? 'running') },
      }));
    });
    try {
      const scan = await call('runScan', { target: parsed.target, audience, networkType, thisComputerIsServer });
      set({ scan, step: 'findings' });
    } catch (err) {
      set({ scanError: errorInfo(err) });
    } finally {
      unsubscribe();
    }
  },

  async cancelScan() {
    const { scanId } = get();
    if (scanId) await call('cancelScan', { scanId }).catch(() => undefined);
  },
});
