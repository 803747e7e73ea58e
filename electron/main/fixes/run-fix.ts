import { randomUUID } from 'node:crypto';
import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import { getCheck, type CheckId } from '../../../shared/catalog/checks';
import type { FixOutcome, FixPreview, JournalEntry, UndoOutcome } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import { WindowsError, type Ports } from '../ports';
import { checkArgs, commandFor, runScriptCheck, SCRIPT_TIMEOUT_MS } from '../scan/run-check';

const FIX_TIMEOUT_MS = 120_000;

/** Runs one fix script elevated and checks its facts against the catalog schema. */
async function runFixScript(ports: Ports, script: ScriptId, args: unknown): Promise<unknown> {
  const raw = await ports.windows.run(script, args as never, { elevated: true, timeoutMs: FIX_TIMEOUT_MS });
  const parsed = scripts[script].facts.safeParse(raw);
  if (!parsed.success) throw new WindowsError('bad-facts', `${script} answered in an unexpected shape.`);
  return parsed.data;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function previewFix(ports: Ports, fixId: FixId, target: Target): FixPreview {
  const fix: FixDef = getFix(fixId);
  const backupDir = '<backup folder>';
  const placeholder = { backup: '<the backup above>' };
  return {
    fixId,
    title: fix.title,
    plain: fix.plain,
    changes: fix.changes,
    side: fix.side,
    needsAdmin: fix.needsAdmin,
    risk: fix.risk,
    undoPlain: fix.undoPlain,
    commands: [
      commandFor(ports, fix.backupScript, { backupDir }),
      commandFor(ports, fix.script, placeholder),
      // Verification re-runs the checks that found the problem, exactly as the scan ran them.
      ...fix.verifies.map((c) => {
        const source = getCheck(c as CheckId).source;
        return source.kind === 'script'
          ? commandFor(ports, source.script, checkArgs(c as CheckId, target))
          : `(network check ${c}, run by the app)`;
      }),
    ],
  };
}

/**
 * Backup, then apply, then verify; the journal is saved before each step so an interrupted fix
 * can be found and rolled back on the next start. A failed apply is rolled back from the backup.
 */
export class FixEngine {
  constructor(private readonly ports: Ports) {}

  private async update(entry: JournalEntry, patch: Partial<JournalEntry>): Promise<void> {
    Object.assign(entry, patch, { updatedAt: this.ports.clock.now().toISOString() });
    const all = await this.ports.journal.load();
    const i = all.findIndex((e) => e.id === entry.id);
    if (i === -1) all.push(entry);
    else all[i] = entry;
    await this.ports.journal.save(all);
  }

  async apply(fixId: FixId, target: Target, confirmedSecurityChange: boolean): Promise<FixOutcome> {
    const fix: FixDef = getFix(fixId);
    if (fix.risk.includes('changes-security') && !confirmedSecurityChange) {
      throw new WindowsError('bad-request', 'This fix weakens security and needs your explicit confirmation first.');
    }
    const now = this.ports.clock.now().toISOString();
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
    };
    await this.update(entry, {});
    const outcome = (status: FixOutcome['status'], message: string, verification: FixOutcome['verification'] = []): FixOutcome => ({
      fixId,
      journalId: entry.id,
      status,
      message,
      changed: entry.changed,
      verification,
    });

    let backup: unknown;
    try {
      backup = await runFixScript(this.ports, fix.backupScript, { backupDir: `${this.ports.backupDir}/${entry.id}` });
      await this.update(entry, { state: 'backed-up', backup });
    } catch (err) {
      const cancelled = err instanceof WindowsError && err.kind === 'cancelled';
      await this.update(entry, { state: 'failed', message: `Backup failed: ${messageOf(err)}` });
      return cancelled
        ? outcome('cancelled', 'Administrator permission was not given, so nothing was changed.')
        : outcome('failed', `Nothing was changed: the backup could not be made (${messageOf(err)}).`);
    }

    try {
      const applied = (await runFixScript(this.ports, fix.script, { backup })) as { changed: string[] };
      await this.update(entry, { state: 'applied', changed: applied.changed });
    } catch (err) {
      try {
        const undo = (await runFixScript(this.ports, fix.undoScript, { backup })) as { restored: string[] };
        await this.update(entry, { state: 'rolled-back', message: `Failed: ${messageOf(err)}` });
        return outcome(
          'rolled-back',
          `The fix failed (${messageOf(err)}). Everything it had changed was put back${undo.restored.length ? `: ${undo.restored.join('; ')}` : ''}.`,
        );
      } catch (undoErr) {
        await this.update(entry, { state: 'failed', message: `Failed and not rolled back: ${messageOf(undoErr)}` });
        return outcome(
          'failed',
          `The fix failed (${messageOf(err)}) and the automatic roll-back failed too (${messageOf(undoErr)}). The backup is kept in the journal; try "Undo" again once the server answers.`,
        );
      }
    }

    const verification = await Promise.all(fix.verifies.map((c) => runScriptCheck(this.ports, c as CheckId, target)));
    const passed = verification.every((v) => v.status === 'pass');
    await this.update(entry, { state: passed ? 'verified' : 'not-verified' });
    return passed
      ? outcome('fixed', 'Fixed: the check that found the problem passes now.', verification)
      : outcome('not-fixed', 'The change was made, but the check still fails. You can undo it from the summary.', verification);
  }

  async undo(journalId: string): Promise<UndoOutcome> {
    const all = await this.ports.journal.load();
    const entry = all.find((e) => e.id === journalId);
    if (!entry) throw new WindowsError('not-found', 'That change is not in the journal.');
    if (!['applied', 'verified', 'not-verified', 'backed-up'].includes(entry.state)) {
      throw new WindowsError('bad-request', `That change cannot be undone: it is ${entry.state}.`);
    }
    const fix: FixDef = getFix(entry.fixId);
    const undo = (await runFixScript(this.ports, fix.undoScript, { backup: entry.backup })) as { restored: string[] };
    await this.update(entry, { state: 'undone' });
    return {
      journalId,
      restored: undo.restored,
      message: undo.restored.length ? `Undone: ${undo.restored.join('; ')}.` : 'Undone: nothing needed to change back.',
    };
  }
}

export { SCRIPT_TIMEOUT_MS };
