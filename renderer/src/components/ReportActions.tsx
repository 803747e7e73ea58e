import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildReport, reportHtml, reportText } from '../../../shared/report/session-report';
import type { ReportFormat, SavedFile } from '../../../shared/saved-file';
import { call, errorInfo } from '../api';
import { useWizard } from '../store';
import { SavedFileNote } from './SavedFileNote';

/** Save the session as HTML or JSON, or copy a short summary for a ticket. */
export function ReportActions() {
  const w = useWizard(
    useShallow((s) => ({
      scan: s.scan,
      outcomes: s.outcomes,
      undone: s.undone,
      resolved: s.resolved,
      networkType: s.networkType,
      reportedError: s.reportedError,
      connectTries: s.connectTries,
    })),
  );
  const { scan, outcomes, undone } = w;
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<SavedFile | null>(null);
  if (!scan) return null;

  const make = async () => {
    const info = await call('getAppInfo', {});
    return buildReport({
      version: info.version,
      backend: info.windowsBackend,
      now: new Date(),
      scan,
      outcomes,
      undone,
      networkType: w.networkType,
      reportedError: w.reportedError,
      connectTries: w.connectTries,
      kept: Object.entries(w.resolved).flatMap(([id, r]) => (r.kind === 'kept' ? [id] : [])),
    });
  };
  const stamp = scan.startedAt.slice(0, 16).replace(/[:T]/g, '-');
  const baseName = `rdp-doctor-${scan.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${stamp}`;
  const save = async (format: ReportFormat) => {
    setNote('');
    setSaved(null);
    try {
      const report = await make();
      const text = format === 'html' ? reportHtml(report) : JSON.stringify(report, null, 2);
      setSaved(await call('saveReport', { format, baseName, text }));
    } catch (err) {
      setNote(`Could not save the report: ${errorInfo(err).message}`);
    }
  };

  return (
    <div className="actions report-actions">
      <span className="grow" role="status" aria-live="polite">
        {saved ? <SavedFileNote saved={saved} /> : note}
      </span>
      <button type="button" onClick={() => void save('html')}>
        Save report (HTML)
      </button>
      <button type="button" onClick={() => void save('json')}>
        Save report (JSON)
      </button>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(reportText(await make()));
            setSaved(null);
            setNote('Summary copied.');
          } catch {
            setNote('Could not reach the clipboard; save the report instead.');
          }
        }}
      >
        Copy summary for a ticket
      </button>
    </div>
  );
}
