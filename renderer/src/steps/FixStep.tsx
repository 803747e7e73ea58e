import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import type { FixPreview } from '../../../shared/results';
import { useWizard } from '../store';
import { CommandView } from '../components/CommandView';
import { ErrorBanner } from '../components/ErrorBanner';
import { FixScriptRunLines } from '../components/FixScriptRunLines';
import { SavedFileNote } from '../components/SavedFileNote';
import type { SavedFile } from '../../../shared/saved-file';
import { FixOutcomeCard } from '../components/FixOutcomeCard';
import { FixPreviewBody } from '../components/FixPreviewBody';
import { RevertChoice } from '../components/RevertChoice';
import type { RevertAfter } from '../../../shared/catalog/script-def';
import { WORDS } from '../../../shared/catalog/words';

/** "People connected are disconnected", said before anything else where it applies. */
function disconnectLine(preview: FixPreview): string | null {
  const restart = getFix(preview.fixId).restart;
  if (restart === 'services')
    return `Everyone connected to ${preview.computer} by Remote Desktop is disconnected while its services restart.`;
  if (restart === 'computer') return `It takes effect only after ${preview.computer} restarts, which disconnects everyone using it.`;
  return null;
}

export function FixStep() {
  const w = useWizard(
    useShallow((s) => ({
      saveFixScript: s.saveFixScript,
      scriptBusy: s.scriptBusy,
      preview: s.preview,
      scan: s.scan,
      fixBusy: s.fixBusy,
      fixError: s.fixError,
      outcomes: s.outcomes,
      previewFrom: s.previewFrom,
      audience: s.audience,
      applyFix: s.applyFix,
      goTo: s.goTo,
    })),
  );
  const { preview, fixBusy, fixError, audience, applyFix, goTo, saveFixScript, scriptBusy } = w;
  const [confirmed, setConfirmed] = useState(false);
  // undefined: the preview's first (shortest) choice; never "until I undo it" unless chosen.
  const [revertAfter, setRevertAfter] = useState<RevertAfter | undefined>(undefined);
  // The saved script and the time it was saved with (the run lines say that time, not a later choice).
  const [scriptSaved, setScriptSaved] = useState<(SavedFile & { revertAfterMinutes?: RevertAfter }) | null>(null);
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
  const outcome = w.outcomes
    .slice(w.previewFrom)
    .reverse()
    .find((o) => o.fixId === preview.fixId);
  const weakens = preview.risk.includes('changes-security');
  // A temporary fix: how long it stays, whether applied here or by the fix script on the server.
  const chosenRevert = preview.revertChoices ? (revertAfter ?? preview.revertChoices[0] ?? null) : undefined;
  const revertChoice = preview.revertChoices && (
    <RevertChoice choices={preview.revertChoices} value={chosenRevert ?? null} computer={preview.computer} onChange={setRevertAfter} />
  );
  const disconnects = disconnectLine(preview);

  return (
    <section aria-labelledby="fix-title">
      <h1 id="fix-title" tabIndex={-1}>
        {preview.title}
      </h1>
      {disconnects && !outcome && (
        <p className="banner banner-warning" data-disconnects>
          <strong>{disconnects}</strong>
        </p>
      )}
      <p className="lead">{preview.plain}</p>
      {outcome && preview.canApply ? (
        <>
          <FixOutcomeCard outcome={outcome} preview={preview} onAskAgain={() => void applyFix(confirmed, revertAfter)} />
          <details className="card planned">
            <summary>What the fix changes on {preview.computer}</summary>
            <FixPreviewBody preview={preview} scan={w.scan} helpdesk={audience === 'helpdesk'} />
          </details>
        </>
      ) : (
        <div className="card">
          <FixPreviewBody preview={preview} scan={w.scan} helpdesk={audience === 'helpdesk'} commands={false} />
        </div>
      )}
      {fixError && <ErrorBanner error={fixError} />}
      {!preview.canApply ? (
        <div className="card" data-not-here>
          <h2>Not from this computer</h2>
          <p>{preview.notHere}</p>
          {revertChoice}
          <div className="actions">
            {/* The script makes the same change: the same explicit tick first, as applying it here needs. */}
            {weakens && (
              <label className="choice confirm">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                <span>{WORDS.understandWeakens}</span>
              </label>
            )}
            <button type="button" onClick={() => goTo('findings')}>
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={scriptBusy || (weakens && !confirmed)}
              onClick={async () => {
                // A temporary fix's script puts it back after the time chosen above, as applying it here would.
                const file = await saveFixScript([preview.fixId], chosenRevert);
                setScriptSaved(file && { ...file, revertAfterMinutes: chosenRevert });
              }}
            >
              Make a fix script for {preview.computer}
            </button>
          </div>
          <p role="status" aria-live="polite" className="check-summary">
            {scriptSaved && (
              <SavedFileNote saved={scriptSaved}>{preview.computer}&apos;s administrator runs it there with the lines below.</SavedFileNote>
            )}
          </p>
          {scriptSaved && (
            <FixScriptRunLines
              fileName={scriptSaved.fileName}
              server={preview.computer}
              weakens={getFix(preview.fixId).risk.includes('changes-security')}
              revertAfterMinutes={scriptSaved.revertAfterMinutes}
            />
          )}
        </div>
      ) : outcome ? null : (
        <>
          {revertChoice}
          <div className="actions">
            {weakens && (
              <label className="choice confirm">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                <span>{WORDS.understandWeakens}</span>
              </label>
            )}
            <button type="button" onClick={() => goTo('findings')} disabled={fixBusy}>
              Back
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void applyFix(confirmed, revertAfter)}
              disabled={fixBusy || (weakens && !confirmed)}
              aria-busy={fixBusy}
            >
              {fixBusy ? 'Applying…' : 'Apply the fix'}
            </button>
          </div>
          {fixBusy && (
            <p className="applying" role="status" aria-live="polite">
              <span className="spinner" aria-hidden="true" />
              Saving a backup, making the change on {preview.computer}, then checking it again…
            </p>
          )}
        </>
      )}
      {!outcome && w.scan && (
        <CommandView request={{ kind: 'fix', fixId: preview.fixId, target: w.scan.target }} open={audience === 'helpdesk'} />
      )}
    </section>
  );
}

/** What the fix did: said truthfully (restart needed, test mode), with its undo and one primary button. */
