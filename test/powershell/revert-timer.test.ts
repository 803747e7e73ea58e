import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import type { MachineSnapshot, SimulatedWindows } from '../../electron/main/simulated/simulated-windows';
import type { FixId } from '../../shared/catalog/fixes';
import { tasksOf, theRevertTask, withoutBackups } from '../support/machine-snapshot';
import { pwshPath } from './pwsh';

/*
 * Temporary changes that put themselves back (lib/revert-timer.ps1): the fix registers a
 * scheduled task as SYSTEM with the change; here the task fires in another PowerShell process
 * that loads only the machine (RDP Doctor and its session are not involved), after the fake's
 * clock has moved on, as Task Scheduler runs it on Windows.
 */
const run = promisify(execFile);
const ctx: HandlerContext = { emit: () => undefined };
const target = { host: '127.0.0.1', port: 3389 };
const FAKE_MODULE = join(__dirname, '../fake-windows/FakeWindows.psm1');
const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The machine but for RDP Doctor's own backups, its timers' outcome key, an empty task list, and
 * its clock (which the test moves on).
 */
function comparable(snapshot: MachineSnapshot): unknown {
  const rest = withoutBackups(snapshot) as MachineSnapshot & {
    registry?: Record<string, unknown>;
    scheduledTasks?: unknown[];
    now?: string;
  };
  const registry = Object.fromEntries(Object.entries(rest.registry ?? {}).filter(([key]) => !key.includes('RDP Doctor')));
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { scheduledTasks, now, ...others } = rest;
  return { ...others, registry, ...(scheduledTasks?.length ? { scheduledTasks } : {}) };
}

/** Fires the machine's due tasks from a PowerShell process of its own, after `minutes`. */
async function fireTasksLater(windows: SimulatedWindows, minutes: number): Promise<Array<{ TaskName: string; Result: number }>> {
  const files = windows.computer.machineFiles();
  if (!files) throw new Error('no machine loaded');
  const script = [
    `Import-Module -Name ${psQuote(FAKE_MODULE)}`,
    `Use-FakeMachine -Path ${psQuote(files.statePath)} -Root ${psQuote(files.root)}`,
    `$ran = @(Invoke-FakeTaskScheduler -Advance ([timespan]::FromMinutes(${minutes})))`,
    '[Console]::Out.WriteLine((ConvertTo-Json -InputObject $ran -Compress -Depth 3))',
  ].join('; ');
  const { stdout } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-Command', script], {
    env: { ...process.env, TERM: 'dumb' },
  });
  await windows.computer.reload();
  const parsed = JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
  return (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ TaskName: string; Result: number }>;
}

async function start(scenario: string) {
  let now = new Date();
  const sim = createSimulatedPorts(scenario, { clock: { now: () => now } });
  const before = await sim.windows.snapshot();
  return {
    ...sim,
    handlers: createHandlers(sim.ports),
    before,
    setNow: (at: Date) => {
      now = at;
    },
  };
}

const temporary: Array<[FixId, string, string]> = [
  ['credssp-allow-vulnerable', 'client-credssp-force-updated', 'client-credssp'],
  ['disable-client-udp', 'client-vpn-drops-udp', 'client-udp'],
  ['rdp-security-isolation-test', 'nla-without-tls', 'server-security-settings'],
];

describe.each(temporary)('%s (%s) for 15 minutes', (fixId, scenario) => {
  it('registers a SYSTEM task that runs the restore script from the change’s own backup folder; with RDP Doctor gone, the task puts the machine back and removes itself, and the journal then shows the change undone by the timer', async () => {
    const { handlers, journal, windows, before, ports, setNow } = await start(scenario);
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true, revertAfterMinutes: 15 }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(outcome.revertsAt).toBeDefined();
    expect(outcome.changed.join(' ')).toMatch(/Turns itself back at \d\d:\d\d/);
    const entry = journal.entries[0]!;
    expect(entry.revertsAt).toBe(outcome.revertsAt);

    const changed = await windows.snapshot();
    const task = theRevertTask(changed);
    // The one file the task runs lies in this change's backup folder, nowhere a user could write.
    expect(task.arguments).toBe(
      `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${ports.backupDir}/${entry.id}/revert-on-timer.ps1"`,
    );
    expect(Date.parse(task.startBoundary)).toBe(Date.parse(outcome.revertsAt!));

    // Not yet: fourteen minutes later nothing has run.
    expect(await fireTasksLater(windows, 14)).toEqual([]);
    expect(comparable(await windows.snapshot())).toEqual(comparable(changed));

    const ran = await fireTasksLater(windows, 2);
    expect(ran.map((r) => r.Result)).toEqual([0]);
    const after = await windows.snapshot();
    expect(tasksOf(after)).toEqual([]);
    expect(comparable(after)).toEqual(comparable(before));

    // RDP Doctor opened again after the time: the journal says the timer put it back.
    setNow(new Date(Date.parse(outcome.revertsAt!) + 60_000));
    const listed = (await handlers.listJournal({}, ctx)).find((e) => e.id === entry.id)!;
    expect(listed.state).toBe('undone');
    expect(listed.undoneBy).toBe('timer');
    expect(listed.message).toMatch(/^Put back by its timer at /);
    expect((await handlers.listInterrupted({}, ctx)).awaitingRevert).toEqual([]);
  }, 120_000);

  it('undo before the time removes the task with the change, and the machine is as it was', async () => {
    const { handlers, journal, windows, before } = await start(scenario);
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true, revertAfterMinutes: 15 }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(undo.restored).toContain('Removed the timer that would have put it back');
    const after = await windows.snapshot();
    expect(tasksOf(after)).toEqual([]);
    expect(comparable(after)).toEqual(comparable(before));
    expect(journal.entries[0]?.state).toBe('undone');
    expect(journal.entries[0]?.undoneBy).toBeUndefined();
    // Nothing is left to fire later over what the user sets next.
    expect(await fireTasksLater(windows, 20)).toEqual([]);
  }, 120_000);

  it('a task Windows refuses to register rolls the change back: nothing stays weakened without its timer', async () => {
    const { handlers, journal, windows, before } = await start(scenario);
    await windows.injectFault('Register-ScheduledTask');
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true, revertAfterMinutes: 60 }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(outcome.message).toMatch(/timer that would put this back could not be set up/);
    expect(comparable(await windows.snapshot())).toEqual(comparable(before));
    expect(journal.entries[0]?.state).toBe('rolled-back');
  }, 120_000);
});

describe('over PowerShell remoting', () => {
  it('the isolation test registers its timer on OFFICE-PC, never on this laptop; it fires there with nobody connected', async () => {
    const sim = createSimulatedPorts('nla-without-tls', {}, { runsOn: 'client' });
    const handlers = createHandlers(sim.ports);
    const serverBefore = await sim.server.snapshot();
    expect((await sim.ports.remote!.connect({ host: 'office-pc', username: 'CORP\\helpdesk', password: 'x' })).connected).toBe(true);
    const outcome = await handlers.applyFix(
      {
        fixId: 'rdp-security-isolation-test',
        target: { host: 'office-pc', port: 3389 },
        confirmedSecurityChange: true,
        revertAfterMinutes: 60,
      },
      ctx,
    );
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(tasksOf(await sim.windows.snapshot())).toEqual([]);
    const [task] = tasksOf(await sim.server.snapshot());
    expect(task?.userId).toBe('SYSTEM');
    // The change's own backup folder there (the simulated remoting keeps the app's folder name).
    expect(task?.arguments).toBe(
      `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${sim.ports.backupDir}/${sim.journal.entries[0]!.id}/revert-on-timer.ps1"`,
    );
    await sim.ports.remote!.disconnect();
    expect(await fireTasksLater(sim.server, 59)).toEqual([]);
    expect((await fireTasksLater(sim.server, 2)).map((r) => r.Result)).toEqual([0]);
    expect(comparable(await sim.server.snapshot())).toEqual(comparable(serverBefore));
  }, 120_000);
});

describe('until I undo it', () => {
  it('registers no task, and the change stays until the user undoes it', async () => {
    const { handlers, windows } = await start('client-credssp-force-updated');
    const outcome = await handlers.applyFix(
      { fixId: 'credssp-allow-vulnerable', target, confirmedSecurityChange: true, revertAfterMinutes: null },
      ctx,
    );
    expect(outcome.status).toBe('fixed');
    expect(outcome.revertsAt).toBeUndefined();
    expect(tasksOf(await windows.snapshot())).toEqual([]);
    expect((await windows.facts('check-client-credssp')).allowEncryptionOracle).toBe(2);
  }, 60_000);

  it('a fix that is not temporary cannot be given a time', async () => {
    const { handlers } = await start('rdp-disabled');
    await expect(handlers.applyFix({ fixId: 'enable-rdp', target, revertAfterMinutes: 15 }, ctx)).rejects.toThrow(/not a temporary change/);
  }, 60_000);
});

describe('in a batch (several fixes under one administrator prompt)', () => {
  it('the time chosen goes to the temporary fix only: one SYSTEM task, which puts back that fix and leaves the other', async () => {
    const { handlers, journal, windows } = await start('client-vpn-drops-udp');
    const udpBefore = await windows.facts('check-client-udp');
    const outcomes = await handlers.applyFixes(
      { fixIds: ['reset-license-cache', 'disable-client-udp'], target, confirmedSecurityChange: false, revertAfterMinutes: 15 },
      ctx,
    );
    expect(outcomes.map((o) => [o.fixId, o.status, o.revertsAt !== undefined])).toEqual([
      ['reset-license-cache', 'fixed', false],
      ['disable-client-udp', 'fixed', true],
    ]);
    const udp = journal.entries.find((e) => e.fixId === 'disable-client-udp')!;
    expect(udp).toMatchObject({ revertAfterMinutes: 15, revertsAt: outcomes[1]!.revertsAt });
    expect(journal.entries.find((e) => e.fixId === 'reset-license-cache')).not.toHaveProperty('revertAfterMinutes');
    const [task, ...more] = tasksOf(await windows.snapshot());
    expect(more).toEqual([]);
    expect(task?.arguments).toMatch(new RegExp(`/${udp.id}/revert-on-timer\\.ps1"$`));
    const applied = await windows.facts('check-client-udp');

    expect((await fireTasksLater(windows, 16)).map((r) => r.Result)).toEqual([0]);
    expect(tasksOf(await windows.snapshot())).toEqual([]);
    // UDP is the client's own again; the license cache reset (not temporary) stays done.
    expect(applied).not.toEqual(udpBefore);
    expect(await windows.facts('check-client-udp')).toEqual(udpBefore);
    expect((await handlers.listJournal({}, ctx)).find((e) => e.fixId === 'reset-license-cache')?.state).toBe('verified');
  }, 180_000);

  it('refuses a time for a batch with no temporary fix, before anything runs', async () => {
    const { handlers, journal, windows, before } = await start('client-vpn-drops-udp');
    await expect(handlers.applyFixes({ fixIds: ['reset-license-cache'], target, revertAfterMinutes: 15 }, ctx)).rejects.toThrow(
      'None of these fixes is a temporary change, so none can put itself back after a time.',
    );
    expect(journal.entries).toEqual([]);
    expect(comparable(await windows.snapshot())).toEqual(comparable(before));
  }, 60_000);
});
