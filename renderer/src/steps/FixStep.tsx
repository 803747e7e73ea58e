import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { getCheck } from '../../../shared/catalog/checks';
import { plainLines } from '../../../shared/catalog/wording';
import { TechnicalDetails } from '../components/TechnicalDetails';
import { hostKey } from '../../../shared/server-place';
import type { FixOutcome, FixPreview, ScanResult } from '../../../shared/results';
import { useWizard } from '../store';
import { CheckResults } from '../components/CheckResults';
import { CommandView } from '../components/CommandView';
import { ErrorBanner } from '../components/ErrorBanner';
import { SavedFileNote } from '../components/SavedFileNote';
import { RestartNeeded } from '../components/RestartNeeded';
import type { SavedFile } from '../../../shared/saved-file';
import { TryConnect } from '../components/TryConnect';

const statusTitle = {
  fixed: 'Fixed',
  'not-fixed': 'Changed, but not fixed yet',
  'rolled-back': 'The fix failed and was rolled back',
  failed: 'Nothing was changed',
  cancelled: 'Cancelled',
} as const;

/** The server's firewall profile is Public: opening Remote Desktop there is not a low-risk change. */
function opensOnPublicNetwork(preview: FixPreview, scan: ScanResult | null): boolean {
  if (preview.fixId !== 'enable-firewall-rdp' || !scan) return false;
  const facts = scan.results.find((r) => r.checkId === 'server-firewall')?.facts as { activeProfiles?: unknown } | undefined;
  return Array.isArray(facts?.activeProfiles) && facts.activeProfiles.includes('Public');
}

/** The risks in the order a person needs them: who loses their session first, then what weakens. */
function riskBadges(preview: FixPreview, scan: ScanResult | null): Array<{ text: string; kind: 'low' | 'warn' | 'danger' }> {
  const def = getFix(preview.fixId);
  const badges: Array<{ text: string; kind: 'low' | 'warn' | 'danger' }> = [];
  if (preview.risk.includes('changes-security')) badges.push({ text: 'Weakens security', kind: 'danger' });
  if (opensOnPublicNetwork(preview, scan)) badges.push({ text: 'Opens Remote Desktop on a public network', kind: 'danger' });
  if (def.restart === 'services') badges.push({ text: 'Restarts Remote Desktop services', kind: 'warn' });
  if (def.restart === 'computer') badges.push({ text: `${preview.computer} must restart afterwards`, kind: 'warn' });
  if (badges.length === 0) badges.push({ text: 'Low risk', kind: 'low' });
  return badges;
}

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
  const [scriptSaved, setScriptSaved] = useState<SavedFile | null>(null);
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
          <OutcomeCard outcome={outcome} preview={preview} onAskAgain={() => void applyFix(confirmed)} />
          <details className="card planned">
            <summary>What the fix changes on {preview.computer}</summary>
            <PreviewBody preview={preview} scan={w.scan} helpdesk={audience === 'helpdesk'} />
          </details>
        </>
      ) : (
        <div className="card">
          <PreviewBody preview={preview} scan={w.scan} helpdesk={audience === 'helpdesk'} commands={false} />
        </div>
      )}
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
                setScriptSaved(await saveFixScript([preview.fixId]));
              }}
            >
              Make a fix script for {preview.computer}
            </button>
          </div>
          <p role="status" aria-live="polite" className="check-summary">
            {scriptSaved && (
              <SavedFileNote saved={scriptSaved}>
                {preview.computer}'s administrator runs it there as administrator; it prints how to undo it.
              </SavedFileNote>
            )}
          </p>
        </div>
      ) : outcome ? null : (
        <>
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
function OutcomeCard({ outcome, preview, onAskAgain }: { outcome: FixOutcome; preview: FixPreview; onAskAgain: () => void }) {
  const { undone, fixBusy, audience, undoFix, decideRevert, goTo, target, thisComputer, restarts } = useWizard(
    useShallow((s) => ({
      undone: s.undone,
      fixBusy: s.fixBusy,
      audience: s.audience,
      undoFix: s.undoFix,
      decideRevert: s.decideRevert,
      goTo: s.goTo,
      target: s.scan?.target,
      thisComputer: s.scan?.thisComputer,
      restarts: s.restarts,
    })),
  );
  const title = useRef<HTMLHeadingElement>(null);
  // Focus the result's heading: keyboard and screen-reader users land on what happened.
  useEffect(() => {
    // The result sits right under the fix's title: from the top of the page both are in view.
    window.scrollTo({ top: 0 });
    title.current?.focus({ preventScroll: true });
  }, [outcome]);
  const undo = outcome.journalId ? undone[outcome.journalId] : undefined;
  const changed = outcome.status === 'fixed' || outcome.status === 'not-fixed';
  const restartNeeded = changed && !undo && getFix(outcome.fixId).restart === 'computer';
  const testMode = changed && !undo && !!outcome.revertAfterTest;
  // Until Restart now or Later is chosen, Restart now is the card's one primary button.
  const restartUndecided = restartNeeded && !!outcome.journalId && restarts[outcome.journalId] === undefined;
  const kind = undo ? 'undone' : restartNeeded ? 'restart-needed' : testMode ? 'test-mode' : outcome.status;
  const heading = undo
    ? 'Undone'
    : restartNeeded
      ? 'Restart needed'
      : testMode
        ? 'Test mode: security is weakened'
        : statusTitle[outcome.status];
  const computer = outcome.computer ?? preview.computer;
  // A change that cannot be put back says so where the undo would be, and offers none.
  const cannotUndo = changed ? getFix(outcome.fixId).cannotUndo : undefined;
  // Script-written lines are exact, for helpdesk; with technical details off, plain words where they are not plain.
  const changedShown = audience === 'helpdesk' ? outcome.changed : plainLines(outcome.changed, getFix(outcome.fixId).changes);
  // "Try connecting now" is the result's one primary button when it is offered.
  const offersTry = !undo && outcome.status === 'fixed' && !restartNeeded;

  return (
    <div className={`card outcome outcome-${kind}`} role="status" data-outcome={outcome.status} data-shown={kind}>
      <h2 ref={title} tabIndex={-1}>
        {heading}
      </h2>
      {undo ? (
        <p>
          {audience === 'helpdesk'
            ? undo.message
            : plainLines([undo.message], [`Undone: ${computer} is back as it was before this fix.`])[0]}
        </p>
      ) : (
        <>
          {restartNeeded && (
            <RestartNeeded
              journalId={outcome.journalId}
              computer={computer}
              inUse={!!thisComputer && hostKey(computer) === hostKey(thisComputer)}
            />
          )}
          {testMode && (
            <div className="test-mode-note">
              <p>
                This is a test. Try connecting now: if it works, the certificate or TLS is the cause. Then put it back, whatever the result.
              </p>
              <button type="button" className="danger" onClick={() => void decideRevert(outcome.journalId!, true)} disabled={fixBusy}>
                Undo it now
              </button>
            </div>
          )}
          {/* The engine's "Fixed: …" would contradict a result that is not fixed yet. */}
          {!restartNeeded && !testMode && <p>{outcome.message}</p>}
          {offersTry && <TryConnect />}
          {changedShown.length > 0 && (
            <ul>
              {changedShown.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          {/* The script's own lines, where plain words stand in for them above. */}
          {changedShown !== outcome.changed && <TechnicalDetails technical={outcome.changed.join('; ')} open={false} />}
          {cannotUndo && (
            <p className="cannot-undo" data-cannot-undo>
              {cannotUndo}
            </p>
          )}
          {restartNeeded && outcome.verification.length > 0 && (
            <>
              <h3>After the restart</h3>
              {/* Windows reads these settings only at startup: no green tick before it is true. */}
              <ul className="plain-list">
                {outcome.verification.map((v) => (
                  <li key={v.checkId} data-after-restart={v.checkId}>
                    {getCheck(v.checkId).title}: on after {computer} restarts
                  </li>
                ))}
              </ul>
            </>
          )}
          {!restartNeeded && outcome.verification.length > 0 && (
            <>
              <h3>Checked again</h3>
              <CheckResults results={outcome.verification} helpdesk={audience === 'helpdesk'} target={target} />
            </>
          )}
        </>
      )}
      <div className="actions">
        {outcome.status === 'cancelled' && (
          <button type="button" className="primary" onClick={onAskAgain} disabled={fixBusy}>
            Ask again
          </button>
        )}
        {changed && outcome.journalId && !undo && !cannotUndo && (
          <button type="button" onClick={() => void undoFix(outcome.journalId!)} disabled={fixBusy}>
            Undo this change
          </button>
        )}
        <button type="button" onClick={() => goTo('findings')}>
          Back to findings
        </button>
        <button
          type="button"
          className={offersTry || outcome.status === 'cancelled' || restartUndecided ? undefined : 'primary'}
          onClick={() => goTo('summary')}
        >
          Summary
        </button>
      </div>
    </div>
  );
}

/** What will change, where, how risky, and how to undo it: before the fix, and folded away after it. */
function PreviewBody({
  preview,
  scan,
  helpdesk,
  commands = true,
}: {
  preview: FixPreview;
  scan: ScanResult | null;
  helpdesk: boolean;
  /** False where the commands are shown below the Apply button, which must stay in view. */
  commands?: boolean;
}) {
  return (
    <>
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
        {riskBadges(preview, scan).map((b) => (
          <span key={b.text} className={`badge risk-${b.kind}`}>
            {b.text}
          </span>
        ))}
        <span className="badge">{preview.needsAdmin ? 'Needs administrator rights' : 'No administrator rights needed'}</span>
      </p>
      {opensOnPublicNetwork(preview, scan) && (
        <p className="risk-note" data-risk-note="public-network">
          {preview.computer}'s network is set to <strong>Public</strong>, the setting for cafés and airports: with these rules on, any
          computer on that network can try to sign in to it. <strong>Safer:</strong> if {preview.computer} is on a network you trust (home
          or office), set that network to Private on {preview.computer} first (Settings, Network &amp; internet, the network, Network
          profile type: Private), then check again.
        </p>
      )}
      <p>
        <strong>Undo:</strong> {preview.undoPlain} A backup is made before anything changes.
      </p>
      {preview.needsAdmin && preview.canApply && (
        <p className="meta" data-permission>
          {preview.side === 'server' && scan?.server.kind === 'remoting'
            ? `It runs on ${preview.computer} over PowerShell remoting, with the administrator account you connected with: nothing asks for permission on this computer.`
            : 'Windows will ask once for administrator permission. If you say no, nothing is changed.'}
        </p>
      )}
      {preview.prompt && (
        <div className="meta" aria-label="What the administrator prompt will show">
          <p>
            The prompt will say <strong>{preview.prompt.program}</strong>, verified publisher <strong>{preview.prompt.publisher}</strong>.
            Under “Show more details”, its program location must read exactly as below (the process id{' '}
            {preview.prompt.commandLine.match(/-AppPid (\d+)/)?.[1]} is this RDP Doctor). If a prompt shows anything else, answer No.
          </p>
          <pre className="command">{preview.prompt.commandLine}</pre>
        </div>
      )}
      {commands && scan && <CommandView request={{ kind: 'fix', fixId: preview.fixId, target: scan.target }} open={helpdesk} />}
    </>
  );
}
