import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { formatTarget } from '../../../shared/target';
import { useWizard } from '../store';
import { ErrorBanner } from '../components/ErrorBanner';

export function SummaryStep() {
  const { scan, outcomes, undone, fixBusy, fixError, undoFix, startOver, goTo } = useWizard(
    useShallow((s) => ({
      scan: s.scan,
      outcomes: s.outcomes,
      undone: s.undone,
      fixBusy: s.fixBusy,
      fixError: s.fixError,
      undoFix: s.undoFix,
      startOver: s.startOver,
      goTo: s.goTo,
    })),
  );
  return (
    <section aria-labelledby="summary-title">
      <h1 id="summary-title" tabIndex={-1}>
        Summary
      </h1>
      {scan && (
        <div className="card">
          <h2>{formatTarget(scan.target)}</h2>
          <p>
            {scan.results.length} checks, {scan.findings.length} {scan.findings.length === 1 ? 'finding' : 'findings'}
            {scan.findings[0] ? `; most likely: ${scan.findings[0].title}.` : '.'}
          </p>
        </div>
      )}
      <div className="card">
        <h2>Changes made</h2>
        {fixError && <ErrorBanner error={fixError} />}
        {outcomes.length === 0 ? (
          <p>No changes were made.</p>
        ) : (
          <ul className="changes">
            {outcomes.map((o) => {
              const undo = o.journalId ? undone[o.journalId] : undefined;
              const undoable = o.journalId && !undo && (o.status === 'fixed' || o.status === 'not-fixed');
              return (
                <li key={o.journalId ?? o.fixId} data-journal={o.journalId ?? ''}>
                  <div className="grow">
                    <strong>{getFix(o.fixId).title}</strong> — {undo ? 'undone' : o.status}
                    <div className="check-summary">{undo ? undo.message : o.message}</div>
                  </div>
                  {undoable && (
                    <button type="button" onClick={() => void undoFix(o.journalId!)} disabled={fixBusy}>
                      Undo
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => goTo('findings')} disabled={!scan}>
          Back to findings
        </button>
        <button type="button" className="primary" onClick={startOver}>
          Check another computer
        </button>
      </div>
    </section>
  );
}
