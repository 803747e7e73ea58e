import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';

/*
 * The laptop's user is Jürgen: their profile, Documents\Default.rdp and the bitmap cache live
 * under C:\Users\Jürgen. The client checks find the damaged connection data there, and the fix
 * clears it there and puts it back, with the path intact.
 */
const ctx: HandlerContext = { emit: () => undefined };

describe('a laptop user with a non-ASCII name', () => {
  it('finds, clears and puts back the connection data under C:\\Users\\Jürgen', async () => {
    const sim = createSimulatedPorts('client-damaged-connection-data', {}, { runsOn: 'client' });
    const handlers = createHandlers(sim.ports);
    const target = { host: 'office-pc', port: 3389 };
    const defaultRdp = async () => (await sim.windows.facts('check-client-connection-data')).defaultRdp;

    const before = await defaultRdp();
    expect(before.exists).toBe(true);
    expect(before.path).toMatch(/[\\/]Users[\\/]Jürgen[\\/]Documents[\\/]Default\.rdp$/);
    const scan = await handlers.runScan({ target, audience: 'home' }, ctx);
    expect(scan.findings.map((f) => f.id)).toContain('damaged-connection-data');

    const outcome = await handlers.applyFix({ fixId: 'clear-connection-data', target }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect((await defaultRdp()).exists).toBe(false);

    await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(await defaultRdp()).toMatchObject({ exists: true, path: before.path, bytes: before.bytes });
  });
});
