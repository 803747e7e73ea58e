import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { useWizard } from '../store';

/**
 * While a security-weakening test of this session is in place (the isolation test), a red bar on
 * every step says so, with "Undo it now" beside it: the weakened state is never out of sight.
 */
export function TestModeBar() {
  const { outcomes, undone, resolved, fixBusy, decideRevert } = useWizard(
    useShallow((s) => ({ outcomes: s.outcomes, undone: s.undone, resolved: s.resolved, fixBusy: s.fixBusy, decideRevert: s.decideRevert })),
  );
  const weakened = outcomes.filter(
    (o) =>
      o.revertAfterTest &&
      o.journalId &&
      !undone[o.journalId] &&
      resolved[o.journalId]?.kind !== 'reverted' &&
      (o.status === 'fixed' || o.status === 'not-fixed'),
  );
  if (weakened.length === 0) return null;
  return (
    <div className="test-mode-bar" role="region" aria-label="Test mode">
      {weakened.map((o) => (
        <div key={o.journalId} className="test-mode-row" data-test-mode={o.journalId}>
          <p>
            <strong>Test mode: security is weakened{o.computer ? ` on ${o.computer}` : ''}.</strong>{' '}
            {resolved[o.journalId!]?.kind === 'kept' ? 'You chose to keep it for now. ' : ''}“{getFix(o.fixId).title}” is still in place.
          </p>
          <button type="button" onClick={() => void decideRevert(o.journalId!, true)} disabled={fixBusy}>
            Undo it now
          </button>
        </div>
      ))}
    </div>
  );
}
