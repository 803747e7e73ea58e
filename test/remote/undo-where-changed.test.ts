import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { RoutingWindows } from '../../electron/main/remote/router';
import { createSimulatedPorts, portsFor, SIMULATED_LAPTOP, SIMULATED_SERVER } from '../../electron/main/simulated/simulated-ports';
import { ServerLocator } from '../../electron/main/server-place/locator';
import type { ThisComputer } from '../../electron/main/server-place/this-computer';
import type { WindowsPort } from '../../electron/main/ports';
import type { SimulatedWindows } from '../../electron/main/simulated/simulated-windows';

const ctx: HandlerContext = { emit: () => undefined };
const target = { host: 'srv-app01', port: 3389 };

/** Whether every "Remote Desktop" firewall rule is on, as the machine's own check reports it. */
const rdpRulesOn = async (machine: SimulatedWindows) => (await machine.facts('check-firewall-rdp')).rules.map((r) => r.enabled);

/**
 * A server reached over remoting, played by a second simulated machine with a host name. `me` is
 * the computer RDP Doctor runs on: a laptop (the server is another computer), or the server itself.
 */
function setup(me: ThisComputer) {
  const local = createSimulatedPorts('firewall-rule-disabled').windows;
  const server = Object.assign(createSimulatedPorts('firewall-rule-disabled').windows, { target: { host: 'srv-app01' } });
  let active: WindowsPort | null = server;
  const remoting = { status: () => ({ connected: active !== null, host: 'srv-app01', computerName: 'SRV-APP01' }) };
  const windows = new RoutingWindows(local, { active: () => active });
  const { ports, journal } = portsFor(windows, null, { servers: new ServerLocator(me, remoting) });
  return { local, server, journal, handlers: createHandlers(ports), disconnect: () => (active = null), reconnect: () => (active = server) };
}

describe('a change made over remoting is undone only on that server', () => {
  it('records the server, refuses the undo after disconnecting, and undoes it there after reconnecting', async () => {
    const { local, server, journal, handlers, disconnect, reconnect } = setup(SIMULATED_LAPTOP);
    const localBefore = await local.snapshot();
    expect(await rdpRulesOn(server)).toEqual([false, false]);
    const outcome = await handlers.applyFix({ fixId: 'enable-firewall-rdp', target }, ctx);
    expect(outcome.status).toBe('fixed');
    expect(journal.entries[0]?.ranOn).toBe('srv-app01');
    expect(await rdpRulesOn(server)).toEqual([true, true]);

    disconnect();
    await expect(handlers.undoFix({ journalId: outcome.journalId! }, ctx)).rejects.toThrow(
      'This change was made on srv-app01 over PowerShell remoting. Connect to srv-app01 again to continue or undo it.',
    );
    expect(await local.snapshot()).toEqual(localBefore);
    expect(await rdpRulesOn(server)).toEqual([true, true]);

    reconnect();
    await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(await rdpRulesOn(server)).toEqual([false, false]);
    expect(await local.snapshot()).toEqual(localBefore);
  });

  it('from a laptop with no remoting session, a server fix is refused and nothing changes anywhere', async () => {
    const { local, server, journal, handlers, disconnect } = setup(SIMULATED_LAPTOP);
    disconnect();
    const localBefore = await local.snapshot();
    const serverBefore = await server.snapshot();
    await expect(handlers.applyFix({ fixId: 'enable-firewall-rdp', target }, ctx)).rejects.toThrow(
      /This changes srv-app01, which is another computer.*Make a fix script for srv-app01's administrator/,
    );
    expect(local.runs).toEqual([]);
    expect(await local.snapshot()).toEqual(localBefore);
    expect(await server.snapshot()).toEqual(serverBefore);
    expect(journal.entries).toEqual([]);
  });

  it('a change made on this computer (the server itself) is not undone on a server connected later', async () => {
    const { local, handlers, disconnect, reconnect } = setup({ ...SIMULATED_SERVER, name: 'SRV-APP01' });
    disconnect();
    const outcome = await handlers.applyFix({ fixId: 'enable-firewall-rdp', target }, ctx);
    expect(await rdpRulesOn(local)).toEqual([true, true]);
    reconnect();
    await expect(handlers.undoFix({ journalId: outcome.journalId! }, ctx)).rejects.toThrow(
      /made on this computer. Disconnect from srv-app01/,
    );
  });
});
