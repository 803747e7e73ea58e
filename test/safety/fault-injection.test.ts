import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { FixEngine } from '../../electron/main/fixes/run-fix';
import { ProcessDied } from '../../electron/main/fixes/process-died';
import { getCheck, type CheckId } from '../../shared/catalog/checks';
import type { FixId } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import type { ScriptId } from '../../shared/catalog/scripts';
import { WindowsError, type WindowsPort } from '../../electron/main/ports';
import type { SimulatedWindows } from '../../electron/main/simulated/simulated-windows';
import { runScriptCheck } from '../../electron/main/scan/run-check';
import { restoredView, simulate } from '../support/simulated-fixes';
import { catalogFixes, fixesWithoutScenario, reversibleFix, restart, target, tempJournal } from './support';

// Each fault ends with the machine as it was (or as the fix left it on purpose, verified) and a
// message that tells the user what happened.

const ctx: HandlerContext = { emit: () => undefined };
const journals: Array<ReturnType<typeof tempJournal>> = [];
afterEach(() => journals.splice(0).forEach((j) => j.cleanup()));

/** The script behind the first check that verifies the fix. */
function verifyScript(def: FixDef): ScriptId {
  const source = getCheck(def.verifies[0] as CheckId).source;
  if (source.kind !== 'script') throw new Error(`${def.verifies[0]} is not a script check`);
  return source.script;
}

/**
 * The fix script makes its change, then PowerShell never answers it: the simulated computer's
 * hang, at the time limit the engine gives. The engine gives every step that one limit; the real
 * scripts (the fix's change, the backup, the roll-back) run with their usual one, so a busy test
 * machine cannot make them time out as well.
 */
function hangsAfterItsChange(windows: SimulatedWindows, fixScript: ScriptId) {
  let waitedMs = 0;
  const port: WindowsPort = {
    description: windows.description,
    batch: (work) => windows.batch(work),
    run: async (script, args, options) => {
      const facts = await windows.run(script, args, { ...options, timeoutMs: undefined });
      if (script !== fixScript) return facts;
      windows.faults = { hangOn: script };
      const started = Date.now();
      try {
        return await windows.run(script, args, options);
      } finally {
        waitedMs = Date.now() - started;
        windows.faults = {};
      }
    },
  };
  return { port, waitedMs: () => waitedMs };
}

async function setUp(fixId: FixId, scenario: string) {
  const journal = tempJournal();
  journals.push(journal);
  const sim = simulate(scenario, { journal: journal.open() });
  /** The whole machine before the fix. */
  const original = await sim.windows.snapshot();
  /** The machine before the fix and now, less what the undo cannot put back (restoredView). */
  const before = restoredView(fixId, original);
  const now = async () => restoredView(fixId, await sim.windows.snapshot());
  return { ...sim, journalPath: journal.path, original, before, now };
}

it('every fix in the catalog has a scenario, so its backup and undo are exercised below', () => {
  expect(fixesWithoutScenario).toEqual([]);
});

it.each(catalogFixes)(
  '%s: its own checks find the problem in its scenario, so applying it really changes something',
  async (_fixId, def, scenario) => {
    const { ports } = simulate(scenario);
    const place = ports.servers.placeFor(target);
    const results = await Promise.all(def.verifies.map((c) => runScriptCheck(ports, c as CheckId, target, place)));
    // A problem is a fail, or a warning where the check only warns (an NTLM restriction is the
    // computer's policy, not a fault of it).
    expect(results.some((r) => r.status === 'fail' || r.status === 'warn')).toBe(true);
  },
);

describe('the session dies during a check', () => {
  it('during the scan: nothing changes and the check says PowerShell stopped', async () => {
    const { ports, windows } = simulate('firewall-rule-disabled');
    const before = await windows.snapshot();
    windows.faults.crashOn = 'check-firewall-rdp';
    const scan = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port: 9 }, audience: 'home' }, ctx);
    const firewall = scan.results.find((r) => r.checkId === 'server-firewall');
    expect(firewall).toMatchObject({ status: 'error', error: { kind: 'crashed' } });
    expect(firewall?.summary).toMatch(/Could not check this: The PowerShell process stopped/);
    expect(await windows.snapshot()).toEqual(before);
  });

  it.each(catalogFixes)('while %s is being verified: not called fixed, and undo restores the machine', async (fixId, def, scenario) => {
    const { ports, windows, before, now } = await setUp(fixId, scenario);
    windows.faults.crashOn = verifyScript(def);
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    expect(outcome.status).toBe('not-fixed');
    expect(outcome.message).toMatch(/could not be checked again \(Could not check this: The PowerShell process stopped/);
    windows.faults = {};
    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(undo.message).toMatch(/^Undone/);
    expect(await now()).toEqual(before);
  });
});

describe('a fix script hangs past its timeout', () => {
  it.each(catalogFixes)('%s hangs after changing things: rolled back, and the message names the timeout', async (fixId, def, scenario) => {
    const { ports, windows, before, now } = await setUp(fixId, scenario);
    const hang = hangsAfterItsChange(windows, def.script);
    const outcome = await new FixEngine({ ...ports, windows: hang.port }, { fixTimeoutMs: 150 }).apply(fixId, target, true);
    // It gave up at the engine's limit, not the 30 s a run is otherwise given.
    expect(hang.waitedMs()).toBeGreaterThanOrEqual(140);
    expect(hang.waitedMs()).toBeLessThan(5_000);
    expect(outcome.status).toBe('rolled-back');
    expect(outcome.message).toMatch(
      /The fix failed \(PowerShell did not answer within 0 s\.\)\. What it had changed was put back from the backup: /,
    );
    expect(await now()).toEqual(before);
    expect((await ports.journal.load())[0]?.state).toBe('rolled-back');
  });
});

describe('a fix fails after its backup', () => {
  it.each(catalogFixes)('%s fails half-way: the backup is replayed and the machine is as before', async (fixId, def, scenario) => {
    const { ports, windows, before, now } = await setUp(fixId, scenario);
    windows.faults = { failOn: def.script, afterEffect: true };
    const outcome = await createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(outcome.message).toMatch(/The fix failed \(Simulated failure in .*\)\. What it had changed was put back from the backup: /);
    expect(await now()).toEqual(before);
    expect((await ports.journal.load())[0]).toMatchObject({ state: 'rolled-back', message: expect.stringMatching(/^Failed: /) });
  });

  it('when the roll-back fails too, the change stays listed for another try, and that try restores it', async () => {
    const [fixId, def, scenario] = reversibleFix;
    const { ports, windows, journalPath, before, now, original } = await setUp(fixId, scenario);
    windows.faults = { failOn: def.script, afterEffect: true };
    // The server stops answering before the undo script can run.
    const undoFails: WindowsPort = {
      description: windows.description,
      batch: (work) => windows.batch(work),
      run: (script, args, options) =>
        script === def.undoScript
          ? Promise.reject(new WindowsError('unavailable', 'The RPC server is unavailable.'))
          : windows.run(script, args, options),
    };
    const outcome = await createHandlers({ ...ports, windows: undoFails }).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/automatic roll-back failed too \(The RPC server is unavailable\.\)/);
    expect(await windows.snapshot()).not.toEqual(original);

    windows.faults = {};
    const next = createHandlers(restart(ports, journalPath));
    const pending = await next.listInterrupted({}, ctx);
    expect(pending.interrupted.map((e) => e.id)).toEqual([outcome.journalId]);
    const resolved = await next.resolveInterrupted({ journalId: outcome.journalId!, action: 'roll-back' }, ctx);
    expect(resolved.status).toBe('rolled-back');
    expect(await now()).toEqual(before);
  });
});

describe('the app is killed mid-fix', () => {
  it.each(catalogFixes)('%s, killed between backup and apply: the next start finds it and rolls it back', async (fixId, def, scenario) => {
    const { ports, windows, journalPath, before, now } = await setUp(fixId, scenario);
    windows.faults = { killBefore: def.script };
    await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(ProcessDied);
    windows.faults = {};

    const next = createHandlers(restart(ports, journalPath));
    const { interrupted } = await next.listInterrupted({}, ctx);
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toMatchObject({ fixId, state: 'backed-up' });
    const outcome = await next.resolveInterrupted({ journalId: interrupted[0]!.id, action: 'roll-back' }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(outcome.message).toMatch(/^Rolled back: /);
    expect(await now()).toEqual(before);
    expect((await next.listInterrupted({}, ctx)).interrupted).toEqual([]);
    expect((await next.listJournal({}, ctx))[0]?.state).toBe('rolled-back');
  });

  it.each(catalogFixes)(
    '%s, killed after the change was made but before it was recorded: rolled back all the same',
    async (fixId, def, scenario) => {
      const { ports, windows, journalPath, before, now, original } = await setUp(fixId, scenario);
      windows.faults = { killAfter: def.script };
      await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(
        ProcessDied,
      );
      expect(await windows.snapshot()).not.toEqual(original);
      windows.faults = {};

      const next = createHandlers(restart(ports, journalPath));
      const [entry] = (await next.listInterrupted({}, ctx)).interrupted;
      expect(entry?.state).toBe('backed-up');
      const outcome = await next.resolveInterrupted({ journalId: entry!.id, action: 'roll-back' }, ctx);
      expect(outcome.message).toMatch(/^Rolled back: .+/);
      expect(await now()).toEqual(before);
    },
  );

  it.each(catalogFixes)(
    '%s, killed between backup and apply, can be finished instead: fixed and verified',
    async (fixId, def, scenario) => {
      const { ports, windows, journalPath } = await setUp(fixId, scenario);
      windows.faults = { killBefore: def.script };
      await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(
        ProcessDied,
      );
      windows.faults = {};

      const next = createHandlers(restart(ports, journalPath));
      const [entry] = (await next.listInterrupted({}, ctx)).interrupted;
      const outcome = await next.resolveInterrupted({ journalId: entry!.id, action: 'finish' }, ctx);
      expect(outcome.status).toBe('fixed');
      expect(outcome.verification.every((v) => v.status === 'pass')).toBe(true);
      // The backup made before the crash is the one an undo replays.
      expect((await next.listJournal({}, ctx))[0]).toMatchObject({ state: 'verified', backup: entry!.backup });
    },
  );

  it('killed while saving the backup: nothing had changed, and rolling back says so', async () => {
    const [fixId, def, scenario] = reversibleFix;
    const { ports, windows, journalPath, before, now } = await setUp(fixId, scenario);
    windows.faults = { killBefore: def.backupScript };
    await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(ProcessDied);
    windows.faults = {};
    const next = createHandlers(restart(ports, journalPath));
    const [entry] = (await next.listInterrupted({}, ctx)).interrupted;
    expect(entry?.state).toBe('started');
    const outcome = await next.resolveInterrupted({ journalId: entry!.id, action: 'roll-back' }, ctx);
    expect(outcome.message).toBe('Nothing had been changed: the fix stopped while it was saving the backup.');
    expect(await now()).toEqual(before);
  });

  it('killed while verifying: the change is recorded as applied and can be rolled back', async () => {
    const [fixId, def, scenario] = reversibleFix;
    const { ports, windows, journalPath, before, now } = await setUp(fixId, scenario);
    windows.faults = { killBefore: verifyScript(def) };
    await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(ProcessDied);
    windows.faults = {};
    const next = createHandlers(restart(ports, journalPath));
    const [entry] = (await next.listInterrupted({}, ctx)).interrupted;
    expect(entry?.state).toBe('applied');
    await next.resolveInterrupted({ journalId: entry!.id, action: 'roll-back' }, ctx);
    expect(await now()).toEqual(before);
  });

  it('a fix being run now is not offered as interrupted, and cannot be resolved from under it', async () => {
    const [fixId, , scenario] = reversibleFix;
    const { ports, windows } = await setUp(fixId, scenario);
    windows.delayMs = 50;
    const handlers = createHandlers(ports);
    const running = handlers.applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    await new Promise((r) => setTimeout(r, 20));
    expect((await handlers.listInterrupted({}, ctx)).interrupted).toEqual([]);
    expect((await running).status).toBe('fixed');
  });
});
