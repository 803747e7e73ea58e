import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReportFormat, SavedFile } from '../../../shared/saved-file';
import { useWizard } from '../store';
import { SavedFileNote } from './SavedFileNote';

/**
 * Save the session as a report (HTML, for people) or a data file (JSON, for a helpdesk's tools), or
 * copy a short summary for a ticket. The buttons say what the file is for, not its format.
 */
export function ReportActions() {
  const { hasScan, saveReport, reportSummary } = useWizard(
    useShallow((s) => ({ hasScan: s.scan !== null, saveReport: s.saveReport, reportSummary: s.reportSummary })),
  );
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<SavedFile | null>(null);
  if (!hasScan) return null;

  const save = async (format: ReportFormat) => {
    setNote('');
    setSaved(null);
    const answer = await saveReport(format);
    if (answer.ok) setSaved(answer.value);
    else setNote(`Could not save the report: ${answer.error.message}`);
  };

  return (
    <div className="actions report-actions">
      <span className="grow" role="status" aria-live="polite">
        {saved ? <SavedFileNote saved={saved} /> : note}
      </span>
      <button type="button" onClick={() => void save('html')}>
        Save report
      </button>
      <button type="button" onClick={() => void save('json')}>
        Save report as a data file
      </button>
      <button
        type="button"
        onClick={async () => {
          const summary = await reportSummary();
          if (!summary.ok) {
            setNote(`Could not make the summary: ${summary.error.message}`);
            return;
          }
          try {
            await navigator.clipboard.writeText(summary.value);
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
