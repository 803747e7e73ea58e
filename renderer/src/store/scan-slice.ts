import type { StateCreator } from 'zustand';
import type { CheckId } from '../../../shared/catalog/checks';
import type { CheckResult, ConnectTry, ErrorInfo, ScanResult } from '../../../shared/results';
import { parseTargetInput } from '../../../shared/target';
import { call, errorInfo, onScanProgress } from '../api';
import type { WizardState } from './index';

export interface ScanSlice {
  scanId: string | null;
  /** Per check: running now, or its result; absent means not started yet. */
  progress: Partial<Record<CheckId, 'running' | CheckResult>>;
  /** When the running scan started (ms), for "about 20 s left". */
  scanStartedMs: number | null;
  scan: ScanResult | null;
  scanError: ErrorInfo | null;
  /**
   * The error code the user saw after a change ("A different error now"): sent with the next scan
   * and shown with its findings and in the report. Null: the original 0x904 / 0x7.
   */
  reportedError: string | null;
  /** Every "Try connecting now" of the session and what the user answered, oldest first. */
  connectTries: ConnectTry[];
  recordConnectTry(t: Omit<ConnectTry, 'at'>): void;
  startScan(options?: { reportedError?: string }): Promise<void>;
  cancelScan(): Promise<void>;
}

export const createScanSlice: StateCreator<WizardState, [], [], ScanSlice> = (set, get) => ({
  scanId: null,
  progress: {},
  scanStartedMs: null,
  scan: null,
  scanError: null,
  reportedError: null,
  connectTries: [],
  recordConnectTry: (t) => set((s) => ({ connectTries: [...s.connectTries, { ...t, at: new Date().toISOString() }] })),

  async startScan(options) {
    const { hostText, portText, audience, networkType, thisComputerIsServer } = get();
    const parsed = parseTargetInput(hostText, portText);
    if (!parsed.ok) {
      set({ attempted: true });
      return;
    }
    const reportedError = options?.reportedError ?? get().reportedError ?? undefined;
    // The session's changes (outcomes) stay: a new scan does not make earlier changes vanish.
    set({ attempted: true, step: 'scan', progress: {}, scan: null, scanError: null, scanId: null, scanStartedMs: Date.now(), reportedError: reportedError ?? null });
    const unsubscribe = onScanProgress((event) => {
      set((s) => ({
        scanId: event.scanId,
        progress: { ...s.progress, [event.checkId]: event.state === 'running' ? 'running' : (event.result ?? 'running') },
      }));
    });
    try {
      const scan = await call('runScan', {
        target: parsed.target,
        audience,
        networkType,
        thisComputerIsServer,
        ...(reportedError ? { reportedError } : {}),
      });
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
