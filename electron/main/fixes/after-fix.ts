import { scripts } from '../../../shared/catalog/scripts';
import type {
  CancelRestartOutcome,
  FixOutcome,
  JournalEntry,
  PendingChanges,
  RestartOutcome,
  UndoAllOutcome,
  UndoOutcome,
} from '../../../shared/results';
import { WindowsError } from '../windows-error';
import { fixPlace } from './fix-preview';
import { FixSteps, IN_FLIGHT, UNDOABLE, isCancelled, messageOf, rethrowDeath } from './fix-steps';

/** States in which a timer has nothing left to put back: still being made, or already over. */
const IN_FLIGHT_OR_DONE: readonly JournalEntry['state'][] = [
  ...IN_FLIGHT.filter((s) => s !== 'applied'),
  'rolled-back',
  'undone',
  'failed',
];

/**
 * What follows a change, read from the journal: undo one, undo all (newest first), roll back one a
 * crash interrupted, restart the computer a change needs, keep a weakened setting; and what is
 * still pending.
 */
export class AfterFix {
  constructor(private readonly steps: FixSteps) {}

  async undo(journalId: string): Promise<UndoOutcome> {
    const entry = (await this.steps.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!UNDOABLE.includes(entry.state)) {
      throw new WindowsError('bad-request', `That change cannot be undone: it is ${entry.state}.`);
    }
    if (this.steps.active.has(entry.id)) throw new WindowsError('bad-request', 'That change is still being made.');
    return this.steps.batch(() => this.undoEntry(entry));
  }

  private async undoEntry(entry: JournalEntry): Promise<UndoOutcome> {
    const fix = this.steps.lookup(entry.fixId);
    const undo = (await this.steps.runStep(fix, fix.undoScript, this.steps.changeArgs(fix.undoScript, entry), entry)) as {
      restored: string[];
    };
    await this.steps.journal.update(entry, { state: 'undone', revertAfterTest: false });
    return {
      journalId: entry.id,
      restored: undo.restored,
      message: undo.restored.length ? `Undone: ${undo.restored.join('; ')}.` : 'Undone: nothing needed to change back.',
    };
  }

  /**
   * Replays the journal backwards: the newest change first, so each undo finds the state its own
   * fix left. One that fails is reported and kept; the older ones are still undone.
   */
  async undoAll(): Promise<UndoAllOutcome> {
    // A change that cannot be put back (the catalog's cannotUndo) is left out: "All N were undone"
    // counts only what was.
    const entries = (await this.steps.journal.load())
      .filter((e) => UNDOABLE.includes(e.state) && !this.steps.active.has(e.id) && !this.steps.lookup(e.fixId).cannotUndo)
      .reverse();
    if (entries.length === 0) return { undone: [], failed: [], message: 'There were no changes to undo.' };
    return this.steps.batch(async () => {
      const result: UndoAllOutcome = { undone: [], failed: [], message: '' };
      for (const entry of entries) {
        try {
          result.undone.push(await this.undoEntry(entry));
        } catch (err) {
          rethrowDeath(err);
          result.failed.push({ journalId: entry.id, fixId: entry.fixId, message: messageOf(err) });
          // Without permission nothing else can be undone either; do not ask again per change.
          if (isCancelled(err)) break;
        }
      }
      const n = result.undone.length;
      const titles = entries
        .filter((e) => result.undone.some((u) => u.journalId === e.id))
        .map((e) => `“${this.steps.lookup(e.fixId).title}”`)
        .join(', ');
      result.message =
        result.failed.length === 0
          ? `Undone${n === 1 ? '' : `, newest first (${n})`}: ${titles}.`
          : `${n} of ${entries.length} changes were undone; ${entries.length - n} could not be: ${result.failed.map((f) => f.message).join('; ')}`;
      return result;
    });
  }

  /** Every change in the journal, read under its lock (a load may set a damaged journal aside). */
  async entries(): Promise<JournalEntry[]> {
    return this.settleTimers(await this.steps.journal.load());
  }

  /**
   * Temporary changes whose time is up: asks the computer each was made on (when it can be
   * reached from here, as every run of a change's scripts) what its scheduled task did, and
   * records a change the task put back as undone by the timer. One it cannot ask stays as it is.
   */
  private async settleTimers(all: JournalEntry[]): Promise<JournalEntry[]> {
    const now = this.steps.ports.clock.now().getTime();
    const due = all.filter(
      (e) => e.revertsAt && Date.parse(e.revertsAt) <= now && !IN_FLIGHT_OR_DONE.includes(e.state) && !this.steps.active.has(e.id),
    );
    for (const entry of due) {
      const fix = this.steps.lookup(entry.fixId);
      let facts;
      try {
        const where = this.steps.whereForEntry(fix, entry, 'read its timer');
        const options = { elevated: false, timeoutMs: this.steps.timeoutMs, side: fix.side, where };
        this.steps.requireSameComputer(entry, options);
        facts = scripts['read-revert-timers'].facts.parse(
          await this.steps.ports.windows.run('read-revert-timers', { ids: [entry.id] }, options),
        );
      } catch (err) {
        rethrowDeath(err);
        continue;
      }
      const timer = facts.timers.find((t) => t.id === entry.id);
      if (timer?.state === 'restored') {
        await this.steps.journal.update(entry, {
          state: 'undone',
          undoneBy: 'timer',
          revertAfterTest: false,
          message: `Put back by its timer${timer.at ? ` at ${timer.at}` : ''}: ${timer.detail ?? ''}`,
        });
      } else if (timer?.state === 'failed' && !entry.message.startsWith('Its timer')) {
        await this.steps.journal.update(entry, {
          message: `Its timer could not put it back (${timer.detail ?? 'no reason given'}); undo it here.`,
        });
      }
    }
    return all;
  }

  /** Fixes a crash cut short, and weakened settings the user has not yet reverted or kept. */
  async pending(): Promise<PendingChanges> {
    const all = await this.settleTimers(await this.steps.journal.load());
    return {
      interrupted: all.filter((e) => IN_FLIGHT.includes(e.state) && !this.steps.active.has(e.id)),
      awaitingRevert: all.filter((e) => e.revertAfterTest === true && (e.state === 'verified' || e.state === 'not-verified')),
      notice: this.steps.journal.notice(),
    };
  }

  async rollBackInterrupted(entry: JournalEntry): Promise<FixOutcome> {
    if (entry.state === 'started') {
      // Backup scripts only read and save: a fix stopped there had not changed anything.
      await this.steps.journal.update(entry, {
        state: 'rolled-back',
        message: 'Interrupted while saving the backup; nothing had been changed.',
      });
      return this.steps.outcomeOf(
        entry.fixId,
        entry,
        'rolled-back',
        'Nothing had been changed: the fix stopped while it was saving the backup.',
      );
    }
    const fix = this.steps.lookup(entry.fixId);
    try {
      const undo = (await this.steps.runStep(fix, fix.undoScript, this.steps.changeArgs(fix.undoScript, entry), entry)) as {
        restored: string[];
      };
      await this.steps.journal.update(entry, {
        state: 'rolled-back',
        message: 'Interrupted; rolled back from the backup on the next start.',
      });
      return this.steps.outcomeOf(
        entry.fixId,
        entry,
        'rolled-back',
        undo.restored.length
          ? `Rolled back: ${undo.restored.join('; ')}.`
          : 'Rolled back: the fix had not changed anything yet, so nothing needed to change back.',
      );
    } catch (err) {
      rethrowDeath(err);
      if (isCancelled(err)) {
        return this.steps.outcomeOf(
          entry.fixId,
          entry,
          'cancelled',
          'Administrator permission was not given; the interrupted fix is still listed.',
        );
      }
      return this.steps.outcomeOf(entry.fixId, entry, 'failed', `The roll-back failed (${messageOf(err)}). The backup is kept; try again.`);
    }
  }

  /**
   * "Restart now" after a change that takes effect only when its computer restarts: schedules
   * that restart (Windows' one-minute notice first), on the computer the change was made on and
   * nowhere else, as administrator.
   */
  async restart(journalId: string): Promise<RestartOutcome> {
    const entry = (await this.steps.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    const fix = this.steps.lookup(entry.fixId);
    if (fix.restart !== 'computer') throw new WindowsError('bad-request', `"${fix.title}" takes effect without restarting the computer.`);
    if (entry.state !== 'verified' && entry.state !== 'not-verified' && entry.state !== 'applied') {
      throw new WindowsError('bad-request', `That change is ${entry.state}: there is nothing a restart would complete.`);
    }
    const where = this.steps.whereForEntry(fix, entry, 'restart it');
    const options = { elevated: true, timeoutMs: this.steps.timeoutMs, side: fix.side, where, backupId: entry.id };
    this.steps.requireSameComputer(entry, options);
    const raw = await this.steps.ports.windows.run('restart-computer', {}, options);
    const facts = scripts['restart-computer'].facts.safeParse(raw);
    if (!facts.success) throw new WindowsError('bad-facts', 'restart-computer answered in an unexpected shape.');
    const computer = entry.computer ?? fixPlace(this.steps.ports, fix, entry.target).computer;
    return { journalId, computer, inSeconds: facts.data.restartInSeconds, cancelCommand: facts.data.cancelCommand };
  }

  /**
   * "Cancel restart": calls off the restart `restart` scheduled for that change (shutdown.exe /a),
   * on the computer that was told to restart and nowhere else, as administrator. None pending is
   * an answer (it began, or someone called it off), not a failure.
   */
  async cancelRestart(journalId: string): Promise<CancelRestartOutcome> {
    const entry = (await this.steps.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    const fix = this.steps.lookup(entry.fixId);
    if (fix.restart !== 'computer') throw new WindowsError('bad-request', `"${fix.title}" takes effect without restarting the computer.`);
    const where = this.steps.whereForEntry(fix, entry, 'call off its restart');
    const options = { elevated: true, timeoutMs: this.steps.timeoutMs, side: fix.side, where, backupId: entry.id };
    this.steps.requireSameComputer(entry, options);
    const raw = await this.steps.ports.windows.run('abort-restart', {}, options);
    const facts = scripts['abort-restart'].facts.safeParse(raw);
    if (!facts.success) throw new WindowsError('bad-facts', 'abort-restart answered in an unexpected shape.');
    const computer = entry.computer ?? fixPlace(this.steps.ports, fix, entry.target).computer;
    return { journalId, computer, cancelled: facts.data.cancelled };
  }

  /** The user tested the connection and keeps the weakened setting: stop offering to revert it. */
  async keep(journalId: string): Promise<JournalEntry> {
    const entry = (await this.steps.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!entry.revertAfterTest) throw new WindowsError('bad-request', 'That change is not waiting for a decision.');
    await this.steps.journal.update(entry, { revertAfterTest: false });
    return entry;
  }
}
