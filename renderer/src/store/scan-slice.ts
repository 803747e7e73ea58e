import type { CheckId } from '../../../shared/catalog/checks';
import type { CheckResult, ConnectTry, ErrorInfo, ScanResult } from '../../../shared/results';
import { call, errorInfo, onScanProgress } from '../api';
import type { SliceCreator } from './slice';
import type { ScanRequest } from './target-slice';

export interface ScanSlice {
  scanId: string | null;
  /** Per check: running now, or its result; absent means not started yet. */
  progress: Partial<Record<CheckId, 'running' | CheckResult>>;
  /** When the running scan started (ms), for "about 20 s left". */
  scanStartedMs: number | null;
  scan: ScanResult | null;
  scanError: ErrorInfo | null;
  /**
   * The error code the user saw after a change ("A different error now"): sent with the next scans
   * of this computer and shown with its findings and in the report. Null: the original 0x904 / 0x7.
   */
  reportedError: string | null;
  /** Every "Try connecting now" to this computer and what the user answered, oldest first. */
  connectTries: ConnectTry[];
  recordConnectTry(t: Omit<ConnectTry, 'at'>): void;
  /**
   * Runs one scan, streaming its progress; the result, or null when it failed (scanError says
   * why). A new scan keeps the code the user reported unless given another.
   */
  runScan(request: ScanRequest, reportedError?: string): Promise<ScanResult | null>;
  cancelScan(): Promise<void>;
  /** Start over: nothing of the last computer's diagnosis stays (its code and tries included). */
  resetScan(): void;
}

/** What Start over puts back: everything here is about one computer. */
const scanStart = (): Pick<
  ScanSlice,
  'scanId' | 'progress' | 'scanStartedMs' | 'scan' | 'scanError' | 'reportedError' | 'connectTries'
> => ({
  scanId: null,
  progress: {},
  scanStartedMs: null,
  scan: null,
  scanError: null,
  reportedError: null,
  connectTries: [],
});

export const createScanSlice: SliceCreator<ScanSlice> = (set, get) => ({
  ...scanStart(),
  recordConnectTry: (t) => set((s) => ({ connectTries: [...s.connectTries, { ...t, at: new Date().toISOString() }] })),

  async runScan(request, given) {
    const reportedError = given ?? get().reportedError ?? undefined;
    set({ progress: {}, scan: null, scanError: null, scanId: null, scanStartedMs: Date.now(), reportedError: reportedError ?? null });
    const unsubscribe = onScanProgress((event) => {
      set((s) => ({
        scanId: event.scanId,
        progress: { ...s.progress, [event.checkId]: event.state === 'running' ? 'running' : (event.result ?? 'running') },
      }));
    });
    try {
      const scan = await call('runScan', { ...request, ...(reportedError ? { reportedError } : {}) });
      set({ scan });
      return scan;
    } catch (err) {
      set({ scanError: errorInfo(err) });
      return null;
    } finally {
      unsubscribe();
    }
  },

  async cancelScan() {
    const { scanId } = get();
    if (scanId) await call('cancelScan', { scanId }).catch(() => undefined);
  },

  resetScan: () => set(scanStart()),
});
