import { describe, expect, it } from 'vitest';
import { getFix, type FixId } from '../../../shared/catalog/fixes';
import type { FixDef } from '../../../shared/catalog/types';
import type { ScriptId } from '../../../shared/catalog/scripts';
import type { JournalEntry } from '../../../shared/results';
import type { BatchOptions, Ports, RunOptions, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';
import { ServerLocator } from '../server-place/locator';
import type { ThisComputer } from '../server-place/this-computer';
import { MemoryJournal } from './journal-file';
import { ProcessDied } from './process-died';
import { FixEngine } from './run-fix';
import { fixPlace, previewFix } from './fix-preview';

// The fix engine over a scripted Windows (what each script answers is set per test), so every
// branch is reached in milliseconds: the order of steps, what the journal records before each,
// the words the user reads, and what is refused before anything runs. The same engine against
// the real scripts on the fake Windows: test/safety/.

const ME: ThisComputer = { name: 'LAPTOP-ANNA', dnsName: null, addresses: () => ['127.0.0.1', '192.168.1.20'] };
const CLIENT_TARGET = { host: 'srv-app01', port: 3389 };
const HERE_TARGET = { host: 'LAPTOP-ANNA', port: 3389 };
const NOW = new Date('2026-12-01T10:00:00.000Z');
const BACKUP = { existed: true, exportPath: 'C:\\ProgramData\\RDP Doctor\\backups\\x\\MSLicensing.reg' };

type Answer = unknown | ((args: unknown, options: RunOptions) => unknown);

interface Call {
  script: ScriptId;
  args: unknown;
  options: RunOptions;
}

class ScriptedWindows implements WindowsPort {
  readonly description = 'scripted';
  readonly calls: Call[] = [];
  batches = 0;
  /** The computer remoting reaches; null: this computer. */
  remoteName: string | null = null;
  answers: Partial<Record<ScriptId, Answer>> = {
    'backup-client-license-cache': BACKUP,
    'fix-client-license-cache': { changed: ['Deleted HKLM\\SOFTWARE\\Microsoft\\MSLicensing'] },
    'undo-client-license-cache': { restored: ['Imported MSLicensing.reg'] },
    'check-client-license-cache': { exists: false, hasHardwareId: false, hasStore: false, storeLicenses: 0 },
    'restart-computer': { restartInSeconds: 60, cancelCommand: 'shutdown.exe /a' },
  };

  async run(script: ScriptId, args: unknown, options: RunOptions): Promise<unknown> {
    this.calls.push({ script, args, options });
    const answer = this.answers[script];
    if (answer === undefined) throw new Error(`no answer for ${script}`);
    const value = typeof answer === 'function' ? await (answer as (a: unknown, o: RunOptions) => unknown)(args, options) : answer;
    return structuredClone(value);
  }

  /** What each batch was told: the weakening fix scripts the prompt must name. */
  readonly batchOptions: BatchOptions[] = [];

  async batch<T>(work: () => Promise<T>, options: BatchOptions = {}): Promise<T> {
    this.batches += 1;
    this.batchOptions.push(options);
    return work();
  }

  computerFor(options: RunOptions): string | null {
    return options.where === 'remoting' ? this.remoteName : null;
  }

  ran(): string[] {
    return this.calls.map((c) => c.script);
  }

  fail(script: ScriptId, err: Error) {
    this.answers[script] = () => {
      throw err;
    };
  }
}

/** The catalog's license-cache fix, changed where a test needs another kind of fix. */
const licenseFix = (over: Partial<FixDef> = {}): FixDef => ({ ...getFix('reset-license-cache'), ...over }) as FixDef;

function setup(options: { fix?: Partial<FixDef>; remoting?: { host: string; computerName: string } } = {}) {
  const windows = new ScriptedWindows();
  const journal = new MemoryJournal();
  let remote = options.remoting ?? null;
  const ports: Ports = {
    windows,
    network: { probe: () => Promise.reject(new Error('no network in this test')) },
    clock: { now: () => NOW },
    journal,
    backupDir: 'C:\\ProgramData\\RDP Doctor\\backups',
    scriptPath: (file) => `C:\\Program Files\\RDP Doctor\\resources\\scripts\\${file}`,
    version: '0.0.0-test',
    platform: 'win32',
    scenarios: [],
    servers: new ServerLocator(ME, {
      status: () => ({ connected: remote !== null, host: remote?.host ?? null, computerName: remote?.computerName ?? null }),
    }),
  };
  const fix = licenseFix(options.fix);
  const engine = new FixEngine(ports, { lookup: () => fix, fixTimeoutMs: 1234 });
  return {
    windows,
    journal,
    ports,
    engine,
    fix,
    disconnect: () => (remote = null),
    connect: (host: string, computerName: string) => (remote = { host, computerName }),
  };
}

const FIX: FixId = 'reset-license-cache';

describe('apply: backup, then the change, then the check again', () => {
  it('runs the three steps in order, as administrator when the fix needs one, under one batch, and says "Fixed"', async () => {
    const { windows, journal, engine } = setup();
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(windows.ran()).toEqual(['backup-client-license-cache', 'fix-client-license-cache', 'check-client-license-cache']);
    expect(windows.batches).toBe(1);
    const [backup, change, check] = windows.calls;
    const id = outcome.journalId!;
    expect(backup!.args).toEqual({ backupDir: `C:\\ProgramData\\RDP Doctor\\backups/${id}` });
    expect(backup!.options).toEqual({ elevated: true, timeoutMs: 1234, side: 'client', where: 'here', backupId: id });
    expect(change!.args).toEqual({ backup: BACKUP });
    expect(check!.options.elevated).toBe(false);
    expect(outcome).toEqual({
      fixId: FIX,
      journalId: id,
      status: 'fixed',
      message: 'Fixed: the check that found the problem passes now.',
      changed: ['Deleted HKLM\\SOFTWARE\\Microsoft\\MSLicensing'],
      verification: [expect.objectContaining({ checkId: 'client-license-cache', status: 'pass' })],
      revertAfterTest: false,
      computer: 'LAPTOP-ANNA',
      at: NOW.toISOString(),
    });
    expect(journal.entries).toEqual([
      {
        id,
        fixId: FIX,
        target: CLIENT_TARGET,
        state: 'verified',
        startedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        backup: BACKUP,
        changed: ['Deleted HKLM\\SOFTWARE\\Microsoft\\MSLicensing'],
        message: '',
        computer: 'LAPTOP-ANNA',
      },
    ]);
  });

  it('writes the journal ahead of every step: started before the backup, backed-up before the change, applied before the check', async () => {
    const { windows, journal, engine } = setup();
    const seen: string[] = [];
    for (const script of ['backup-client-license-cache', 'fix-client-license-cache', 'check-client-license-cache'] as const) {
      const answer = windows.answers[script];
      windows.answers[script] = () => {
        seen.push(`${script}: ${journal.entries[0]?.state}`);
        return answer;
      };
    }
    await engine.apply(FIX, CLIENT_TARGET, false);
    expect(seen).toEqual([
      'backup-client-license-cache: started',
      'fix-client-license-cache: backed-up',
      'check-client-license-cache: applied',
    ]);
  });

  it('a fix that needs no administrator runs every step as the user', async () => {
    const { windows, engine } = setup({ fix: { needsAdmin: false } });
    await engine.apply(FIX, CLIENT_TARGET, false);
    expect(windows.calls.map((c) => c.options.elevated)).toEqual([false, false, false]);
  });

  it('passes the target to a backup whose arguments declare it, and only then', async () => {
    const { windows, engine } = setup({ fix: { backupScript: 'backup-client-credentials' } });
    windows.answers['backup-client-credentials'] = { host: 'srv-app01', entries: [] };
    await engine.apply(FIX, CLIENT_TARGET, false);
    expect(windows.calls[0]!.args).toEqual({ backupDir: expect.stringMatching(/backups\/[0-9a-f-]{36}$/), host: 'srv-app01', port: 3389 });
  });

  it('the check still failing: "not-fixed", the change stays, and the journal says not-verified', async () => {
    const { windows, journal, engine } = setup();
    windows.answers['check-client-license-cache'] = { exists: true, hasHardwareId: true, hasStore: false, storeLicenses: 0 };
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(outcome.status).toBe('not-fixed');
    expect(outcome.message).toBe('The change was made, but the check still fails. You can undo it from the summary.');
    expect(outcome.verification[0]!.status).toBe('fail');
    expect(journal.entries[0]!.state).toBe('not-verified');
  });

  it('the check that cannot run again: says it could not be checked, with the reason', async () => {
    const { windows, engine } = setup();
    windows.fail('check-client-license-cache', new WindowsError('unavailable', 'PowerShell is not there'));
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(outcome.status).toBe('not-fixed');
    expect(outcome.message).toMatch(/^The change was made, but it could not be checked again \(.+\)\. You can undo it from the summary\.$/);
  });

  it('a script that answers in the wrong shape is a failure, never trusted', async () => {
    const { windows, journal, engine } = setup();
    windows.answers['backup-client-license-cache'] = { nothing: 'useful' };
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'Nothing was changed: the backup could not be made (backup-client-license-cache answered in an unexpected shape.).',
    });
    expect(journal.entries[0]).toMatchObject({
      state: 'failed',
      message: 'Backup failed: backup-client-license-cache answered in an unexpected shape.',
    });
    expect(windows.ran()).toEqual(['backup-client-license-cache']);
  });

  it('a declined prompt at the backup: "cancelled", nothing else runs', async () => {
    const { windows, journal, engine } = setup();
    windows.fail('backup-client-license-cache', new WindowsError('cancelled', 'no'));
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(outcome).toMatchObject({ status: 'cancelled', message: 'Administrator permission was not given, so nothing was changed.' });
    expect(journal.entries[0]).toMatchObject({ state: 'failed', message: 'Cancelled: administrator permission was not given.' });
    expect(windows.ran()).toEqual(['backup-client-license-cache']);
  });

  it('a failed change is rolled back from the backup, and says what was put back', async () => {
    const { windows, journal, engine } = setup();
    windows.fail('fix-client-license-cache', new WindowsError('script-error', 'Access is denied'));
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(windows.ran()).toEqual(['backup-client-license-cache', 'fix-client-license-cache', 'undo-client-license-cache']);
    expect(windows.calls[2]!.args).toEqual({ backup: BACKUP });
    expect(outcome).toMatchObject({
      status: 'rolled-back',
      message: 'The fix failed (Access is denied). What it had changed was put back from the backup: Imported MSLicensing.reg.',
    });
    expect(journal.entries[0]).toMatchObject({ state: 'rolled-back', message: 'Failed: Access is denied' });
  });

  it('a change that failed before changing anything says so', async () => {
    const { windows, engine } = setup();
    windows.fail('fix-client-license-cache', new Error('boom'));
    windows.answers['undo-client-license-cache'] = { restored: [] };
    expect((await engine.apply(FIX, CLIENT_TARGET, false)).message).toBe('The fix failed (boom) before it had changed anything.');
  });

  it('when the roll-back fails too, the entry stays backed-up so the next start offers it again', async () => {
    const { windows, journal, engine } = setup();
    windows.fail('fix-client-license-cache', new Error('boom'));
    windows.fail('undo-client-license-cache', new Error('still down'));
    const outcome = await engine.apply(FIX, CLIENT_TARGET, false);
    expect(outcome).toMatchObject({
      status: 'failed',
      message:
        'The fix failed (boom) and the automatic roll-back failed too (still down). The backup is kept in the journal; try "Undo" again once the server answers.',
    });
    expect(journal.entries[0]).toMatchObject({ state: 'backed-up', message: 'Failed and not rolled back: still down' });
    expect((await engine.pending()).interrupted.map((e) => e.id)).toEqual([outcome.journalId]);
  });

  it('a process killed mid-fix writes nothing more: the journal keeps the step it reached', async () => {
    for (const [script, state] of [
      ['backup-client-license-cache', 'started'],
      ['fix-client-license-cache', 'backed-up'],
      ['undo-client-license-cache', 'backed-up'],
      ['check-client-license-cache', 'applied'],
    ] as const) {
      const { windows, journal, engine } = setup();
      if (script === 'undo-client-license-cache') windows.fail('fix-client-license-cache', new Error('boom'));
      windows.fail(script, new ProcessDied('in this test'));
      await expect(engine.apply(FIX, CLIENT_TARGET, false)).rejects.toBeInstanceOf(ProcessDied);
      expect([script, journal.entries[0]!.state]).toEqual([script, state]);
    }
  });
});

describe('fixes that weaken security', () => {
  it('are refused without confirmation before anything runs, and with it are marked for revert', async () => {
    const { windows, journal, engine } = setup({ fix: { risk: ['changes-security'], title: 'Weaken it' } });
    await expect(engine.apply(FIX, CLIENT_TARGET, false)).rejects.toThrow(
      '"Weaken it" weakens security and needs your explicit confirmation first.',
    );
    await expect(engine.applyBatch([FIX], CLIENT_TARGET, false)).rejects.toThrow(/needs your explicit confirmation/);
    expect(windows.calls).toEqual([]);
    const outcome = await engine.apply(FIX, CLIENT_TARGET, true);
    expect(outcome.revertAfterTest).toBe(true);
    expect(journal.entries[0]!.revertAfterTest).toBe(true);
    expect((await engine.pending()).awaitingRevert.map((e) => e.id)).toEqual([outcome.journalId]);
    expect((await engine.keep(outcome.journalId!)).revertAfterTest).toBe(false);
    expect((await engine.pending()).awaitingRevert).toEqual([]);
    await expect(engine.keep(outcome.journalId!)).rejects.toThrow('That change is not waiting for a decision.');
  });

  it('the batch names the confirmed weakening fix script for the administrator prompt, and nothing else', async () => {
    const weak = setup({ fix: { risk: ['changes-security'] } });
    await weak.engine.apply(FIX, CLIENT_TARGET, true);
    await weak.engine.applyBatch([FIX], CLIENT_TARGET, true);
    expect(weak.windows.batchOptions).toEqual([
      { allowWeakening: ['fix-client-license-cache'] },
      { allowWeakening: ['fix-client-license-cache'] },
    ]);
    const user = setup({ fix: { risk: ['changes-security'], needsAdmin: false } });
    await user.engine.apply(FIX, CLIENT_TARGET, true);
    const plain = setup();
    await plain.engine.apply(FIX, CLIENT_TARGET, false);
    expect([...user.windows.batchOptions, ...plain.windows.batchOptions]).toEqual([{ allowWeakening: [] }, { allowWeakening: [] }]);
  });

  it('a weakening fix that failed is not offered for revert', async () => {
    const { windows, engine } = setup({ fix: { risk: ['changes-security'] } });
    windows.fail('backup-client-license-cache', new Error('x'));
    expect((await engine.apply(FIX, CLIENT_TARGET, true)).revertAfterTest).toBe(false);
  });

  it('a fix that does not weaken security needs no confirmation and is never marked', async () => {
    const { journal, engine } = setup();
    expect((await engine.apply(FIX, CLIENT_TARGET, false)).revertAfterTest).toBe(false);
    expect(journal.entries[0]!.revertAfterTest).toBeUndefined();
  });
});

describe('applyBatch', () => {
  it('runs each fix under one batch and one batch id; a declined prompt stops the rest without asking again', async () => {
    const { windows, journal, engine } = setup();
    let n = 0;
    windows.answers['backup-client-license-cache'] = () => {
      n += 1;
      if (n === 2) throw new WindowsError('cancelled', 'no');
      return BACKUP;
    };
    const outcomes = await engine.applyBatch([FIX, FIX, FIX], CLIENT_TARGET, false);
    expect(outcomes.map((o) => o.status)).toEqual(['fixed', 'cancelled', 'cancelled']);
    expect(outcomes[2]).toEqual({
      fixId: FIX,
      journalId: null,
      status: 'cancelled',
      message: 'Not run: administrator permission was not given.',
      changed: [],
      verification: [],
      revertAfterTest: false,
    });
    expect(windows.batches).toBe(1);
    expect(n).toBe(2);
    expect(new Set(journal.entries.map((e) => e.batchId)).size).toBe(1);
    expect(journal.entries[0]!.batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a failed fix does not stop the next one', async () => {
    const { windows, engine } = setup();
    let n = 0;
    windows.answers['backup-client-license-cache'] = () => {
      n += 1;
      if (n === 1) throw new Error('x');
      return BACKUP;
    };
    expect((await engine.applyBatch([FIX, FIX], CLIENT_TARGET, false)).map((o) => o.status)).toEqual(['failed', 'fixed']);
  });
});

describe('undo', () => {
  it('undoes exactly the change it was given, not another entry', async () => {
    const { windows, journal, engine } = setup();
    const first = await engine.apply(FIX, CLIENT_TARGET, false);
    windows.answers['backup-client-license-cache'] = { existed: true, exportPath: 'second.reg' };
    const second = await engine.apply(FIX, CLIENT_TARGET, false);
    windows.calls.length = 0;
    const undone = await engine.undo(first.journalId!);
    expect(undone).toEqual({
      journalId: first.journalId,
      restored: ['Imported MSLicensing.reg'],
      message: 'Undone: Imported MSLicensing.reg.',
    });
    expect(windows.calls).toEqual([
      {
        script: 'undo-client-license-cache',
        args: { backup: BACKUP },
        options: { elevated: true, timeoutMs: 1234, side: 'client', where: 'here', backupId: first.journalId },
      },
    ]);
    expect(journal.entries.map((e) => [e.id, e.state])).toEqual([
      [first.journalId, 'undone'],
      [second.journalId, 'verified'],
    ]);
  });

  it('a change already undone is refused, and nothing runs', async () => {
    const { windows, engine } = setup();
    const { journalId } = await engine.apply(FIX, CLIENT_TARGET, false);
    await engine.undo(journalId!);
    windows.calls.length = 0;
    await expect(engine.undo(journalId!)).rejects.toThrow('That change cannot be undone: it is undone.');
    expect(windows.calls).toEqual([]);
  });

  it('refuses what it cannot undo: an unknown id, a failed change, one rolled back', async () => {
    const { windows, engine } = setup();
    await expect(engine.undo('nope')).rejects.toThrow('That change is not in the journal.');
    windows.fail('backup-client-license-cache', new Error('x'));
    const failed = await engine.apply(FIX, CLIENT_TARGET, false);
    await expect(engine.undo(failed.journalId!)).rejects.toMatchObject({
      kind: 'bad-request',
      message: 'That change cannot be undone: it is failed.',
    });
  });

  it('undoes every undoable state: backed-up, applied, verified, not-verified', async () => {
    for (const state of ['backed-up', 'applied', 'verified', 'not-verified'] as const) {
      const { journal, engine } = setup();
      journal.entries = [entryIn(state)];
      await engine.undo('e1');
      expect(journal.entries[0]!.state).toBe('undone');
    }
  });

  it('an undo that restored nothing says so; an undone weakening is no longer offered for revert', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [{ ...entryIn('verified'), revertAfterTest: true }];
    windows.answers['undo-client-license-cache'] = { restored: [] };
    expect((await engine.undo('e1')).message).toBe('Undone: nothing needed to change back.');
    expect(journal.entries[0]!.revertAfterTest).toBe(false);
  });

  it('a change being made now cannot be undone from under it', async () => {
    const { windows, journal, engine } = setup();
    let release!: () => void;
    windows.answers['fix-client-license-cache'] = () => new Promise((resolve) => (release = () => resolve({ changed: [] })));
    const running = engine.apply(FIX, CLIENT_TARGET, false);
    await until(() => windows.ran().includes('fix-client-license-cache'));
    const id = journal.entries[0]!.id;
    await expect(engine.undo(id)).rejects.toThrow('That change is still being made.');
    expect((await engine.undoAll()).message).toBe('There were no changes to undo.');
    expect((await engine.pending()).interrupted).toEqual([]);
    await expect(engine.resolveInterrupted(id, 'roll-back')).rejects.toThrow('That change was not interrupted: it is backed-up.');
    release();
    await running;
  });
});

describe('undo all', () => {
  it('newest first; goes on past one it cannot undo and says which', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('verified', 'a'), entryIn('undone', 'b'), entryIn('applied', 'c'), entryIn('not-verified', 'd')];
    windows.answers['undo-client-license-cache'] = (_args: unknown, options: RunOptions) => {
      if (options.backupId === 'c') throw new Error('key is locked');
      return { restored: [`restored ${options.backupId}`] };
    };
    const result = await engine.undoAll();
    expect(windows.calls.map((c) => c.options.backupId)).toEqual(['d', 'c', 'a']);
    expect(result.undone.map((u) => u.journalId)).toEqual(['d', 'a']);
    expect(result.failed).toEqual([{ journalId: 'c', fixId: FIX, message: 'key is locked' }]);
    expect(result.message).toBe('2 of 3 changes were undone; 1 could not be: key is locked');
    expect(windows.batches).toBe(1);
  });

  it('all undone: names them, newest first', async () => {
    const { journal, engine } = setup();
    journal.entries = [entryIn('verified', 'a'), entryIn('verified', 'b')];
    expect((await engine.undoAll()).message).toBe(
      'Undone, newest first (2): “Reset the Remote Desktop license cache”, “Reset the Remote Desktop license cache”.',
    );
    journal.entries = [entryIn('verified', 'c')];
    expect((await engine.undoAll()).message).toBe('Undone: “Reset the Remote Desktop license cache”.');
  });

  it('a declined prompt stops it: the older changes are not asked for again', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('verified', 'a'), entryIn('verified', 'b')];
    windows.fail('undo-client-license-cache', new WindowsError('cancelled', 'no'));
    const result = await engine.undoAll();
    expect(windows.calls).toHaveLength(1);
    expect(result.failed.map((f) => f.journalId)).toEqual(['b']);
    expect(result.message).toBe('0 of 2 changes were undone; 2 could not be: no');
  });

  it('a process killed mid-undo writes nothing more', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('verified', 'a')];
    windows.fail('undo-client-license-cache', new ProcessDied('in this test'));
    await expect(engine.undoAll()).rejects.toBeInstanceOf(ProcessDied);
    expect(journal.entries[0]!.state).toBe('verified');
  });

  it('with nothing to undo, runs nothing and asks for nothing', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('undone', 'a'), entryIn('failed', 'b'), entryIn('rolled-back', 'c')];
    expect(await engine.undoAll()).toEqual({ undone: [], failed: [], message: 'There were no changes to undo.' });
    expect(windows.batches).toBe(0);
  });
});

describe('fixes a crash cut short', () => {
  it('lists the in-flight ones and the weakened settings awaiting a decision, with the journal notice', async () => {
    const { journal, engine } = setup();
    journal.entries = [
      entryIn('started', 'a'),
      entryIn('backed-up', 'b'),
      entryIn('applied', 'c'),
      entryIn('verified', 'd'),
      { ...entryIn('verified', 'e'), revertAfterTest: true },
      { ...entryIn('not-verified', 'f'), revertAfterTest: true },
      { ...entryIn('undone', 'g'), revertAfterTest: true },
      { ...entryIn('verified', 'h'), revertAfterTest: false },
    ];
    const pending = await engine.pending();
    expect(pending.interrupted.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(pending.awaitingRevert.map((e) => e.id)).toEqual(['e', 'f']);
    expect(pending.notice).toBeNull();
  });

  it('rolling back one stopped at its backup changes nothing and says so', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('started')];
    const outcome = await engine.resolveInterrupted('e1', 'roll-back');
    expect(outcome).toMatchObject({
      status: 'rolled-back',
      message: 'Nothing had been changed: the fix stopped while it was saving the backup.',
    });
    expect(journal.entries[0]).toMatchObject({
      state: 'rolled-back',
      message: 'Interrupted while saving the backup; nothing had been changed.',
    });
    expect(windows.calls).toEqual([]);
  });

  it('rolling back one stopped after its backup replays the backup of that entry', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('verified', 'other'), entryIn('applied')];
    const outcome = await engine.resolveInterrupted('e1', 'roll-back');
    expect(outcome).toMatchObject({ status: 'rolled-back', message: 'Rolled back: Imported MSLicensing.reg.' });
    expect(windows.calls.map((c) => [c.script, c.options.backupId])).toEqual([['undo-client-license-cache', 'e1']]);
    expect(journal.entries.map((e) => e.state)).toEqual(['verified', 'rolled-back']);
    expect(journal.entries[1]!.message).toBe('Interrupted; rolled back from the backup on the next start.');
  });

  it('a roll-back that restores nothing, is declined, or fails each says so; the last two keep it listed', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('backed-up')];
    windows.answers['undo-client-license-cache'] = { restored: [] };
    expect((await engine.resolveInterrupted('e1', 'roll-back')).message).toBe(
      'Rolled back: the fix had not changed anything yet, so nothing needed to change back.',
    );
    for (const [err, status, message] of [
      [new WindowsError('cancelled', 'no'), 'cancelled', 'Administrator permission was not given; the interrupted fix is still listed.'],
      [new Error('locked'), 'failed', 'The roll-back failed (locked). The backup is kept; try again.'],
    ] as const) {
      journal.entries = [entryIn('backed-up')];
      windows.fail('undo-client-license-cache', err);
      expect(await engine.resolveInterrupted('e1', 'roll-back')).toMatchObject({ status, message });
      expect(journal.entries[0]!.state).toBe('backed-up');
    }
    journal.entries = [entryIn('backed-up')];
    windows.fail('undo-client-license-cache', new ProcessDied('in this test'));
    await expect(engine.resolveInterrupted('e1', 'roll-back')).rejects.toBeInstanceOf(ProcessDied);
  });

  it('finishing one continues from the step it reached', async () => {
    const { windows, journal, engine } = setup();
    journal.entries = [entryIn('backed-up')];
    const outcome = await engine.resolveInterrupted('e1', 'finish');
    expect(windows.ran()).toEqual(['fix-client-license-cache', 'check-client-license-cache']);
    expect(outcome.status).toBe('fixed');
    journal.entries = [entryIn('applied')];
    windows.calls.length = 0;
    await engine.resolveInterrupted('e1', 'finish');
    expect(windows.ran()).toEqual(['check-client-license-cache']);
    journal.entries = [entryIn('started')];
    windows.calls.length = 0;
    await engine.resolveInterrupted('e1', 'finish');
    expect(windows.ran()).toEqual(['backup-client-license-cache', 'fix-client-license-cache', 'check-client-license-cache']);
  });

  it('refuses an unknown id and a change that was not interrupted', async () => {
    const { journal, engine } = setup();
    await expect(engine.resolveInterrupted('nope', 'finish')).rejects.toThrow('That change is not in the journal.');
    journal.entries = [entryIn('verified')];
    await expect(engine.resolveInterrupted('e1', 'finish')).rejects.toThrow('That change was not interrupted: it is verified.');
  });
});

describe('where a change runs', () => {
  it('a server fix with the server nowhere reachable is refused before anything runs, naming the computer', async () => {
    const { windows, journal, engine } = setup({ fix: { side: 'server' } });
    const refusal =
      "This changes srv-app01, which is another computer: RDP Doctor is not running there and is not connected to it, so it will not change anything from here. Make a fix script for srv-app01's administrator to run there, or connect to srv-app01 with PowerShell remoting.";
    await expect(engine.apply(FIX, CLIENT_TARGET, false)).rejects.toThrow(refusal);
    await expect(engine.applyBatch([FIX], CLIENT_TARGET, false)).rejects.toMatchObject({ kind: 'unavailable', message: refusal });
    expect(windows.calls).toEqual([]);
    expect(journal.entries).toEqual([]);
  });

  it('a server fix on this computer runs here; over remoting it records the server and undoes only there', async () => {
    const here = setup({ fix: { side: 'server' } });
    await here.engine.apply(FIX, HERE_TARGET, false);
    expect(here.windows.calls[0]!.options).toMatchObject({ side: 'server', where: 'here' });
    expect(here.journal.entries[0]).toMatchObject({ computer: 'LAPTOP-ANNA' });
    expect(here.journal.entries[0]!.ranOn).toBeUndefined();

    const remote = setup({ fix: { side: 'server' }, remoting: { host: 'srv-app01', computerName: 'SRV-APP01' } });
    remote.windows.remoteName = 'SRV-APP01';
    const outcome = await remote.engine.apply(FIX, CLIENT_TARGET, false);
    expect(remote.windows.calls[0]!.options).toMatchObject({ where: 'remoting' });
    expect(remote.journal.entries[0]).toMatchObject({ computer: 'srv-app01', ranOn: 'SRV-APP01' });
    expect(outcome.computer).toBe('srv-app01');

    remote.disconnect();
    remote.windows.calls.length = 0;
    const elsewhere = 'This change was made on SRV-APP01 over PowerShell remoting. Connect to SRV-APP01 again to continue or undo it.';
    await expect(remote.engine.undo(outcome.journalId!)).rejects.toThrow(elsewhere);
    remote.journal.entries[0]!.state = 'applied';
    expect(await remote.engine.resolveInterrupted(outcome.journalId!, 'roll-back')).toMatchObject({
      status: 'failed',
      message: `The roll-back failed (${elsewhere}). The backup is kept; try again.`,
    });
    await expect(remote.engine.restart(outcome.journalId!)).rejects.toThrow(/takes effect without restarting/);
    expect(remote.windows.calls).toEqual([]);

    // Connected to another server of the same name space: still not the computer it was made on.
    remote.connect('srv-app01', 'SRV-APP01');
    remote.windows.remoteName = 'SRV-OTHER';
    await expect(remote.engine.undo(outcome.journalId!)).rejects.toThrow(elsewhere);
    remote.windows.remoteName = 'SRV-APP01';
    await remote.engine.undo(outcome.journalId!);
    expect(remote.windows.ran()).toEqual(['undo-client-license-cache']);
  });

  it('a change made here is not undone over a remoting session to the same name', async () => {
    const { windows, journal, engine, connect } = setup({ fix: { side: 'server' } });
    journal.entries = [{ ...entryIn('verified'), target: CLIENT_TARGET }];
    connect('srv-app01', 'SRV-APP01');
    windows.remoteName = 'SRV-APP01';
    await expect(engine.undo('e1')).rejects.toThrow(
      'This change was made on this computer. Disconnect from SRV-APP01 to continue or undo it here.',
    );
    expect(windows.calls).toEqual([]);
  });

  it('an entry without ranOn whose server is no longer reachable gets the plain refusal', async () => {
    const { journal, engine } = setup({ fix: { side: 'server' } });
    journal.entries = [{ ...entryIn('verified'), target: CLIENT_TARGET }];
    await expect(engine.undo('e1')).rejects.toThrow(/^This changes srv-app01, which is another computer/);
  });

  it('fixPlace: a client fix is always here, on this computer', () => {
    const { ports } = setup();
    expect(fixPlace(ports, licenseFix(), CLIENT_TARGET)).toEqual({ computer: 'LAPTOP-ANNA', where: 'here' });
    expect(fixPlace(ports, licenseFix({ side: 'server' }), HERE_TARGET)).toEqual({ computer: 'LAPTOP-ANNA', where: 'here' });
  });
});

describe('verification as administrator', () => {
  it('a check only an administrator can read runs elevated, for the same change, after an administrator fix', async () => {
    const { windows, engine } = setup({ fix: { verifies: ['server-key-permissions' as never], side: 'server' } });
    windows.answers['check-rdp-key-permissions'] = { folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys', files: [] };
    const outcome = await engine.apply(FIX, HERE_TARGET, false);
    const check = windows.calls.find((c) => c.script === 'check-rdp-key-permissions')!;
    expect(check.options).toMatchObject({ elevated: true, backupId: outcome.journalId });
  });

  it('the same check after a fix that needs no administrator stays unelevated', async () => {
    const { windows, engine } = setup({ fix: { verifies: ['server-key-permissions' as never], side: 'server', needsAdmin: false } });
    windows.answers['check-rdp-key-permissions'] = { folder: 'C:\\x', files: [] };
    await engine.apply(FIX, HERE_TARGET, false);
    expect(windows.calls.find((c) => c.script === 'check-rdp-key-permissions')!.options.elevated).toBe(false);
  });
});

describe('restart', () => {
  const restarting = { fix: { restart: 'computer' as const, side: 'server' as const } };

  it('schedules the restart as administrator on the computer the change was made on, and says how to call it off', async () => {
    const { windows, journal, engine } = setup(restarting);
    journal.entries = [{ ...entryIn('verified'), target: HERE_TARGET, computer: 'LAPTOP-ANNA' }];
    expect(await engine.restart('e1')).toEqual({
      journalId: 'e1',
      computer: 'LAPTOP-ANNA',
      inSeconds: 60,
      cancelCommand: 'shutdown.exe /a',
    });
    expect(windows.calls).toEqual([
      {
        script: 'restart-computer',
        args: {},
        options: { elevated: true, timeoutMs: 1234, side: 'server', where: 'here', backupId: 'e1' },
      },
    ]);
    // An entry from before the journal named its computer: the name comes from where it runs.
    journal.entries = [{ ...entryIn('applied'), target: HERE_TARGET }];
    expect((await engine.restart('e1')).computer).toBe('LAPTOP-ANNA');
  });

  it('refuses an unknown change, a fix that needs no restart, and a change with nothing to complete', async () => {
    const { journal, engine } = setup(restarting);
    await expect(engine.restart('nope')).rejects.toThrow('That change is not in the journal.');
    journal.entries = [{ ...entryIn('undone'), target: HERE_TARGET }];
    await expect(engine.restart('e1')).rejects.toThrow('That change is undone: there is nothing a restart would complete.');
    const plain = setup();
    plain.journal.entries = [entryIn('verified')];
    await expect(plain.engine.restart('e1')).rejects.toThrow(
      '"Reset the Remote Desktop license cache" takes effect without restarting the computer.',
    );
  });

  it('a restart script answering in the wrong shape is an error', async () => {
    const { windows, journal, engine } = setup(restarting);
    journal.entries = [{ ...entryIn('not-verified'), target: HERE_TARGET }];
    windows.answers['restart-computer'] = { restartInSeconds: 'soon' };
    await expect(engine.restart('e1')).rejects.toThrow('restart-computer answered in an unexpected shape.');
  });
});

describe('keep, entries, preview', () => {
  it('keep refuses an unknown change', async () => {
    const { engine } = setup();
    await expect(engine.keep('nope')).rejects.toThrow('That change is not in the journal.');
  });

  it('entries reads the journal under its lock', async () => {
    const { journal, engine } = setup();
    const order: string[] = [];
    journal.entries = [entryIn('verified')];
    Object.assign(journal, {
      locked: async <T>(work: () => Promise<T>) => {
        order.push('lock');
        const result = await work();
        order.push('unlock');
        return result;
      },
      load: async () => {
        order.push('load');
        return [entryIn('verified')];
      },
    });
    expect((await engine.entries()).map((e) => e.id)).toEqual(['e1']);
    expect(order).toEqual(['lock', 'load', 'unlock']);
  });

  it('previewFix: what changes, where, and the exact commands: backup, fix, then the checks again', () => {
    const { ports } = setup();
    const preview = previewFix(ports, 'reset-license-cache', CLIENT_TARGET);
    const fix = getFix('reset-license-cache');
    expect(preview).toMatchObject({
      fixId: 'reset-license-cache',
      title: fix.title,
      plain: fix.plain,
      side: 'client',
      computer: 'LAPTOP-ANNA',
      canApply: true,
      needsAdmin: true,
      undoPlain: fix.undoPlain,
    });
    expect(preview.notHere).toBeUndefined();
    expect(preview.commands).toHaveLength(3);
    expect(preview.commands[0]).toContain('backup-client-license-cache.ps1');
    expect(preview.commands[1]).toContain('fix-client-license-cache.ps1');
    expect(preview.commands[2]).toContain('check-client-license-cache.ps1');
    const server = previewFix(ports, 'enable-firewall-rdp', CLIENT_TARGET);
    expect(server).toMatchObject({ canApply: false, computer: 'srv-app01', notHere: expect.stringMatching(/^This changes srv-app01/) });
  });
});

function entryIn(state: JournalEntry['state'], id = 'e1'): JournalEntry {
  return {
    id,
    fixId: FIX,
    target: CLIENT_TARGET,
    state,
    startedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    backup: BACKUP,
    changed: [],
    message: '',
    computer: 'LAPTOP-ANNA',
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
