import { buildReport, reportHtml, reportText, type SessionReport } from '../../../shared/report/session-report';
import { ask, call, errorInfo } from '../api';
import type { SliceCreator } from './slice';
import type { SessionSlice } from './state';

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => {
  /** The report of what the wizard holds now; null before the first scan. */
  async function report(): Promise<SessionReport | null> {
    const s = get();
    if (!s.scan) return null;
    const info = await call('getAppInfo', {});
    return buildReport({
      version: info.version,
      backend: info.windowsBackend,
      now: new Date(),
      scan: s.scan,
      outcomes: s.outcomes,
      undone: s.undone,
      networkType: s.networkType,
      reportedError: s.reportedError,
      connectTries: s.connectTries,
      ticket: s.ticketText,
      kept: Object.entries(s.resolved).flatMap(([id, r]) => (r.kind === 'kept' ? [id] : [])),
    });
  }
  const noScan = { ok: false, error: { kind: 'bad-request', message: 'There is no diagnosis to report yet.' } } as const;

  return {
    step: 'target',
    goTo: (step) => set({ step }),

    startOver() {
      set({ step: 'target' });
      const s = get();
      s.resetTarget();
      s.resetScan();
      s.resetFix();
      s.resetRemote();
    },

    async startScan(options) {
      const request = get().submitTarget();
      if (!request) return;
      set({ step: 'scan' });
      if (await get().runScan(request, options?.reportedError)) set({ step: 'findings' });
    },

    async openFix(fixId) {
      if (!get().scan) return;
      set({ step: 'fix' });
      await get().loadPreview(fixId);
    },

    async openServerReport(file) {
      if (await get().loadServerReport(file)) await get().startScan();
    },

    async saveReport(format) {
      try {
        const r = await report();
        if (!r) return noScan;
        const stamp = r.scan.startedAt.slice(0, 16).replace(/[:T]/g, '-');
        const baseName = `rdp-doctor-${r.scan.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${stamp}`;
        const text = format === 'html' ? reportHtml(r) : JSON.stringify(r, null, 2);
        return await ask('saveReport', { format, baseName, text });
      } catch (err) {
        return { ok: false, error: errorInfo(err) };
      }
    },

    async reportSummary() {
      try {
        const r = await report();
        return r ? { ok: true, value: reportText(r) } : noScan;
      } catch (err) {
        return { ok: false, error: errorInfo(err) };
      }
    },
  };
};
