import { describe, expect, it } from 'vitest';
import { createHandlers } from '../handlers';
import { createSimulatedPorts } from '../simulated/simulated-ports';
import { UnavailableWindows } from '../powershell/script-runner';

/*
 * "Read my last attempt" (the first step): the handler runs read-client-last-disconnect.ps1 on
 * this computer (the real script, in pwsh against the scenario's laptop) and answers with the
 * reason in the canonical form the scan accepts.
 */
const ctx = { emit: () => undefined };

describe('lastDisconnect', () => {
  it("this computer's last attempt, as the scan takes it: 516 in the log is 0x204, with the server it tried", async () => {
    // The scenario's attempt was 29 min 59 s before its 09:00; the simulated laptop keeps the
    // real clock (machine-clock.ts), so the attempt is that long before now.
    const clock = { now: () => new Date('2026-12-07T21:40:00.000Z') };
    const sim = createSimulatedPorts('client-log-other-error', { clock });
    expect(await createHandlers(sim.ports).lastDisconnect({}, ctx)).toEqual({
      logEnabled: true,
      last: { error: '0x204', server: '127.0.0.1', time: '2026-12-07T21:10:01.000Z' },
    });
    expect(sim.windows.runs.map((r) => [r.script, r.elevated])).toEqual([['read-client-last-disconnect', false]]);
  }, 60_000);

  it('says plainly when it cannot read the log (not Windows), instead of answering "no attempt"', async () => {
    const { ports } = createSimulatedPorts('healthy', { windows: new UnavailableWindows('This needs Windows.') });
    await expect(createHandlers(ports).lastDisconnect({}, ctx)).rejects.toThrow('This needs Windows.');
  });
});
