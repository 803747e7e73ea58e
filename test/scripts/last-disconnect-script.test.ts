import { beforeAll, describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { readReportedError } from '../../shared/reported-error-text';
import type { MachineState } from '../powershell/machines';
import { runOnMachines } from '../powershell/pwsh';

/*
 * read-client-last-disconnect.ps1 under pwsh, unelevated (a standard user), against FakeWindows
 * machines whose RDPClient/Operational log holds 1024/1026 as the ClientActiveXCore provider
 * writes them: Name/Value/CustomLevel data, 1026's Value the reason in decimal ("RDP ClientActiveX
 * has been disconnected (Reason= 2308)"), one ActivityId per attempt.
 */
const LOG = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
const NOW = Date.now();
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const data = (name: string, value: string) => [
  { name: 'Name', value: name },
  { name: 'Value', value },
  { name: 'CustomLevel', value: 'Info' },
];
const connect = (minutes: number, server: string, activityId?: string) => ({
  id: 1024,
  time: ago(minutes),
  ...(activityId ? { activityId } : {}),
  data: data('Server Name', server),
});
const disconnect = (minutes: number, reason: string, activityId?: string) => ({
  id: 1026,
  time: ago(minutes),
  ...(activityId ? { activityId } : {}),
  data: data('Disconnect Reason', reason),
});
const machine = (log: { enabled: boolean; records: unknown[]; readers?: string[] } | null): MachineState => ({
  registry: {},
  events: log ? { [LOG]: log } : {},
});

async function lastOn(...states: MachineState[]) {
  const envelopes = await runOnMachines(states.map((state) => ({ state, script: 'read-client-last-disconnect.ps1', elevated: false })));
  return envelopes.map((out) => (out.ok ? scripts['read-client-last-disconnect'].facts.parse(out.facts) : { error: out.error }));
}

const A = '780cf827-0ed1-4f4b-924c-3b14e7660000';
const B = '9a1d2c3e-4f50-4a6b-8c7d-0e1f2a3b0000';
const machines = {
  twoAttempts: machine({
    enabled: true,
    records: [
      connect(60, 'srv01.contoso.com', 'aaaaaaaa-0000-4000-8000-000000000000'),
      disconnect(59, '1', 'aaaaaaaa-0000-4000-8000-000000000000'),
      connect(10, 'büro-pc.example', A),
      // A second window started connecting elsewhere before the first one failed.
      connect(9, 'other-pc', B),
      disconnect(8, '2308', A),
    ],
  }),
  noActivityIds: machine({ enabled: true, records: [connect(30, 'old-pc'), connect(5, 'office-pc'), disconnect(4, '516')] }),
  empty: machine({ enabled: true, records: [] }),
  disabled: machine({ enabled: false, records: [] }),
  noLog: machine(null),
  adminsOnly: machine({ enabled: true, readers: ['S-1-5-32-544', 'S-1-5-18'], records: [connect(5, 'office-pc'), disconnect(4, '2308')] }),
};
type Name = keyof typeof machines;
let facts: Record<Name, unknown>;
// One pwsh process for every machine.
beforeAll(async () => {
  const names = Object.keys(machines) as Name[];
  const results = await lastOn(...names.map((n) => machines[n]));
  facts = Object.fromEntries(names.map((n, i) => [n, results[i]])) as Record<Name, unknown>;
}, 120_000);

describe('read-client-last-disconnect.ps1 under pwsh (a standard user)', () => {
  it("the newest 1026 and the server of its own attempt (same ActivityId), even when another attempt's 1024 came later", () => {
    expect(facts.twoAttempts).toMatchObject({ logEnabled: true, last: { reason: 2308, server: 'büro-pc.example' } });
    const last = (facts.twoAttempts as { last: { time: string; reason: number } }).last;
    expect(Date.parse(last.time)).toBe(Date.parse(ago(8)));
    // What the first step makes of it: the reason in its canonical form.
    expect(readReportedError(String(last.reason))).toMatchObject({ ok: true, token: '0x904' });
  });

  it('without ActivityIds, the newest 1024 before the disconnect names the server', () => {
    expect(facts.noActivityIds).toMatchObject({ logEnabled: true, last: { reason: 516, server: 'office-pc' } });
  });

  it('nothing to read: a log with no attempts, a disabled log, no such log on this Windows', () => {
    expect([facts.empty, facts.disabled, facts.noLog]).toEqual([
      { logEnabled: true, last: null },
      { logEnabled: false, last: null },
      { logEnabled: false, last: null },
    ]);
  });

  it("a log this user may not read is the script's error, not an empty answer", () => {
    expect(facts.adminsOnly).toMatchObject({ error: { message: expect.stringMatching(/unauthorized/i) } });
  });
});
