import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import type { WindowsError } from '../../electron/main/ports';

/*
 * "Restart needed" → "Restart now": TLS 1.2 enabled on a server takes effect only at startup.
 * The restart is scheduled with Windows' one-minute notice, as administrator, on the computer the
 * change was made on and nowhere else; the real script runs against the fake Windows (its own
 * errors: test/powershell/scripts.test.ts).
 */
const ctx: HandlerContext = { emit: () => undefined };
const pending = async (sim: { snapshot(): Promise<Record<string, unknown>> }) => (await sim.snapshot()).pendingRestart ?? null;

describe('Restart now, through the fix engine', () => {
  async function tlsFixed(options: Parameters<typeof createSimulatedPorts>[2] = {}, target = { host: '127.0.0.1', port: 3389 }) {
    const sim = createSimulatedPorts('tls12-disabled', {}, options);
    const handlers = createHandlers(sim.ports);
    return { sim, handlers, target };
  }

  it('restarts the server the change was made on, after one administrator prompt, and says when', async () => {
    const { sim, handlers, target } = await tlsFixed();
    const outcome = await handlers.applyFix({ fixId: 'enable-tls12-server', target }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(await pending(sim.windows)).toBeNull();
    const prompts = sim.windows.prompts;
    const restart = await handlers.restartComputer({ journalId: outcome.journalId! }, ctx);
    expect(restart).toEqual({ journalId: outcome.journalId, computer: 'SRV-APP01', inSeconds: 60, cancelCommand: 'shutdown.exe /a' });
    expect(sim.windows.prompts).toBe(prompts + 1);
    expect(await pending(sim.windows)).toMatchObject({ inSeconds: 60, reason: 'p:2:4' });
  });

  it('refuses for a change that needs no restart, and for one that was undone, running nothing', async () => {
    const sim = createSimulatedPorts('firewall-rule-disabled');
    const handlers = createHandlers(sim.ports);
    const target = { host: '127.0.0.1', port: 3389 };
    const firewall = await handlers.applyFix({ fixId: 'enable-firewall-rdp', target }, ctx);
    await expect(handlers.restartComputer({ journalId: firewall.journalId! }, ctx)).rejects.toThrow(/without restarting/);

    const tls = await tlsFixed();
    const applied = await tls.handlers.applyFix({ fixId: 'enable-tls12-server', target }, ctx);
    await tls.handlers.undoFix({ journalId: applied.journalId! }, ctx);
    await expect(tls.handlers.restartComputer({ journalId: applied.journalId! }, ctx)).rejects.toThrow(/undone/);
    await expect(tls.handlers.restartComputer({ journalId: 'no-such-change' }, ctx)).rejects.toMatchObject({
      kind: 'not-found',
    } satisfies Partial<WindowsError>);
    expect(
      sim.windows.runs.some((r) => r.script === 'restart-computer') || tls.sim.windows.runs.some((r) => r.script === 'restart-computer'),
    ).toBe(false);
    expect(await pending(tls.sim.windows)).toBeNull();
  });

  it('over remoting restarts office-pc, never this laptop; once disconnected it says to connect again', async () => {
    const { sim, handlers } = await tlsFixed({ runsOn: 'client' });
    const target = { host: 'office-pc', port: 3389 };
    expect((await sim.ports.remote!.connect({ host: 'office-pc', username: 'CORP\\helpdesk', password: 'x' })).connected).toBe(true);
    const outcome = await handlers.applyFix({ fixId: 'enable-tls12-server', target }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    await sim.ports.remote!.disconnect();
    await expect(handlers.restartComputer({ journalId: outcome.journalId! }, ctx)).rejects.toThrow(/Connect to OFFICE-PC again/i);
    expect(await pending(sim.server)).toBeNull();

    await sim.ports.remote!.connect({ host: 'office-pc', username: 'CORP\\helpdesk', password: 'x' });
    const restart = await handlers.restartComputer({ journalId: outcome.journalId! }, ctx);
    expect(restart.computer).toMatch(/office-pc/i);
    expect(await pending(sim.server)).toMatchObject({ inSeconds: 60 });
    expect(await pending(sim.windows)).toBeNull();
  });
});

describe('Cancel restart, through the fix engine', () => {
  it('calls off the restart on the computer told to restart, after one more administrator prompt; a second time there is none to cancel', async () => {
    const sim = createSimulatedPorts('tls12-disabled');
    const handlers = createHandlers(sim.ports);
    const target = { host: '127.0.0.1', port: 3389 };
    const outcome = await handlers.applyFix({ fixId: 'enable-tls12-server', target }, ctx);
    await handlers.restartComputer({ journalId: outcome.journalId! }, ctx);
    expect(await pending(sim.windows)).toMatchObject({ inSeconds: 60 });
    const prompts = sim.windows.prompts;
    expect(await handlers.cancelRestart({ journalId: outcome.journalId! }, ctx)).toEqual({
      journalId: outcome.journalId,
      computer: 'SRV-APP01',
      cancelled: true,
    });
    expect(sim.windows.prompts).toBe(prompts + 1);
    expect(await pending(sim.windows)).toBeNull();
    // Windows' ERROR_NO_SHUTDOWN_IN_PROGRESS (1116) is an answer, not a failure.
    expect(await handlers.cancelRestart({ journalId: outcome.journalId! }, ctx)).toMatchObject({ cancelled: false });
  });

  it('refuses for a change that needs no restart, running nothing', async () => {
    const sim = createSimulatedPorts('firewall-rule-disabled');
    const handlers = createHandlers(sim.ports);
    const firewall = await handlers.applyFix({ fixId: 'enable-firewall-rdp', target: { host: '127.0.0.1', port: 3389 } }, ctx);
    await expect(handlers.cancelRestart({ journalId: firewall.journalId! }, ctx)).rejects.toThrow(/without restarting/);
    await expect(handlers.cancelRestart({ journalId: 'no-such-change' }, ctx)).rejects.toMatchObject({ kind: 'not-found' });
    expect(sim.windows.runs.some((r) => r.script === 'abort-restart')).toBe(false);
  });

  it('over remoting calls it off on office-pc, never on this laptop', async () => {
    const sim = createSimulatedPorts('tls12-disabled', {}, { runsOn: 'client' });
    const handlers = createHandlers(sim.ports);
    const target = { host: 'office-pc', port: 3389 };
    await sim.ports.remote!.connect({ host: 'office-pc', username: 'CORP\\helpdesk', password: 'x' });
    const outcome = await handlers.applyFix({ fixId: 'enable-tls12-server', target }, ctx);
    await handlers.restartComputer({ journalId: outcome.journalId! }, ctx);
    expect(await pending(sim.server)).toMatchObject({ inSeconds: 60 });
    const cancelled = await handlers.cancelRestart({ journalId: outcome.journalId! }, ctx);
    expect(cancelled).toMatchObject({ cancelled: true, computer: expect.stringMatching(/office-pc/i) });
    expect(await pending(sim.server)).toBeNull();
    expect(sim.windows.runs.some((r) => r.script === 'abort-restart')).toBe(false);
  });
});
