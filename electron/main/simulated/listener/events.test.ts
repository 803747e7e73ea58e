import { describe, expect, it } from 'vitest';
import { createSimulatedPorts } from '../simulated-ports';

/**
 * One source of truth: the events the listener model says Windows logged for a state are in the
 * server's own event logs, as its check script reads them (the real script under pwsh).
 */
describe("the events a server's state implies, read by its own script", () => {
  it('a key NETWORK SERVICE cannot read: Schannel 36870 and RemoteConnectionManager 1058', async () => {
    const { windows } = createSimulatedPorts('key-file-permissions');
    const facts = await windows.facts('check-server-rdp-events');
    expect(facts.events.map((e) => [e.log, e.id])).toEqual([
      ['rcm', 1058],
      ['schannel', 36870],
    ]);
  });

  it('a healthy server logs none of them', async () => {
    const { windows } = createSimulatedPorts('healthy');
    expect((await windows.facts('check-server-rdp-events')).events).toEqual([]);
  });
});
