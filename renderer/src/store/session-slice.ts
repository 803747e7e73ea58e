import type { FixId } from '../../../shared/catalog/fixes';
import type { Envelope } from '../../../shared/ipc-contract';
import { buildReport, reportHtml, reportText, type SessionReport } from '../../../shared/report/session-report';
import type { ReportFormat, SavedFile } from '../../../shared/saved-file';
import { ask, call, errorInfo } from '../api';
import type { SliceCreator } from './slice';

export type Step = 'target' | 'scan' | 'findings' | 'fix' | 'summary';

/**
 * The session: which step is showing, and every action that spans slices. These only move the
 * step and call the other slices' own actions, so each slice alone writes its state.
 */
export interface SessionSlice {
  step: Step;
  goTo(step: Step): void;
  /** Another computer, or the same one afresh: each slice puts back what it holds about one diagnosis. */
  startOver(): void;
  /** Scans what the target step holds; lands on the findings, or stays on the scan with its error. */
  startScan(options?: { reportedError?: string }): Promise<void>;
  openFix(fixId: FixId): Promise<void>;
  /** Takes the server's report the user chose and, when main accepts it, runs the diagnosis again. */
  openServerReport(file: File): Promise<void>;
  /** The session's report (findings, changes, tries), saved in Downloads as HTML or JSON. */
  saveReport(format: ReportFormat): Promise<Envelope<SavedFile>>;
  /** A few lines of the session's report, for a ticket. */
  reportSummary(): Promise<Envelope<string>>;
}

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
