import { randomUUID } from 'node:crypto';
import type { FixDef, FixId } from '../../../shared/catalog/fixes';
import type { RevertAfter } from '../../../shared/catalog/script-def';
import type { ScriptId } from '../../../shared/catalog/scripts';
import type {
  FixOutcome,
  JournalEntry,
  PendingChanges,
  ResolveAction,
  RestartOutcome,
  CancelRestartOutcome,
  UndoAllOutcome,
  UndoOutcome,
} from '../../../shared/results';
import type { Target } from '../../../shared/target';
import type { Ports, RunOptions } from '../ports';
import { WindowsError } from '../windows-error';
import { elevatedActionIds } from '../elevation/allow-list';
import { runScriptCheck } from '../scan/run-check';
import { AfterFix } from './after-fix';
import { fixPlace } from './fix-preview';
import { FixSteps, IN_FLIGHT, isCancelled, messageOf, rethrowDeath, type FixEngineOptions } from './fix-steps';
import { ProcessDied } from './process-died';
import { backupArgsOf } from './script-args';

export type { FixEngineOptions } from './fix-steps';

/**
 * Backup, then apply, then verify; the journal is saved before each step so an interrupted fix
 * can be found and rolled back or finished on the next start. A failed apply is rolled back from
 * the backup. Every public method runs inside one Windows batch: one administrator prompt.
 */
export class FixEngine {
  private readonly steps: FixSteps;
  private readonly after: AfterFix;

  constructor(ports: Ports, options: FixEngineOptions = {}) {
    this.steps = new FixSteps(ports, options);
    this.after = new AfterFix(this.steps);
  }

  private requireConfirmation(fixIds: readonly FixId[], confirmed: boolean) {
    const weakening = fixIds.map(this.steps.lookup).filter((f) => f.risk.includes('changes-security'));
    if (weakening.length > 0 && !confirmed) {
      throw new WindowsError(
        'bad-request',
        `${weakening.map((f) => `"${f.title}"`).join(', ')} weakens security and needs your explicit confirmation first.`,
      );
    }
  }

  /**
   * `revertAfterMinutes`: for a temporary fix, how long until a scheduled task on the computer
   * changed puts it back (null: until the user undoes it); refused for any other fix.
   */
  async apply(fixId: FixId, target: Target, confirmedSecurityChange: boolean, revertAfterMinutes: RevertAfter = null): Promise<FixOutcome> {
    this.requireConfirmation([fixId], confirmedSecurityChange);
    const fix = this.steps.lookup(fixId);
    if (revertAfterMinutes !== null && !fix.temporary) {
      throw new WindowsError('bad-request', `"${fix.title}" is not a temporary change, so it cannot put itself back.`);
    }
    this.steps.whereFor(fix, target);
    return this.steps.batch(() => this.start(fixId, target, undefined, revertAfterMinutes), [fixId]);
  }

  /**
   * Several fixes under one elevation. Each is journaled and rolled back on its own; a declined
   * prompt stops the batch, since asking again for each remaining fix is what the batch avoids.
   * `revertAfterMinutes` goes to each temporary fix of the batch (as `apply` takes it for one);
   * refused when the batch has none.
   */
  async applyBatch(
    fixIds: readonly FixId[],
    target: Target,
    confirmedSecurityChange: boolean,
    revertAfterMinutes: RevertAfter = null,
  ): Promise<FixOutcome[]> {
    this.requireConfirmation(fixIds, confirmedSecurityChange);
    if (revertAfterMinutes !== null && !fixIds.some((id) => this.steps.lookup(id).temporary)) {
      throw new WindowsError('bad-request', 'None of these fixes is a temporary change, so none can put itself back after a time.');
    }
    for (const fixId of fixIds) this.steps.whereFor(this.steps.lookup(fixId), target);
    const batchId = randomUUID();
    return this.steps.batch(async () => {
      const outcomes: FixOutcome[] = [];
      for (const fixId of fixIds) {
        if (outcomes.at(-1)?.status === 'cancelled') {
          outcomes.push(this.steps.outcomeOf(fixId, null, 'cancelled', 'Not run: administrator permission was not given.'));
          continue;
        }
        outcomes.push(await this.start(fixId, target, batchId, this.steps.lookup(fixId).temporary ? revertAfterMinutes : null));
      }
      return outcomes;
    }, fixIds);
  }

  private async start(
    fixId: FixId,
    target: Target,
    batchId: string | undefined,
    revertAfterMinutes: RevertAfter = null,
  ): Promise<FixOutcome> {
    const fix = this.steps.lookup(fixId);
    const now = this.steps.ports.clock.now().toISOString();
    const where = this.steps.whereFor(fix, target);
    const ranOn = this.steps.computerFor({ side: fix.side, where });
    const entry: JournalEntry = {
      // The id the preview named the backup folder by (planned then), or a new one.
      id: this.steps.takePlannedId(fixId, target),
      fixId,
      target,
      state: 'started',
      startedAt: now,
      updatedAt: now,
      backup: null,
      changed: [],
      message: '',
      ...(batchId ? { batchId } : {}),
      computer: fixPlace(this.steps.ports, fix, target).computer,
      ...(ranOn ? { ranOn } : {}),
      ...(fix.risk.includes('changes-security') ? { revertAfterTest: true } : {}),
      ...(revertAfterMinutes !== null ? { revertAfterMinutes } : {}),
    };
    await this.steps.journal.update(entry, {});
    return this.continueFrom(entry);
  }

  /** Takes an entry from whatever step the journal says it reached to the end. */
  private async continueFrom(entry: JournalEntry): Promise<FixOutcome> {
    this.steps.active.add(entry.id);
    try {
      const fix = this.steps.lookup(entry.fixId);
      if (entry.state === 'started') {
        const failed = await this.backUp(entry, fix);
        if (failed) return failed;
      }
      if (entry.state === 'backed-up') {
        const failed = await this.applyChange(entry, fix);
        if (failed) return failed;
      }
      return await this.verify(entry, fix);
    } finally {
      this.steps.active.delete(entry.id);
    }
  }

  private async backUp(entry: JournalEntry, fix: FixDef): Promise<FixOutcome | null> {
    try {
      const backup = await this.steps.runStep(fix, fix.backupScript, backupArgsOf(fix, this.steps.backupDirOf(entry), entry.target), entry);
      await this.steps.journal.update(entry, { state: 'backed-up', backup });
      return null;
    } catch (err) {
      rethrowDeath(err);
      if (isCancelled(err)) {
        await this.steps.journal.update(entry, { state: 'failed', message: 'Cancelled: administrator permission was not given.' });
        return this.steps.outcomeOf(entry.fixId, entry, 'cancelled', 'Administrator permission was not given, so nothing was changed.');
      }
      await this.steps.journal.update(entry, { state: 'failed', message: `Backup failed: ${messageOf(err)}` });
      return this.steps.outcomeOf(entry.fixId, entry, 'failed', `Nothing was changed: the backup could not be made (${messageOf(err)}).`);
    }
  }

  private async applyChange(entry: JournalEntry, fix: FixDef): Promise<FixOutcome | null> {
    try {
      const applied = (await this.steps.runStep(fix, fix.script, this.steps.changeArgs(fix.script, entry), entry)) as {
        changed: string[];
        revertsAt?: string;
      };
      await this.steps.journal.update(entry, {
        state: 'applied',
        changed: applied.changed,
        ...(applied.revertsAt ? { revertsAt: applied.revertsAt } : {}),
      });
      return null;
    } catch (err) {
      rethrowDeath(err);
      return this.rollBackAfter(entry, fix, err);
    }
  }

  /** The apply step failed, perhaps half-way: the backup is replayed whatever it had done. */
  private async rollBackAfter(entry: JournalEntry, fix: FixDef, err: unknown): Promise<FixOutcome> {
    try {
      const undo = (await this.steps.runStep(fix, fix.undoScript, this.steps.changeArgs(fix.undoScript, entry), entry)) as {
        restored: string[];
      };
      await this.steps.journal.update(entry, { state: 'rolled-back', message: `Failed: ${messageOf(err)}` });
      return this.steps.outcomeOf(
        entry.fixId,
        entry,
        'rolled-back',
        undo.restored.length
          ? `The fix failed (${messageOf(err)}). What it had changed was put back from the backup: ${undo.restored.join('; ')}.`
          : `The fix failed (${messageOf(err)}) before it had changed anything.`,
      );
    } catch (undoErr) {
      rethrowDeath(undoErr);
      // The entry stays "backed-up": the next start offers the roll-back again.
      await this.steps.journal.update(entry, { message: `Failed and not rolled back: ${messageOf(undoErr)}` });
      return this.steps.outcomeOf(
        entry.fixId,
        entry,
        'failed',
        `The fix failed (${messageOf(err)}) and the automatic roll-back failed too (${messageOf(undoErr)}). The backup is kept in the journal; try "Undo" again once the server answers.`,
      );
    }
  }

  private async verify(entry: JournalEntry, fix: FixDef): Promise<FixOutcome> {
    // A check turns any error into a result, a death too; a dead process reports nothing, so the
    // death is taken out of the results and the journal stays "applied".
    let died: ProcessDied | null = null;
    const windows = this.steps.ports.windows;
    // A check only an administrator can read (the key file's permissions) is read as one after a
    // fix that ran as administrator: inside the fix's batch, so under the same prompt. Unelevated
    // it could only say "access denied", and the fix would never count as verified.
    const asAdmin = (script: ScriptId, options: RunOptions): RunOptions =>
      fix.needsAdmin && elevatedActionIds.has(script) ? { ...options, elevated: true, backupId: entry.id } : options;
    const watched: Ports = {
      ...this.steps.ports,
      windows: {
        description: windows.description,
        run: (script, args, options) =>
          windows.run(script, args, asAdmin(script, options)).catch((err: unknown) => {
            if (err instanceof ProcessDied) died = err;
            throw err;
          }),
      },
    };
    const place = this.steps.ports.servers.placeFor(entry.target);
    const verification = await Promise.all(fix.verifies.map((c) => runScriptCheck(watched, c, entry.target, place)));
    if (died) throw died;
    const passed = verification.every((v) => v.status === 'pass');
    await this.steps.journal.update(entry, { state: passed ? 'verified' : 'not-verified' });
    if (passed)
      return this.steps.outcomeOf(entry.fixId, entry, 'fixed', 'Fixed: the check that found the problem passes now.', verification);
    const unchecked = verification.find((v) => v.status === 'error' || v.status === 'unavailable');
    return this.steps.outcomeOf(
      entry.fixId,
      entry,
      'not-fixed',
      unchecked
        ? `The change was made, but it could not be checked again (${unchecked.summary}). You can undo it from the summary.`
        : 'The change was made, but the check still fails. You can undo it from the summary.',
      verification,
    );
  }

  /**
   * The journal id the next run of this fix on this target will use, and its backup folder as
   * shown (null where it cannot be known before the run): the preview names that folder.
   */
  plannedBackup(fixId: FixId, target: Target): { id: string; backupDir: string | null } {
    const id = this.steps.plannedId(fixId, target);
    return { id, backupDir: this.steps.shownBackupDir(this.steps.lookup(fixId), target, id) };
  }

  // What follows a change (after-fix.ts).
  undo(journalId: string): Promise<UndoOutcome> {
    return this.after.undo(journalId);
  }

  undoAll(): Promise<UndoAllOutcome> {
    return this.after.undoAll();
  }

  entries(): Promise<JournalEntry[]> {
    return this.after.entries();
  }

  pending(): Promise<PendingChanges> {
    return this.after.pending();
  }

  async resolveInterrupted(journalId: string, action: ResolveAction): Promise<FixOutcome> {
    const entry = (await this.steps.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!IN_FLIGHT.includes(entry.state) || this.steps.active.has(entry.id)) {
      throw new WindowsError('bad-request', `That change was not interrupted: it is ${entry.state}.`);
    }
    return this.steps.batch(
      () => (action === 'finish' ? this.continueFrom(entry) : this.after.rollBackInterrupted(entry)),
      action === 'finish' ? [entry.fixId] : [],
    );
  }

  restart(journalId: string): Promise<RestartOutcome> {
    return this.after.restart(journalId);
  }

  cancelRestart(journalId: string): Promise<CancelRestartOutcome> {
    return this.after.cancelRestart(journalId);
  }

  keep(journalId: string): Promise<JournalEntry> {
    return this.after.keep(journalId);
  }
}
