import { describe, expect, it } from 'vitest';
import { result, HOST, attempt, log, healthyClient } from '../../../test/support/client-results';
import { attemptsOf, describeReason } from './diagnosis';
import { diagnose } from '../../diagnosis/rules';

describe('client-rdp-log', () => {
  it('pairs log events by activity id and maps 2308 to 0x904 in plain words', () => {
    const events = [...attempt('2026-11-20T08:00:00.000Z', 2308), ...attempt('2026-11-20T07:00:00.000Z', 'ok', 'other')];
    expect(attemptsOf(events)).toEqual([
      { time: '2026-11-20T07:00:00.000Z', server: 'other', connected: true, reason: null, licenseRefused: false },
      { time: '2026-11-20T08:00:00.000Z', server: HOST, connected: false, reason: 2308, licenseRefused: false },
    ]);
    expect(describeReason(2308)).toBe('2308 (0x904): the server closed the connection while the two computers were setting up security');
    expect(describeReason(4242)).toBe('4242 (0x1092): an error code without a documented meaning');
    expect(log(attempt('2026-11-20T08:00:00.000Z', 2308)).summary).toMatch(/ended with code 2308 \(0x904\)/);
    expect(result('client-rdp-log', { host: HOST, port: 3389, logEnabled: false, events: [] }).status).toBe('skipped');
  });

  it('point Azure users at NSG rules when the log shows the port never answered', () => {
    const results = healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(attempt('2026-11-21T08:00:00.000Z', 516)) : r));
    const [f] = diagnose(results, { networkType: 'azure' });
    expect(f?.id).toBe('log-shows-other-error');
    expect(f?.title).toBe('Remote Desktop logged a different error: 0x204');
    expect(f?.plain).toMatch(/network security group \(NSG\)/);
  });
});
