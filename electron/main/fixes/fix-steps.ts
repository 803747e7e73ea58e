import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import type { CheckResult, FixOutcome, JournalEntry } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import type { BatchOptions, Ports, RunOptions } from '../ports';
import { WindowsError } from '../windows-error';
import { fixPlace } from './fix-preview';
import { JournalWriter } from './journal-writer';
import { ProcessDied } from './process-died';
import { declaredArgs } from './script-args';

const FIX_TIMEOUT_MS = 120_000;

/** States a fix passes through on its way; found in a journal at start, they mean a crash. */
export const IN_FLIGHT: readonly JournalEntry['state'][] = ['started', 'backed-up', 'applied'];
/** States whose backup can be replayed to put the machine back. */
export const UNDOABLE: readonly JournalEntry['state'][] = ['backed-up', 'applied', 'verified', 'not-verified'];

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
export const isCancelled = (err: unknown) => err instanceof WindowsError && err.kind === 'cancelled';
/** A killed process does nothing more: no catch block may write to the journal for it. */
export const rethrowDeath = (err: unknown) => {
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

/**
 * What making a change and everything after it share: the journal, where a fix's scripts run (and
 * only on the computer a change was made on), one administrator prompt per batch, the outcome the
 * wizard shows. run-fix.ts makes a change with it; after-fix.ts undoes, rolls back or restarts.
 */
export class FixSteps {
  readonly journal: JournalWriter;
  readonly lookup: (id: FixId) => FixDef;
  readonly timeoutMs: number;
  /** Entries the engine is working on now: in flight, but not interrupted. */
  readonly active = new Set<string>();
  /**
   * The journal id the next run of a fix on a target will use, made when its commands are first
   * shown, so they name the backup folder that run will use. Each is used by one run only.
   */
  private readonly planned = new Map<string, string>();

  constructor(
    readonly ports: Ports,
    options: FixEngineOptions = {},
  ) {
    this.journal = new JournalWriter(ports.journal, ports.clock);
    this.lookup = options.lookup ?? getFix;
    this.timeoutMs = options.fixTimeoutMs ?? FIX_TIMEOUT_MS;
  }

  batch<T>(work: () => Promise<T>, fixIds: readonly FixId[] = []): Promise<T> {
    // The security-weakening fixes the user confirmed: the administrator's prompt names them.
    const options: BatchOptions = { allowWeakening: weakeningScripts(fixIds.map(this.lookup)) };
    return this.ports.windows.batch ? this.ports.windows.batch(work, options) : work();
  }

  /** The change's backup folder: the backup script writes it, a temporary fix's timer lives in it. */
  backupDirOf(entry: Pick<JournalEntry, 'id'>): string {
    return join(this.ports.backupDir, entry.id);
  }

  /** The journal id the next run of this fix on this target will use: planned now, kept for that run. */
  plannedId(fixId: FixId, target: Target): string {
    const key = JSON.stringify([fixId, target.host, target.port]);
    let id = this.planned.get(key);
    if (!id) {
      id = randomUUID();
      this.planned.set(key, id);
    }
    return id;
  }

  /**
   * The id for a run that starts now: the planned one, taken so no other run can use it again, or
   * a new one when none was planned. A fresh UUID either way, so no two changes share a backup.
   */
  takePlannedId(fixId: FixId, target: Target): string {
    const key = JSON.stringify([fixId, target.host, target.port]);
    const id = this.planned.get(key) ?? randomUUID();
    this.planned.delete(key);
    return id;
  }

  /**
   * The backup folder of the run with this journal id as the user is shown it: where the backup
   * script will write (the port says: the administrator helper's store, the server's folder over
   * remoting), or null where the fix cannot run from here or the folder is known only then.
   */
  shownBackupDir(fix: FixDef, target: Target, id: string): string | null {
    const where = fixPlace(this.ports, fix, target).where;
    if (!where) return null;
    const appDir = this.backupDirOf({ id });
    const options: RunOptions = { elevated: fix.needsAdmin, side: fix.side, where, backupId: id };
    const dir = this.ports.windows.backupDirFor ? this.ports.windows.backupDirFor(appDir, options) : appDir;
    return dir === null ? null : (this.ports.shownPath?.(dir) ?? dir);
  }

  /**
   * The arguments of a fix's apply or undo script: the backup, plus the backup folder for the
   * scripts that name a timer in it (a temporary fix's), plus how long the user chose to keep the
   * change (apply only). As administrator the helper derives the folder itself (docs/security.md).
   */
  changeArgs(script: ScriptId, entry: JournalEntry): Record<string, unknown> {
    const declared = declaredArgs(script);
    return {
      backup: entry.backup,
      ...('backupDir' in declared ? { backupDir: this.backupDirOf(entry) } : {}),
      ...('revertAfterMinutes' in declared && entry.revertAfterMinutes ? { revertAfterMinutes: entry.revertAfterMinutes } : {}),
    };
  }

  /**
   * Runs one of a fix's scripts, as administrator only when the fix needs it, and checks its
   * facts against the catalog schema.
   */
  async runStep(fix: FixDef, script: ScriptId, args: unknown, entry: JournalEntry): Promise<unknown> {
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
  whereFor(fix: FixDef, target: Target): 'here' | 'remoting' {
    const place = fixPlace(this.ports, fix, target);
    if (!place.where) throw new WindowsError('unavailable', place.notHere ?? 'The server is not reachable from here.');
    return place.where;
  }

  /** Where a journal entry's scripts run: where its fix runs, and only while that is the computer it changed. */
  whereForEntry(fix: FixDef, entry: JournalEntry, toDo: string): 'here' | 'remoting' {
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
  computerFor(options: { side: FixDef['side']; where?: 'here' | 'remoting' }): string | null {
    return this.ports.windows.computerFor?.({ elevated: false, side: options.side, where: options.where }) ?? null;
  }

  /**
   * A change is only ever continued or undone on the computer it was made on: after helpdesk
   * disconnects from a server, its undo must not run against this computer instead.
   */
  requireSameComputer(entry: JournalEntry, options: { side: FixDef['side']; where?: 'here' | 'remoting' }) {
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

  outcomeOf(
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
      ...(entry?.revertsAt && (status === 'fixed' || status === 'not-fixed') ? { revertsAt: entry.revertsAt } : {}),
      ...(entry ? { at: entry.startedAt } : {}),
    };
  }
}
