import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildReport, reportHtml, reportText } from '../../../shared/report/session-report';
import { call } from '../api';
import { useWizard } from '../store';

import { download } from '../download';

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
  const base = `rdp-doctor-${scan.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${stamp}`;

  return (
    <div className="actions report-actions">
      <span className="grow" role="status" aria-live="polite">
        {note}
      </span>
      <button type="button" onClick={async () => download(`${base}.html`, reportHtml(await make()), 'text/html')}>
        Save report (HTML)
      </button>
      <button type="button" onClick={async () => download(`${base}.json`, JSON.stringify(await make(), null, 2), 'application/json')}>
        Save report (JSON)
      </button>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(reportText(await make()));
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
