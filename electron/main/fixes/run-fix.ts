import { randomUUID } from 'node:crypto';
import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import { getCheck } from '../../../shared/catalog/checks';
import type {
  CheckResult,
  FixOutcome,
  FixPreview,
  JournalEntry,
  PendingChanges,
  ResolveAction,
  RestartOutcome,
  CancelRestartOutcome,
  UndoAllOutcome,
  UndoOutcome,
} from '../../../shared/results';
import type { Target } from '../../../shared/target';
import type { BatchOptions, Ports, RunOptions } from '../ports';
import { WindowsError } from '../windows-error';
import { elevatedActionIds } from '../elevation/allow-list';
import { checkArgs, commandFor, runScriptCheck, whereFor } from '../scan/run-check';
import { JournalWriter } from './journal-writer';
import { ProcessDied } from './process-died';

const FIX_TIMEOUT_MS = 120_000;

/** States a fix passes through on its way; found in a journal at start, they mean a crash. */
const IN_FLIGHT: readonly JournalEntry['state'][] = ['started', 'backed-up', 'applied'];
/** States whose backup can be replayed to put the machine back. */
const UNDOABLE: readonly JournalEntry['state'][] = ['backed-up', 'applied', 'verified', 'not-verified'];

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const isCancelled = (err: unknown) => err instanceof WindowsError && err.kind === 'cancelled';
/** A killed process does nothing more: no catch block may write to the journal for it. */
const rethrowDeath = (err: unknown) => {
  if (err instanceof ProcessDied) throw err;
};

/** The scripts of these fixes that weaken security (confirmed by the user before they run). */
const weakeningScripts = (defs: readonly FixDef[]): ScriptId[] =>
  defs.filter((f) => f.needsAdmin && f.risk.includes('changes-security')).map((f) => f.script);

export interface FixEngineOptions {
  fixTimeoutMs?: number;
  /** The catalog lookup; tests pass fixes the catalog does not have (a security-weakening one). */
  lookup?: (id: FixId) => FixDef;
}

/** The computer a fix changes, by name, and whether it can be changed from here (and if not, why). */
export function fixPlace(
  ports: Ports,
  fix: FixDef,
  target: Target,
): { computer: string; where: 'here' | 'remoting' | null; notHere?: string } {
  if (fix.side === 'client') return { computer: ports.servers.me.name, where: 'here' };
  const place = ports.servers.placeFor(target);
  const computer = ports.servers.serverName(target, place);
  const where = whereFor(place);
  if (where) return { computer, where };
  return {
    computer,
    where: null,
    notHere:
      `This changes ${computer}, which is another computer: RDP Doctor is not running there and is not connected to it, ` +
      `so it will not change anything from here. Make a fix script for ${computer}'s administrator to run there, ` +
      `or connect to ${computer} with PowerShell remoting.`,
  };
}

export function previewFix(ports: Ports, fixId: FixId, target: Target): FixPreview {
  const fix: FixDef = getFix(fixId);
  const place = fixPlace(ports, fix, target);
  const backupDir = '<backup folder>';
  const placeholder = { backup: '<the backup above>' };
  return {
    fixId,
    title: fix.title,
    plain: fix.plain,
    changes: fix.changes,
    side: fix.side,
    computer: place.computer,
    canApply: place.where !== null,
    ...(place.notHere ? { notHere: place.notHere } : {}),
    needsAdmin: fix.needsAdmin,
    risk: fix.risk,
    undoPlain: fix.undoPlain,
    commands: [
      commandFor(ports, fix.backupScript, { backupDir }),
      commandFor(ports, fix.script, placeholder),
      // Verification re-runs the checks that found the problem, exactly as the scan ran them.
      ...fix.verifies.map((c) => {
        const source = getCheck(c).source;
        return source.kind === 'script' ? commandFor(ports, source.script, checkArgs(c, target)) : `(network check ${c}, run by the app)`;
      }),
    ],
  };
}

/**
 * Backup, then apply, then verify; the journal is saved before each step so an interrupted fix
 * can be found and rolled back or finished on the next start. A failed apply is rolled back from
 * the backup. Every public method runs inside one Windows batch: one administrator prompt.
 */
export class FixEngine {
  private readonly journal: JournalWriter;
  private readonly lookup: (id: FixId) => FixDef;
  private readonly timeoutMs: number;
  /** Entries this engine is working on now: in flight, but not interrupted. */
  private readonly active = new Set<string>();

  constructor(
    private readonly ports: Ports,
    options: FixEngineOptions = {},
  ) {
    this.journal = new JournalWriter(ports.journal, ports.clock);
    this.lookup = options.lookup ?? getFix;
    this.timeoutMs = options.fixTimeoutMs ?? FIX_TIMEOUT_MS;
  }

  private batch<T>(work: () => Promise<T>, fixIds: readonly FixId[] = []): Promise<T> {
    // The security-weakening fixes the user confirmed: the administrator's prompt names them.
    const options: BatchOptions = { allowWeakening: weakeningScripts(fixIds.map(this.lookup)) };
    return this.ports.windows.batch ? this.ports.windows.batch(work, options) : work();
  }

  /**
   * Runs one of a fix's scripts, as administrator only when the fix needs it, and checks its
   * facts against the catalog schema.
   */
  private async runStep(fix: FixDef, script: ScriptId, args: unknown, entry: JournalEntry): Promise<unknown> {
    const where = this.whereForEntry(fix, entry, 'continue or undo it');
    const options = { elevated: fix.needsAdmin, timeoutMs: this.timeoutMs, side: fix.side, where, backupId: entry.id };
    this.requireSameComputer(entry, options);
    const raw = await this.ports.windows.run(script, args as never, options);
    const parsed = scripts[script].facts.safeParse(raw);
    if (!parsed.success) throw new WindowsError('bad-facts', `${script} answered in an unexpected shape.`);
    return parsed.data;
  }

  /**
   * Where a fix's scripts run: a server fix only where the server is (this computer when it is the
   * target, or the remoting session); anywhere else it is refused before anything runs.
   */
  private whereFor(fix: FixDef, target: Target): 'here' | 'remoting' {
    const place = fixPlace(this.ports, fix, target);
    if (!place.where) throw new WindowsError('unavailable', place.notHere ?? 'The server is not reachable from here.');
    return place.where;
  }

  /** Where a journal entry's scripts run: where its fix runs, and only while that is the computer it changed. */
  private whereForEntry(fix: FixDef, entry: JournalEntry, toDo: string): 'here' | 'remoting' {
    try {
      return this.whereFor(fix, entry.target);
    } catch (err) {
      if (!entry.ranOn) throw err;
      throw new WindowsError(
        'unavailable',
        `This change was made on ${entry.ranOn} over PowerShell remoting. Connect to ${entry.ranOn} again to ${toDo}.`,
      );
    }
  }

  /** Where a run with these options lands: a remote server's name, or null for this computer. */
  private computerFor(options: { side: FixDef['side']; where?: 'here' | 'remoting' }): string | null {
    return this.ports.windows.computerFor?.({ elevated: false, side: options.side, where: options.where }) ?? null;
  }

  /**
   * A change is only ever continued or undone on the computer it was made on: after helpdesk
   * disconnects from a server, its undo must not run against this computer instead.
   */
  private requireSameComputer(entry: JournalEntry, options: { side: FixDef['side']; where?: 'here' | 'remoting' }) {
    const here = this.computerFor(options);
    const there = entry.ranOn ?? null;
    if (here === there) return;
    throw new WindowsError(
      'unavailable',
      there
        ? `This change was made on ${there} over PowerShell remoting. Connect to ${there} again to continue or undo it.`
        : `This change was made on this computer. Disconnect from ${here} to continue or undo it here.`,
    );
  }

  private requireConfirmation(fixIds: readonly FixId[], confirmed: boolean) {
    const weakening = fixIds.map(this.lookup).filter((f) => f.risk.includes('changes-security'));
    if (weakening.length > 0 && !confirmed) {
      throw new WindowsError(
        'bad-request',
        `${weakening.map((f) => `"${f.title}"`).join(', ')} weakens security and needs your explicit confirmation first.`,
      );
    }
  }

  async apply(fixId: FixId, target: Target, confirmedSecurityChange: boolean): Promise<FixOutcome> {
    this.requireConfirmation([fixId], confirmedSecurityChange);
    this.whereFor(this.lookup(fixId), target);
    return this.batch(() => this.start(fixId, target, undefined), [fixId]);
  }

  /**
   * Several fixes under one elevation. Each is journaled and rolled back on its own; a declined
   * prompt stops the batch, since asking again for each remaining fix is what the batch avoids.
   */
  async applyBatch(fixIds: readonly FixId[], target: Target, confirmedSecurityChange: boolean): Promise<FixOutcome[]> {
    this.requireConfirmation(fixIds, confirmedSecurityChange);
    for (const fixId of fixIds) this.whereFor(this.lookup(fixId), target);
    const batchId = randomUUID();
    return this.batch(async () => {
      const outcomes: FixOutcome[] = [];
      for (const fixId of fixIds) {
        if (outcomes.at(-1)?.status === 'cancelled') {
          outcomes.push(this.outcomeOf(fixId, null, 'cancelled', 'Not run: administrator permission was not given.'));
          continue;
        }
        outcomes.push(await this.start(fixId, target, batchId));
      }
      return outcomes;
    }, fixIds);
  }

  private async start(fixId: FixId, target: Target, batchId: string | undefined): Promise<FixOutcome> {
    const fix = this.lookup(fixId);
    const now = this.ports.clock.now().toISOString();
    const where = this.whereFor(fix, target);
    const ranOn = this.computerFor({ side: fix.side, where });
    const entry: JournalEntry = {
      id: randomUUID(),
      fixId,
      target,
      state: 'started',
      startedAt: now,
      updatedAt: now,
      backup: null,
      changed: [],
      message: '',
      ...(batchId ? { batchId } : {}),
      computer: fixPlace(this.ports, fix, target).computer,
      ...(ranOn ? { ranOn } : {}),
      ...(fix.risk.includes('changes-security') ? { revertAfterTest: true } : {}),
    };
    await this.journal.update(entry, {});
    return this.continueFrom(entry);
  }

  private outcomeOf(
    fixId: FixId,
    entry: JournalEntry | null,
    status: FixOutcome['status'],
    message: string,
    verification: CheckResult[] = [],
  ): FixOutcome {
    return {
      fixId,
      journalId: entry?.id ?? null,
      status,
      message,
      changed: entry?.changed ?? [],
      verification,
      revertAfterTest: (entry?.revertAfterTest ?? false) && (status === 'fixed' || status === 'not-fixed'),
      ...(entry?.computer ? { computer: entry.computer } : {}),
      ...(entry ? { at: entry.startedAt } : {}),
    };
  }

  /** Takes an entry from whatever step the journal says it reached to the end. */
  private async continueFrom(entry: JournalEntry): Promise<FixOutcome> {
    this.active.add(entry.id);
    try {
      const fix = this.lookup(entry.fixId);
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
      this.active.delete(entry.id);
    }
  }

  /** The backup folder, plus the target for backups that save only what concerns it. */
  private backupArgs(fix: FixDef, entry: JournalEntry): Record<string, unknown> {
    const declared = (scripts[fix.backupScript].args as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    return {
      backupDir: `${this.ports.backupDir}/${entry.id}`,
      ...('host' in declared ? { host: entry.target.host } : {}),
      ...('port' in declared ? { port: entry.target.port } : {}),
    };
  }

  private async backUp(entry: JournalEntry, fix: FixDef): Promise<FixOutcome | null> {
    try {
      const backup = await this.runStep(fix, fix.backupScript, this.backupArgs(fix, entry), entry);
      await this.journal.update(entry, { state: 'backed-up', backup });
      return null;
    } catch (err) {
      rethrowDeath(err);
      if (isCancelled(err)) {
        await this.journal.update(entry, { state: 'failed', message: 'Cancelled: administrator permission was not given.' });
        return this.outcomeOf(entry.fixId, entry, 'cancelled', 'Administrator permission was not given, so nothing was changed.');
      }
      await this.journal.update(entry, { state: 'failed', message: `Backup failed: ${messageOf(err)}` });
      return this.outcomeOf(entry.fixId, entry, 'failed', `Nothing was changed: the backup could not be made (${messageOf(err)}).`);
    }
  }

  private async applyChange(entry: JournalEntry, fix: FixDef): Promise<FixOutcome | null> {
    try {
      const applied = (await this.runStep(fix, fix.script, { backup: entry.backup }, entry)) as { changed: string[] };
      await this.journal.update(entry, { state: 'applied', changed: applied.changed });
      return null;
    } catch (err) {
      rethrowDeath(err);
      return this.rollBackAfter(entry, fix, err);
    }
  }

  /** The apply step failed, perhaps half-way: the backup is replayed whatever it had done. */
  private async rollBackAfter(entry: JournalEntry, fix: FixDef, err: unknown): Promise<FixOutcome> {
    try {
      const undo = (await this.runStep(fix, fix.undoScript, { backup: entry.backup }, entry)) as { restored: string[] };
      await this.journal.update(entry, { state: 'rolled-back', message: `Failed: ${messageOf(err)}` });
      return this.outcomeOf(
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
      await this.journal.update(entry, { message: `Failed and not rolled back: ${messageOf(undoErr)}` });
      return this.outcomeOf(
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
    const windows = this.ports.windows;
    // A check only an administrator can read (the key file's permissions) is read as one after a
    // fix that ran as administrator: inside the fix's batch, so under the same prompt. Unelevated
    // it could only say "access denied", and the fix would never count as verified.
    const asAdmin = (script: ScriptId, options: RunOptions): RunOptions =>
      fix.needsAdmin && elevatedActionIds.has(script) ? { ...options, elevated: true, backupId: entry.id } : options;
    const watched: Ports = {
      ...this.ports,
      windows: {
        description: windows.description,
        run: (script, args, options) =>
          windows.run(script, args, asAdmin(script, options)).catch((err: unknown) => {
            if (err instanceof ProcessDied) died = err;
            throw err;
          }),
      },
    };
    const place = this.ports.servers.placeFor(entry.target);
    const verification = await Promise.all(fix.verifies.map((c) => runScriptCheck(watched, c, entry.target, place)));
    if (died) throw died;
    const passed = verification.every((v) => v.status === 'pass');
    await this.journal.update(entry, { state: passed ? 'verified' : 'not-verified' });
    if (passed) return this.outcomeOf(entry.fixId, entry, 'fixed', 'Fixed: the check that found the problem passes now.', verification);
    const unchecked = verification.find((v) => v.status === 'error' || v.status === 'unavailable');
    return this.outcomeOf(
      entry.fixId,
      entry,
      'not-fixed',
      unchecked
        ? `The change was made, but it could not be checked again (${unchecked.summary}). You can undo it from the summary.`
        : 'The change was made, but the check still fails. You can undo it from the summary.',
      verification,
    );
  }

  async undo(journalId: string): Promise<UndoOutcome> {
    const entry = (await this.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!UNDOABLE.includes(entry.state)) {
      throw new WindowsError('bad-request', `That change cannot be undone: it is ${entry.state}.`);
    }
    if (this.active.has(entry.id)) throw new WindowsError('bad-request', 'That change is still being made.');
    return this.batch(() => this.undoEntry(entry));
  }

  private async undoEntry(entry: JournalEntry): Promise<UndoOutcome> {
    const fix = this.lookup(entry.fixId);
    const undo = (await this.runStep(fix, fix.undoScript, { backup: entry.backup }, entry)) as { restored: string[] };
    await this.journal.update(entry, { state: 'undone', revertAfterTest: false });
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
    const entries = (await this.journal.load())
      .filter((e) => UNDOABLE.includes(e.state) && !this.active.has(e.id) && !this.lookup(e.fixId).cannotUndo)
      .reverse();
    if (entries.length === 0) return { undone: [], failed: [], message: 'There were no changes to undo.' };
    return this.batch(async () => {
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
        .map((e) => `“${this.lookup(e.fixId).title}”`)
        .join(', ');
      result.message =
        result.failed.length === 0
          ? `All ${n} ${n === 1 ? 'change was' : 'changes were'} undone, newest first: ${titles}.`
          : `${n} of ${entries.length} changes were undone; ${entries.length - n} could not be: ${result.failed.map((f) => f.message).join('; ')}`;
      return result;
    });
  }

  /** Every change in the journal, read under its lock (a load may set a damaged journal aside). */
  entries(): Promise<JournalEntry[]> {
    return this.journal.load();
  }

  /** Fixes a crash cut short, and weakened settings the user has not yet reverted or kept. */
  async pending(): Promise<PendingChanges> {
    const all = await this.journal.load();
    return {
      interrupted: all.filter((e) => IN_FLIGHT.includes(e.state) && !this.active.has(e.id)),
      awaitingRevert: all.filter((e) => e.revertAfterTest === true && (e.state === 'verified' || e.state === 'not-verified')),
      notice: this.journal.notice(),
    };
  }

  async resolveInterrupted(journalId: string, action: ResolveAction): Promise<FixOutcome> {
    const entry = (await this.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!IN_FLIGHT.includes(entry.state) || this.active.has(entry.id)) {
      throw new WindowsError('bad-request', `That change was not interrupted: it is ${entry.state}.`);
    }
    return this.batch(
      () => (action === 'finish' ? this.continueFrom(entry) : this.rollBackInterrupted(entry)),
      action === 'finish' ? [entry.fixId] : [],
    );
  }

  private async rollBackInterrupted(entry: JournalEntry): Promise<FixOutcome> {
    if (entry.state === 'started') {
      // Backup scripts only read and save: a fix stopped there had not changed anything.
      await this.journal.update(entry, { state: 'rolled-back', message: 'Interrupted while saving the backup; nothing had been changed.' });
      return this.outcomeOf(entry.fixId, entry, 'rolled-back', 'Nothing had been changed: the fix stopped while it was saving the backup.');
    }
    const fix = this.lookup(entry.fixId);
    try {
      const undo = (await this.runStep(fix, fix.undoScript, { backup: entry.backup }, entry)) as { restored: string[] };
      await this.journal.update(entry, { state: 'rolled-back', message: 'Interrupted; rolled back from the backup on the next start.' });
      return this.outcomeOf(
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
        return this.outcomeOf(
          entry.fixId,
          entry,
          'cancelled',
          'Administrator permission was not given; the interrupted fix is still listed.',
        );
      }
      return this.outcomeOf(entry.fixId, entry, 'failed', `The roll-back failed (${messageOf(err)}). The backup is kept; try again.`);
    }
  }

  /** The user tested the connection and keeps the weakened setting: stop offering to revert it. */
  /**
   * "Restart now" after a change that takes effect only when its computer restarts: schedules
   * that restart (Windows' one-minute notice first), on the computer the change was made on and
   * nowhere else, as administrator.
   */
  async restart(journalId: string): Promise<RestartOutcome> {
    const entry = (await this.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    const fix = this.lookup(entry.fixId);
    if (fix.restart !== 'computer') throw new WindowsError('bad-request', `"${fix.title}" takes effect without restarting the computer.`);
    if (entry.state !== 'verified' && entry.state !== 'not-verified' && entry.state !== 'applied') {
      throw new WindowsError('bad-request', `That change is ${entry.state}: there is nothing a restart would complete.`);
    }
    const where = this.whereForEntry(fix, entry, 'restart it');
    const options = { elevated: true, timeoutMs: this.timeoutMs, side: fix.side, where, backupId: entry.id };
    this.requireSameComputer(entry, options);
    const raw = await this.ports.windows.run('restart-computer', {}, options);
    const facts = scripts['restart-computer'].facts.safeParse(raw);
    if (!facts.success) throw new WindowsError('bad-facts', 'restart-computer answered in an unexpected shape.');
    const computer = entry.computer ?? fixPlace(this.ports, fix, entry.target).computer;
    return { journalId, computer, inSeconds: facts.data.restartInSeconds, cancelCommand: facts.data.cancelCommand };
  }

  /**
   * "Cancel restart": calls off the restart `restart` scheduled for that change (shutdown.exe /a),
   * on the computer that was told to restart and nowhere else, as administrator. None pending is
   * an answer (it began, or someone called it off), not a failure.
   */
  async cancelRestart(journalId: string): Promise<CancelRestartOutcome> {
    const entry = (await this.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    const fix = this.lookup(entry.fixId);
    if (fix.restart !== 'computer') throw new WindowsError('bad-request', `"${fix.title}" takes effect without restarting the computer.`);
    const where = this.whereForEntry(fix, entry, 'call off its restart');
    const options = { elevated: true, timeoutMs: this.timeoutMs, side: fix.side, where, backupId: entry.id };
    this.requireSameComputer(entry, options);
    const raw = await this.ports.windows.run('abort-restart', {}, options);
    const facts = scripts['abort-restart'].facts.safeParse(raw);
    if (!facts.success) throw new WindowsError('bad-facts', 'abort-restart answered in an unexpected shape.');
    const computer = entry.computer ?? fixPlace(this.ports, fix, entry.target).computer;
    return { journalId, computer, cancelled: facts.data.cancelled };
  }

  async keep(journalId: string): Promise<JournalEntry> {
    const entry = (await this.journal.load()).find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!entry.revertAfterTest) throw new WindowsError('bad-request', 'That change is not waiting for a decision.');
    await this.journal.update(entry, { revertAfterTest: false });
    return entry;
  }
}
