import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import type { FixId } from '../../../shared/catalog/types';
import { getCheck } from '../../../shared/catalog/checks';
import { plainLines } from '../../../shared/catalog/wording';
import { inOneWord, WORDS } from '../../../shared/catalog/words';
import { TechnicalDetails } from './TechnicalDetails';
import { hostKey } from '../../../shared/server-place';
import type { FixOutcome, FixPreview } from '../../../shared/results';
import { useWizard } from '../store';
import { CheckResults } from './CheckResults';
import { RestartNeeded } from './RestartNeeded';
import { TryConnect } from './TryConnect';
import { timeOfDay, turnsBackAt } from './turns-back';

const statusTitle = {
  fixed: 'Fixed',
  'not-fixed': 'Changed, but not fixed yet',
  'rolled-back': WORDS.failedAndUndone,
  failed: 'Nothing was changed',
  cancelled: 'Cancelled',
} as const;

/** What became of the fix: its status, what changed, the check again, and what to do next (undo, decide, restart). */
/** What a change that weakens security is for, said while it is in place (the isolation test's was once said for all of them). */
const TEST_MODE_NOTE = 'This is a test. Try connecting now: if it works, this setting was in the way. Then undo it, whatever the result.';
const TEST_MODE_NOTES: Partial<Record<FixId, string>> = {
  'rdp-security-isolation-test':
    'This is a test. Try connecting now: if it works, the certificate or TLS is the cause. Then undo it, whatever the result.',
  'allow-ntlm-to-server':
    "Try connecting now. The exception stays until you undo it; undo it once you can connect by the server's name from a computer in its domain.",
};

export function FixOutcomeCard({ outcome, preview, onAskAgain }: { outcome: FixOutcome; preview: FixPreview; onAskAgain: () => void }) {
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
    ? WORDS.undone
    : restartNeeded
      ? 'Restart needed'
      : testMode
        ? 'Test mode: security is weakened'
        : statusTitle[outcome.status];
  const computer = outcome.computer ?? preview.computer;
  // A change that cannot be put back says so where the undo would be, and offers none.
  const fix = getFix(outcome.fixId);
  const cannotUndo = changed ? fix.cannotUndo : undefined;
  // Script-written lines are exact, for helpdesk; with technical details off, plain words where they are not plain.
  const changedShown = audience === 'helpdesk' ? outcome.changed : plainLines(outcome.changed, fix.done);
  // While a test that weakens security is in force, its checks never show success: what passes
  // passes because it was weakened on purpose (issue 23), so it is a warning with the time it ends.
  const verification = testMode
    ? outcome.verification.map((r) =>
        r.status === 'pass'
          ? {
              ...r,
              status: 'warn' as const,
              // Home users read what "weakened" means; helpdesk reads the settings as the check found them.
              summary: `Weakened on purpose ${outcome.revertsAt ? `until ${timeOfDay(outcome.revertsAt)}` : 'until you undo it'}${
                audience === 'helpdesk' || !fix.weakened ? `. ${r.summary}` : `: ${fix.weakened}.`
              }`,
            }
          : r,
      )
    : outcome.verification;
  // The heading already says "Fixed": the line under it says what that rests on, not "Fixed:" again.
  const resultLine = inOneWord(outcome.message).replace(/^Fixed: (\w)/, (_m, first: string) => first.toUpperCase());
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
            : plainLines([undo.message], [`${WORDS.undone}: ${computer} is back as it was before this fix.`])[0]}
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
              <p>{TEST_MODE_NOTES[outcome.fixId] ?? TEST_MODE_NOTE}</p>
              <button type="button" className="danger" onClick={() => void decideRevert(outcome.journalId!, true)} disabled={fixBusy}>
                {WORDS.undoOne}
              </button>
            </div>
          )}
          {changed && outcome.revertsAt && (
            <p className="reverts-at" data-reverts-at>
              <strong>{turnsBackAt(outcome.revertsAt)}</strong> on {computer}, by itself, even if RDP Doctor is closed by then.
            </p>
          )}
          {/* The engine's "Fixed: …" would contradict a result that is not fixed yet. */}
          {!restartNeeded && !testMode && <p data-result-line>{resultLine}</p>}
          {offersTry && <TryConnect accent />}
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
              <CheckResults results={verification} helpdesk={audience === 'helpdesk'} target={target} />
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
        {/* In test mode the red note above holds the one undo button. */}
        {changed && outcome.journalId && !undo && !cannotUndo && !testMode && (
          <button type="button" onClick={() => void undoFix(outcome.journalId!)} disabled={fixBusy}>
            {WORDS.undoOne}
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
