import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { diagnose } from '../../shared/diagnosis/rules';
import { result } from '../support/diagnosis-fixtures';
import type { MachineState } from '../powershell/machines';
import { runOnMachines } from '../powershell/pwsh';

/*
 * check-server-rdp-events.ps1 under pwsh on FakeWindows machines (Get-WinEvent as Microsoft
 * documents it: no match and no such log are errors, a log the channel's access denies throws),
 * then its facts through the schema, the evaluator and the timeline rule with a client log.
 */
const RCM = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin';
const RCM_PROVIDER = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager';
// One fixed moment, so events and the client's log agree however long pwsh takes to start.
const NOW = Date.now();
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

type Logs = Record<string, { enabled: boolean; readers?: string[]; records: unknown[] }>;
const rcmLog = () => ({
  enabled: true,
  records: [
    // RemoteConnectionManager writes its fields as UserData/EventXML, not EventData.
    { id: 1058, time: ago(58), provider: RCM_PROVIDER, data: [{ name: 'hr', value: '0x80070005' }], userData: true },
    { id: 1149, time: ago(50), provider: RCM_PROVIDER, data: [] },
    { id: 1057, time: ago(9 * 86_400), provider: RCM_PROVIDER, data: [] },
  ],
});
const systemLog = () => ({
  enabled: true,
  records: [
    // Schannel is a classic provider: its Data elements have no Name.
    {
      id: 36870,
      time: ago(59),
      provider: 'Schannel',
      data: [
        { name: null, value: '0x8009030d' },
        { name: null, value: '<&>' },
      ],
    },
    { id: 7036, time: ago(30), provider: 'Service Control Manager', data: [] },
  ],
});
const machine = (events: Logs = { [RCM]: rcmLog(), System: systemLog() }): MachineState => ({ registry: {}, events });

/** The facts the script printed on each machine; server checks run as administrator unless told. */
async function factsOn(...machines: Array<{ state: MachineState; elevated?: boolean }>) {
  const envelopes = await runOnMachines(
    machines.map((m) => ({ state: m.state, script: 'check-server-rdp-events.ps1', elevated: m.elevated ?? true })),
  );
  return envelopes.map((out) => {
    expect(out.ok).toBe(true);
    return scripts['check-server-rdp-events'].facts.parse(out.facts);
  });
}

describe('check-server-rdp-events.ps1 under pwsh', () => {
  it('reads the RDP events of the last 7 days, oldest first, with their data by name (EventData or UserData; position when unnamed)', async () => {
    const [facts] = await factsOn({ state: machine() });
    if (!facts) throw new Error('no facts');
    expect(facts.events.map((e) => [e.log, e.id])).toEqual([
      ['schannel', 36870],
      ['rcm', 1058],
    ]);
    expect(facts.events[0]?.data).toEqual({ '0': '0x8009030d', '1': '<&>' });
    expect(facts.events[1]?.data).toEqual({ hr: '0x80070005' });
    expect(facts.unreadable).toEqual([]);
    expect(result('server-rdp-events', facts).status).toBe('fail');
  });

  it("finds RemoteConnectionManager's events in the System log, where Windows writes them (KB 2531138), told apart from Schannel's by provider", async () => {
    const system = {
      enabled: true,
      records: [
        ...systemLog().records,
        { id: 1057, time: ago(40), provider: RCM_PROVIDER, data: [{ name: 'hr', value: '0x80090016' }], userData: true },
        // Another provider's event with an RCM number is not RCM's.
        { id: 1058, time: ago(20), provider: 'Service Control Manager', data: [] },
      ],
    };
    const [facts] = await factsOn({ state: machine({ [RCM]: { enabled: true, records: [] }, System: system }) });
    if (!facts) throw new Error('no facts');
    expect(facts.events.map((e) => [e.log, e.id])).toEqual([
      ['schannel', 36870],
      ['rcm', 1057],
    ]);
    expect(facts.events[1]?.data).toEqual({ hr: '0x80090016' });
    expect(result('server-rdp-events', facts).summary).toMatch(/1057/);
  });

  it('no matching events and a missing log are quiet; a log this user may not read is named, and the rest still read', async () => {
    // The System log's channel access narrowed to Administrators (wevtutil sl System /ca:...), and
    // RDP Doctor started without elevation on the server.
    const [none, denied] = await factsOn(
      { state: machine({ System: { enabled: true, records: [] } }) },
      { state: machine({ [RCM]: rcmLog(), System: { ...systemLog(), readers: ['S-1-5-32-544', 'S-1-5-18'] } }), elevated: false },
    );
    if (!none || !denied) throw new Error('no facts');
    expect(none.events).toEqual([]);
    // A log that does not exist is Get-WinEvent's NoMatchingLogsFound: reported as unreadable.
    expect(none.unreadable.map((u) => u.log)).toEqual(['rcm']);
    expect(none.unreadable[0]?.error).toMatch(/There is not an event log on the localhost computer/);
    expect(denied.unreadable).toEqual([{ log: 'schannel', error: 'Attempted to perform an unauthorized operation.' }]);
    expect(denied.events.map((e) => e.id)).toEqual([1058]);
  });

  it("with this computer's log of a failed attempt a second earlier: one timeline, the server's key as the verdict", async () => {
    const [facts] = await factsOn({ state: machine() });
    if (!facts) throw new Error('no facts');
    const log = result('client-rdp-log', {
      host: 'office-pc',
      port: 3389,
      logEnabled: true,
      events: [
        { id: 1024, time: ago(61), activityId: 'x', server: 'office-pc', reason: null },
        { id: 1026, time: ago(60), activityId: 'x', server: null, reason: 2308 },
      ],
    });
    const f = diagnose([log, result('server-rdp-events', facts)]).find((x) => x.id === 'rdp-key-unreadable');
    expect(f?.likelihood).toBe('certain');
    expect(f?.evidence[0]?.value).toMatch(
      /^The server could not use its certificate's key: server event 36870 1 second after your attempt ended with 0x904\.$/,
    );
  });
});
