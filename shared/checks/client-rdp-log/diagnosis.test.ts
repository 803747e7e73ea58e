import { describe, expect, it } from 'vitest';
import { result, HOST, attempt, log, healthyClient } from '../../../test/support/client-results';
import { attemptsOf, describeReason } from './diagnosis';
import type { RdpClientEvent } from './catalog';
import { diagnose } from '../../diagnosis/rules';

describe('client-rdp-log', () => {
  it('pairs log events by activity id, with the time each disconnect was logged, and maps 2308 to 0x904 in plain words', () => {
    const events = [...attempt('2026-11-20T08:00:00.000Z', 2308), ...attempt('2026-11-20T07:00:00.000Z', 'ok', 'other')];
    expect(attemptsOf(events)).toEqual([
      { time: '2026-11-20T07:00:00.000Z', server: 'other', connected: true, reason: null, end: null, licenseRefused: false },
      {
        time: '2026-11-20T08:00:00.000Z',
        server: HOST,
        connected: false,
        reason: 2308,
        end: '2026-11-20T08:00:02.000Z',
        licenseRefused: false,
      },
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

describe('client-rdp-log, as the user reads it', () => {
  const logOf = (events: RdpClientEvent[], host = HOST, port = 3389) => result('client-rdp-log', { host, port, logEnabled: true, events });
  const withLog = (...events: RdpClientEvent[][]) => healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(...events) : r));

  it('the check line: no attempt, connected, the failure with its code and count, or the licence refusal', () => {
    expect(logOf([])).toMatchObject({
      status: 'pass',
      summary: `The Remote Desktop log has no attempt to connect to ${HOST} in the last 30 days.`,
    });
    expect(result('client-rdp-log', { host: HOST, port: 3389, logEnabled: false, events: [] }).summary).toBe(
      'The Remote Desktop client log is turned off on this computer.',
    );
    expect(logOf(attempt('2026-11-20T08:05:00.000Z', 'ok'))).toMatchObject({
      status: 'pass',
      summary: `The last attempt to ${HOST} (2026-11-20 08:05 UTC) connected.`,
    });
    // A normal end (the user logged off, reason 3) is no failure, and not a connection either.
    const [connecting, ended] = attempt('2026-11-20T08:05:00.000Z', 3);
    expect(logOf([connecting!, ended!]).summary).toBe(`The last attempt to ${HOST} (2026-11-20 08:05 UTC) did not fail.`);
    const failing = logOf([
      ...attempt('2026-11-19T08:00:00.000Z', 2308),
      ...attempt('2026-11-19T09:00:00.000Z', 'ok'),
      ...attempt('2026-11-20T08:05:00.000Z', 2308),
    ]);
    expect(failing).toMatchObject({
      status: 'warn',
      summary: `The last attempt to ${HOST} (2026-11-20 08:05 UTC) ended with code 2308 (0x904): the server closed the connection while the two computers were setting up security. 2 failed attempts of 3 in 30 days.`,
    });
    const [c2, e2] = attempt('2026-11-20T08:05:00.000Z', 3);
    const refused = logOf([c2!, { id: 1017, time: e2!.time, activityId: c2!.activityId, server: null, reason: null }, e2!]);
    expect(refused).toMatchObject({
      status: 'warn',
      summary: `The last attempt to ${HOST} (2026-11-20 08:05 UTC) ended without a license: Windows logged that this computer has no Remote Desktop license for that server (event 1017).`,
    });
  });

  it('counts the target by name, with or without the port, in any case; another server or port is not it', () => {
    expect(logOf(attempt('2026-11-20T08:00:00.000Z', 'ok', `${HOST.toUpperCase()}:3389`)).summary).toMatch(/connected\.$/);
    expect(logOf(attempt('2026-11-20T08:00:00.000Z', 'ok', `${HOST}:3390`)).summary).toMatch(/no attempt/);
    expect(logOf(attempt('2026-11-20T08:00:00.000Z', 'ok', 'other-pc')).summary).toMatch(/no attempt/);
  });

  it('pairs events without an activity id with the attempt before them, and keeps the first disconnect reason', () => {
    const plain = (id: RdpClientEvent['id'], time: string, reason: number | null = null, server: string | null = null): RdpClientEvent => ({
      id,
      time,
      activityId: null,
      server,
      reason,
    });
    expect(
      attemptsOf([
        plain(1026, '2026-11-20T07:59:00.000Z', 2308), // before any attempt: nobody's
        plain(1024, '2026-11-20T08:00:00.000Z', null, 'a'),
        plain(1025, '2026-11-20T08:00:01.000Z'),
        plain(1024, '2026-11-20T09:00:00.000Z', null, 'b'),
        plain(1026, '2026-11-20T09:00:02.000Z', 2308),
        plain(1026, '2026-11-20T09:00:03.000Z', 3),
      ]),
    ).toEqual([
      { time: '2026-11-20T08:00:00.000Z', server: 'a', connected: true, reason: null, end: null, licenseRefused: false },
      {
        time: '2026-11-20T09:00:00.000Z',
        server: 'b',
        connected: false,
        reason: 2308,
        end: '2026-11-20T09:00:02.000Z',
        licenseRefused: false,
      },
    ]);
    // An event whose activity matches no attempt belongs to none (not to the last one).
    const [c] = attempt('2026-11-20T08:00:00.000Z', 'ok');
    expect(attemptsOf([c!, { id: 1026, time: '2026-11-20T08:00:05.000Z', activityId: 'elsewhere', server: null, reason: 2308 }])).toEqual([
      { time: '2026-11-20T08:00:00.000Z', server: HOST, connected: false, reason: null, end: null, licenseRefused: false },
    ]);
  });

  it('another error than 0x904: says which, what to fix first, and on a home network what to check for an unreachable server', () => {
    const [f] = diagnose(withLog(attempt('2026-11-21T08:00:00.000Z', 264)), { networkType: 'home' });
    expect(f).toMatchObject({
      id: 'log-shows-other-error',
      title: 'Remote Desktop logged a different error: 0x108',
      likelihood: 'possible',
      score: 40,
    });
    expect(f!.plain).toMatch(
      /^The last attempt on this computer did not end with 0x904 but with 264 \(0x108\): .*Fix that first: the advice for 0x904 may not apply\. Check that the server is on and that your router forwards the port\.$/,
    );
    expect(f!.technical).toBe(
      'RDPClient/Operational event 1026 at 2026-11-21T08:00:00.000Z: disconnect reason 264 (0x108), not 2308 (0x904). Reason codes: IMsTscAxEvents::OnDisconnected.',
    );
    expect(f!.evidence.map((e) => e.checkId)).toEqual(['client-rdp-log']);
    // Not an unreachable server: no network advice.
    const [other] = diagnose(withLog(attempt('2026-11-21T08:00:00.000Z', 2825)), { networkType: 'home' });
    expect(other!.plain).toMatch(/may not apply\.$/);
    // 0x904 itself, a normal end or a connected attempt: nothing to say here.
    const ids = (...events: RdpClientEvent[][]) => diagnose(withLog(...events), { networkType: 'home' }).map((x) => x.id);
    expect(ids(attempt('2026-11-21T08:00:00.000Z', 2308))).not.toContain('log-shows-other-error');
    expect(ids(attempt('2026-11-21T08:00:00.000Z', 2))).not.toContain('log-shows-other-error');
    expect(ids(attempt('2026-11-21T07:00:00.000Z', 264), attempt('2026-11-21T08:00:00.000Z', 'ok'))).not.toContain('log-shows-other-error');
  });

  it('on a VPN, in Azure and in an office, the advice for a server that never answered fits the network', () => {
    const advice = (networkType: 'vpn' | 'azure' | 'domain') =>
      diagnose(withLog(attempt('2026-11-21T08:00:00.000Z', 516)), { networkType }).find((x) => x.id === 'log-shows-other-error')!.plain;
    expect(advice('vpn')).toMatch(/may not apply\. Check that the VPN is connected and lets you reach that server\.$/);
    expect(advice('azure')).toMatch(/may not apply\. For an Azure VM, check the network security group \(NSG\) rules allow your address/);
    expect(advice('domain')).toMatch(/may not apply\. Check that the server is on and reachable from your office network\.$/);
  });

  it("the finding's evidence is the log's own line, and it offers no fix", () => {
    const f = diagnose(withLog(attempt('2026-11-21T08:00:00.000Z', 264))).find((x) => x.id === 'log-shows-other-error')!;
    expect(f.evidence).toEqual([
      { checkId: 'client-rdp-log', label: 'Remote Desktop log', value: expect.stringMatching(/ended with code 264 \(0x108\)/) },
    ]);
    expect(f.fixIds).toEqual([]);
  });

  it('a licence refusal is said as one, not as another error than 0x904', () => {
    const [c, e] = attempt('2026-11-20T08:05:00.000Z', 3);
    const refused = [c!, { id: 1017 as const, time: e!.time, activityId: c!.activityId, server: null, reason: null }, e!];
    expect(diagnose(withLog(refused)).map((x) => x.id)).not.toContain('log-shows-other-error');
  });

  it('an attempt that connected and dropped later, or one still under way, is no failure', () => {
    const [c, dropped] = attempt('2026-11-20T08:05:00.000Z', 2308);
    const connected = { id: 1027 as const, time: '2026-11-20T08:05:01.000Z', activityId: c!.activityId, server: null, reason: null };
    expect(logOf([c!, connected, dropped!]).summary).toBe(`The last attempt to ${HOST} (2026-11-20 08:05 UTC) connected.`);
    // Still under way (no disconnect logged yet) between two failures: two failed of three.
    const [running] = attempt('2026-11-20T08:10:00.000Z', 2308);
    const summary = logOf([...attempt('2026-11-20T08:00:00.000Z', 2308), running!, ...attempt('2026-11-20T08:20:00.000Z', 2308)]).summary;
    expect(summary).toMatch(/ 2 failed attempts of 3 in 30 days\.$/);
  });

  it('a 1024 without a server name is an attempt to no server', () => {
    const nameless: RdpClientEvent = { id: 1024, time: '2026-11-20T08:00:00.000Z', activityId: null, server: null, reason: null };
    expect(attemptsOf([nameless])).toEqual([
      { time: '2026-11-20T08:00:00.000Z', server: '', connected: false, reason: null, end: null, licenseRefused: false },
    ]);
  });

  it('a log this computer could not read says nothing of another error', () => {
    const unread = healthyClient().map((r) =>
      r.checkId === 'client-rdp-log' ? { ...r, status: 'error' as const, summary: 'Could not read the log.', facts: { broken: true } } : r,
    );
    expect(diagnose(unread).map((x) => x.id)).not.toContain('log-shows-other-error');
  });
});
