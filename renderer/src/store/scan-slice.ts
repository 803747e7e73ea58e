import { call, errorInfo, onScanProgress } from '../api';
import type { SliceCreator } from './slice';
import type { ScanSlice } from './state';

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
