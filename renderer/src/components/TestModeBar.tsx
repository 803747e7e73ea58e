import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { WORDS } from '../../../shared/catalog/words';
import { useWizard } from '../store';
import { turnsBackAt } from './turns-back';

/**
 * While a security-weakening test of this session is in place (the isolation test), a red bar on
 * every step says so, with "Undo this change" beside it: the weakened state is never out of sight.
 */
export function TestModeBar() {
  const { outcomes, undone, resolved, fixBusy, decideRevert, settleTimers, onFixStep } = useWizard(
    useShallow((s) => ({
      // The change the fix step's result card shows: its own red note carries the undo button there.
      onFixStep:
        s.step === 'fix' && s.preview
          ? s.outcomes
              .slice(s.previewFrom)
              .reverse()
              .find((o) => o.fixId === s.preview!.fixId)?.journalId
          : undefined,
      outcomes: s.outcomes,
      undone: s.undone,
      resolved: s.resolved,
      fixBusy: s.fixBusy,
      decideRevert: s.decideRevert,
      settleTimers: s.settleTimers,
    })),
  );
  const weakened = outcomes.filter(
    (o) =>
      o.revertAfterTest &&
      o.journalId &&
      !undone[o.journalId] &&
      resolved[o.journalId]?.kind !== 'reverted' &&
      (o.status === 'fixed' || o.status === 'not-fixed'),
  );
  // When the first timer is due (a few seconds after, for the task to finish), the journal is read
  // again: a change its timer put back then shows as undone and leaves the bar.
  const nextDue = Math.min(...weakened.map((o) => (o.revertsAt ? Date.parse(o.revertsAt) : Infinity)));
  useEffect(() => {
    if (!Number.isFinite(nextDue)) return;
    const handle = setTimeout(() => void settleTimers(), Math.max(0, nextDue - Date.now()) + 10_000);
    return () => clearTimeout(handle);
  }, [nextDue, settleTimers]);
  if (weakened.length === 0) return null;
  return (
    <div className="test-mode-bar" role="region" aria-label="Test mode">
      {weakened.map((o) => (
        <div key={o.journalId} className="test-mode-row" data-test-mode={o.journalId}>
          <p>
            <strong>Test mode: security is weakened{o.computer ? ` on ${o.computer}` : ''}.</strong>{' '}
            {resolved[o.journalId!]?.kind === 'kept' ? 'You chose to keep it for now. ' : ''}“{getFix(o.fixId).title}” is still in place.
            {o.revertsAt && (
              <>
                {' '}
                <strong data-reverts-at>{turnsBackAt(o.revertsAt)}.</strong>
              </>
            )}
          </p>
          {o.journalId !== onFixStep && (
            <button type="button" onClick={() => void decideRevert(o.journalId!, true)} disabled={fixBusy}>
              {WORDS.undoOne}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
