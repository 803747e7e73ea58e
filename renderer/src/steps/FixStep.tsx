import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWizard } from '../store';
import { CommandBlock } from '../components/CommandBlock';
import { CheckResults } from '../components/CheckResults';
import { ErrorBanner } from '../components/ErrorBanner';
import { TryConnect } from '../components/TryConnect';
import { download } from '../download';

const riskText = {
  low: 'Low risk',
  'changes-security': 'Weakens security',
  'needs-restart': 'Restarts Remote Desktop services',
} as const;

const statusTitle = {
  fixed: 'Fixed',
  'not-fixed': 'Changed, but not fixed yet',
  'rolled-back': 'The fix failed and was rolled back',
  failed: 'Nothing was changed',
  cancelled: 'Cancelled',
} as const;

export function FixStep() {
  const { preview, fixBusy, fixError, outcomes, previewFrom, audience, applyFix, goTo, makeFixScript, scriptBusy } = useWizard(
    useShallow((s) => ({
      makeFixScript: s.makeFixScript,
      scriptBusy: s.scriptBusy,
      preview: s.preview,
      fixBusy: s.fixBusy,
      fixError: s.fixError,
      outcomes: s.outcomes,
      previewFrom: s.previewFrom,
      audience: s.audience,
      applyFix: s.applyFix,
      goTo: s.goTo,
    })),
  );
  const [confirmed, setConfirmed] = useState(false);
  const [scriptNote, setScriptNote] = useState('');
  if (!preview) {
    return (
      <section aria-labelledby="fix-title">
        <h1 id="fix-title" tabIndex={-1}>
          Preparing the fix…
        </h1>
        {fixError && <ErrorBanner error={fixError} />}
      </section>
    );
  }
  const outcome = outcomes.slice(previewFrom).reverse().find((o) => o.fixId === preview.fixId);
  const weakens = preview.risk.includes('changes-security');

  return (
    <section aria-labelledby="fix-title">
      <h1 id="fix-title" tabIndex={-1}>
        {preview.title}
      </h1>
      <p className="lead">{preview.plain}</p>
      <div className="card">
        <h2>
          What will change on {preview.computer}
          {preview.side === 'client' ? ' (this computer)' : ''}
        </h2>
        <ul>
          {preview.changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p className="meta">
          <span className="badge">{preview.needsAdmin ? 'Needs administrator rights' : 'No administrator rights needed'}</span>{' '}
          {preview.risk.map((r) => (
            <span key={r} className={`badge risk-${r}`}>
              {riskText[r]}
            </span>
          ))}
        </p>
        <p>
          <strong>Undo:</strong> {preview.undoPlain} A backup is made before anything changes.
        </p>
        {preview.needsAdmin && (
          <p className="meta">
            Windows will ask once for administrator permission. If you say no, nothing is changed.
          </p>
        )}
        <details open={audience === 'helpdesk'}>
          <summary>Show the PowerShell</summary>
          {preview.commands.map((c, i) => (
            <CommandBlock key={c} command={c} label={`Command ${i + 1}`} />
          ))}
        </details>
      </div>
      {fixError && <ErrorBanner error={fixError} />}
      {!preview.canApply ? (
        <div className="card" data-not-here>
          <h2>Not from this computer</h2>
          <p>{preview.notHere}</p>
          <div className="actions">
            <button type="button" onClick={() => goTo('findings')}>
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={scriptBusy}
              onClick={async () => {
                const file = await makeFixScript([preview.fixId]);
                if (!file) return;
                download(file.fileName, file.content);
                setScriptNote(`Saved ${file.fileName}. ${preview.computer}'s administrator runs it there as administrator; it prints how to undo it.`);
              }}
            >
              Make a fix script for {preview.computer}
            </button>
          </div>
          <p role="status" aria-live="polite" className="check-summary">
            {scriptNote}
          </p>
        </div>
      ) : outcome ? (
        <div className={`card outcome outcome-${outcome.status}`} role="status" data-outcome={outcome.status}>
          <h2>{statusTitle[outcome.status]}</h2>
          <p>{outcome.message}</p>
          {outcome.changed.length > 0 && (
            <ul>
              {outcome.changed.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          {outcome.verification.length > 0 && (
            <>
              <h3>Checked again</h3>
              <CheckResults results={outcome.verification} helpdesk={audience === 'helpdesk'} />
            </>
          )}
          {outcome.status === 'fixed' && <TryConnect />}
          <div className="actions">
            {outcome.status === 'cancelled' && (
              <button type="button" onClick={() => void applyFix(confirmed)} disabled={fixBusy}>
                Ask again
              </button>
            )}
            <button type="button" onClick={() => goTo('findings')}>
              Back to findings
            </button>
            <button type="button" className="primary" onClick={() => goTo('summary')}>
              Summary
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {weakens && (
            <label className="choice confirm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>I understand this weakens security and want it only until the real cause is fixed.</span>
            </label>
          )}
          <button type="button" onClick={() => goTo('findings')} disabled={fixBusy}>
            Back
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void applyFix(confirmed)}
            disabled={fixBusy || (weakens && !confirmed)}
            aria-busy={fixBusy}
          >
            {fixBusy ? 'Applying…' : 'Apply the fix'}
          </button>
        </div>
      )}
    </section>
  );
}
