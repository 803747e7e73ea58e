import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { formatTarget } from '../../../shared/target';
import type { JournalEntry } from '../../../shared/results';
import { WORDS } from '../../../shared/catalog/words';
import { useWizard } from '../store';

/** Where the fix stopped, in words: it decides what undoing it will have to do. */
const whereItStopped: Partial<Record<JournalEntry['state'], string>> = {
  started: 'while it was saving the backup, so nothing had been changed yet',
  'backed-up': 'after the backup was saved, while it was making the change, so the change may be half done',
  applied: 'after the change was made, before it could be checked',
};

import { formatWhen as when } from '../format';

/**
 * Shown at start when the journal holds something that needs a decision: a fix that a crash or a
 * closed window cut short, a security-weakening change from an earlier session still in place,
 * or a damaged journal.
 */
export function InterruptedBanner() {
  const { pending, resolved, outcomes, fixBusy, loadPending, resolveInterrupted, decideRevert } = useWizard(
    useShallow((s) => ({
      pending: s.pending,
      resolved: s.resolved,
      outcomes: s.outcomes,
      fixBusy: s.fixBusy,
      loadPending: s.loadPending,
      resolveInterrupted: s.resolveInterrupted,
      decideRevert: s.decideRevert,
    })),
  );
  useEffect(() => {
    void loadPending();
  }, [loadPending]);

  // The summary offers the undo for this session's own fixes; here only earlier sessions' ones.
  const thisSession = new Set(outcomes.map((o) => o.journalId));
  const interrupted = pending?.interrupted ?? [];
  const awaitingRevert = (pending?.awaitingRevert ?? []).filter((e) => !thisSession.has(e.id));
  // Decisions about this session's own weakened settings are shown on the summary instead.
  const summaryOwned = new Set(outcomes.filter((o) => o.revertAfterTest).map((o) => o.journalId));
  const done = Object.entries(resolved).filter(([id]) => !summaryOwned.has(id));
  if (!pending?.notice && interrupted.length === 0 && awaitingRevert.length === 0 && done.length === 0) return null;

  return (
    <section className="recovery" aria-labelledby="recovery-title">
      <h2 id="recovery-title">
        {interrupted.length + awaitingRevert.length > 0
          ? 'Changes from an earlier session need a decision'
          : 'Changes from an earlier session'}
      </h2>
      {pending?.notice && (
        <div className="banner banner-warning" role="alert">
          <strong>RDP Doctor’s record of the changes it made was damaged</strong>
          <p>{pending.notice}</p>
          {/* What the user does next: the diagnosis reads the settings as they are now, so no fix
              is lost with the record. */}
          <p>Start the diagnosis: it checks the current settings and offers each fix again.</p>
        </div>
      )}
      {interrupted.map((e) => (
        <div key={e.id} className="banner banner-warning" data-interrupted={e.id}>
          <strong>
            “{getFix(e.fixId).title}” on {formatTarget(e.target)} did not finish
          </strong>
          <p>
            It was started {when(e.startedAt)} and stopped {whereItStopped[e.state] ?? 'part-way'}. Undo it to have everything as it was
            before (from the backup), or finish the change.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void resolveInterrupted(e.id, 'finish')} disabled={fixBusy}>
              {WORDS.finish}
            </button>
            <button type="button" className="primary" onClick={() => void resolveInterrupted(e.id, 'roll-back')} disabled={fixBusy}>
              {WORDS.undoOne}
            </button>
          </div>
        </div>
      ))}
      {awaitingRevert.map((e) => (
        <div key={e.id} className="banner banner-warning" data-awaiting-revert={e.id}>
          <strong>
            “{getFix(e.fixId).title}” still weakens security on {formatTarget(e.target)}
          </strong>
          <p>It was meant only until the connection had been tested. Undo it now, or keep it for now.</p>
          <div className="actions">
            <button type="button" onClick={() => void decideRevert(e.id, false)} disabled={fixBusy}>
              {WORDS.keep}
            </button>
            <button type="button" className="primary" onClick={() => void decideRevert(e.id, true)} disabled={fixBusy}>
              {WORDS.undoOne}
            </button>
          </div>
        </div>
      ))}
      {done.map(([id, r]) => (
        <div key={id} className="banner banner-done" role="status" data-resolved={r.kind}>
          {r.fixId && <strong>“{getFix(r.fixId).title}”</strong>}
          <p>{r.message}</p>
        </div>
      ))}
    </section>
  );
}
