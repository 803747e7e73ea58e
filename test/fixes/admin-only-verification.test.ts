import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';

/*
 * RDP Doctor started normally (not "as administrator") on the server itself: its checks run with
 * a standard token, so the key file's permissions cannot be read (only administrators may). The
 * fix that repairs them runs as administrator, and the check after it must too, under the same
 * prompt, or the repair could never be confirmed.
 */
const ctx: HandlerContext = { emit: () => undefined };
const target = { host: '127.0.0.1', port: 3389 };

describe('the key-permission repair, with RDP Doctor not run as administrator on the server', () => {
  it('cannot read the key file in the scan, says so, and after the repair checks it as administrator under the one prompt', async () => {
    const sim = createSimulatedPorts('key-file-permissions');
    sim.windows.computer.runsAsAdministrator = false;
    const handlers = createHandlers(sim.ports);
    const scan = await handlers.runScan({ target, audience: 'helpdesk' }, ctx);
    const keyCheck = scan.results.find((r) => r.checkId === 'server-key-permissions')!;
    expect(keyCheck.status).toBe('unavailable');
    expect(keyCheck.summary).toMatch(/administrator/i);

    const outcome = await handlers.applyFix({ fixId: 'repair-rdp-key-permissions', target }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(outcome.verification.map((v) => [v.checkId, v.status])).toEqual([['server-key-permissions', 'pass']]);
    expect(sim.windows.prompts).toBe(1);
    expect(sim.windows.runs.filter((r) => r.script === 'check-rdp-key-permissions').map((r) => r.elevated)).toEqual([false, true]);
  });
});
