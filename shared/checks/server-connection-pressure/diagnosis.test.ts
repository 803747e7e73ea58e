import { describe, expect, it } from 'vitest';
import { NOW, pressure, result } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';

const counted = (
  failedLogonsLastHour: number | null,
  maxOutstandingConnections: number | null = null,
  securityLogError: string | null = null,
) => result('server-connection-pressure', { maxOutstandingConnections, failedLogonsLastHour, securityLogError, now: NOW });

describe('server-connection-pressure', () => {
  it('says why it could not count when the Security log is closed to it, and finds nothing', () => {
    const denied = pressure(null);
    expect(denied.status).toBe('skipped');
    expect(denied.summary).toBe('The Security log could not be read (denied), so failed sign-ins were not counted.');
    expect(counted(null, 100).summary).toBe(
      'The Security log could not be read (no permission), so failed sign-ins were not counted. MaxOutstandingConnections is 100.',
    );
    expect(diagnose([counted(null, 10)])).toEqual([]);
  });

  it('calls 300 failed sign-ins an hour a flood and 50 more than normal, one fewer the next step down', () => {
    expect([300, 299, 50, 49].map((n) => counted(n).status)).toEqual(['fail', 'warn', 'warn', 'pass']);
    expect(counted(300, 3000).summary).toBe(
      '300 failed sign-ins in the last hour: someone is guessing passwords, and the half-open connections crowd out real ones. MaxOutstandingConnections is 3000.',
    );
    expect(counted(50).summary).toBe('50 failed sign-ins in the last hour: more than normal.');
  });

  it('counts sign-ins in words a person reads, singular for one', () => {
    expect(counted(1).summary).toBe('1 failed sign-in in the last hour: no sign of a flood.');
    expect(counted(0, 3000).summary).toBe('0 failed sign-ins in the last hour: no sign of a flood. MaxOutstandingConnections is 3000.');
  });

  it('warns about a queue limit under 50 even without failed sign-ins', () => {
    const low = counted(4, 49);
    expect(low.status).toBe('warn');
    expect(low.summary).toBe('MaxOutstandingConnections is only 49: a few slow or hostile connections can block new ones.');
    expect(counted(4, 50).status).toBe('pass');
  });

  it('makes a flood a likely finding that advises against exposing the port, and offers no fix', () => {
    const [f] = diagnose([counted(1840)]);
    expect(f?.id).toBe('connection-flood');
    expect(f?.title).toBe('The server is flooded with sign-in attempts');
    expect(f?.likelihood).toBe('likely');
    expect(f?.plain).toMatch(/VPN or a Remote Desktop Gateway/);
    expect(f?.technical).toMatch(/event 4625.*MaxOutstandingConnections.*event 1006/);
    expect(f?.learnMore).toMatch(/brute-force/);
    expect(f?.evidence).toEqual([
      { checkId: 'server-connection-pressure', label: 'Failed sign-ins', value: expect.stringMatching(/^1840 failed/) },
    ]);
    expect(f?.fixIds).toEqual([]);
  });

  it('ranks many failed sign-ins below a flood, as a possible cause', () => {
    const [many] = diagnose([counted(120)]);
    const [flood] = diagnose([counted(1840)]);
    expect(many?.title).toBe('Many failed sign-ins on the server');
    expect(many?.likelihood).toBe('possible');
    expect(many?.score).toBeLessThan(flood!.score);
    expect(many?.plain).toMatch(/Password-guessing bots/);
    expect(diagnose([counted(50, 10)])[0]?.title).toBe('Many failed sign-ins on the server');
    // A warning from an older report, without facts: the sign-ins it always meant.
    const old: CheckResult = { checkId: 'server-connection-pressure', status: 'warn', summary: '120 failed sign-ins.', durationMs: 1 };
    expect(diagnose([old])[0]?.title).toBe('Many failed sign-ins on the server');
  });

  it('blames a low queue limit, not bots, when few sign-ins failed', () => {
    const [f] = diagnose([counted(4, 10)]);
    expect(f?.id).toBe('connection-flood');
    expect(f?.title).toBe('The server sets up only a few connections at once');
    expect(f?.likelihood).toBe('possible');
    expect(f?.plain).toMatch(/^The server is set to set up only 10 connections at once: /);
    expect(f?.plain).not.toMatch(/bots/);
    expect(f?.evidence).toEqual([
      { checkId: 'server-connection-pressure', label: 'Connection queue', value: expect.stringMatching(/only 10/) },
    ]);
  });
});
