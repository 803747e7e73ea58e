import { describe, expect, it } from 'vitest';
import type { ServerRdpEvent } from '../checks/server-rdp-events/catalog';
import type { CheckResult } from '../results';
import { handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { KEY } from '../../test/support/server-results';
import { address, attempt, report } from '../../test/probe/fixtures';
import { plainTextProblems } from '../catalog/wording';
import { diagnose } from './rules';

const HOST = 'office-pc';
const clientLog = (start: string, endAfterMs: number, reason = 2308) => {
  const end = new Date(Date.parse(start) + endAfterMs).toISOString();
  return result('client-rdp-log', {
    host: HOST,
    port: 3389,
    logEnabled: true,
    events: [
      { id: 1024, time: start, activityId: 'a-1', server: HOST, reason: null },
      { id: 1026, time: end, activityId: 'a-1', server: null, reason },
    ],
  });
};
const serverEvents = (status: CheckResult['status'], ...events: ServerRdpEvent[]): CheckResult => {
  const facts = { now: '2026-11-21T09:00:00.000Z', events, unreadable: [] };
  return status === 'not-checked'
    ? { checkId: 'server-rdp-events', status, summary: 'Not checked from this computer.', facts, durationMs: 0 }
    : result('server-rdp-events', facts);
};
const ev = (log: ServerRdpEvent['log'], id: number, time: string): ServerRdpEvent => ({ log, id, time, data: {} });

describe('both ends on one timeline', () => {
  it('a server key event two seconds after the attempt ended with 0x904: certain, with the verdict and the timeline', () => {
    const findings = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:03.000Z')),
    ]);
    const f = findings.find((x) => x.id === 'rdp-key-unreadable');
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(
      /Your attempt ended at 08:30:01 with error 0x904, and 2 seconds after that the server wrote down that Remote Desktop on the server could not read its certificate's private key/,
    );
    const verdict = f?.evidence.find((e) => e.label === 'What the server logged')?.value;
    expect(verdict).toBe(
      "The server could not read its certificate's key: server event 1058 2 seconds after your attempt ended with 0x904.",
    );
    expect(f?.evidence.find((e) => e.label.startsWith('One timeline'))?.value).toBe(
      "08:30:00 this computer: connecting to office-pc | 08:30:01 this computer: disconnected, reason 2308 (0x904) | 08:30:03 server: event 1058: could not read its certificate's key",
    );
  });

  it("aligns the server's clock by the difference its sign-in step showed", () => {
    // The server's clock runs 5 minutes ahead: its 08:35:02 is this computer's 08:30:02.
    const results = [clientLog('2026-11-21T08:30:00.000Z', 1000), serverEvents('fail', ev('schannel', 36871, '2026-11-21T08:35:02.000Z'))];
    // Unaligned, the event is the server's word alone: likely, and not matched to the attempt.
    const alone = diagnose(results).find((x) => x.id === 'tls-disabled');
    expect(alone?.likelihood).toBe('likely');
    expect(alone?.evidence.map((e) => e.label)).toEqual(['Logged by the server (last 7 days)']);
    const skewed = { ...nla(6, 20348), challenge: { ...nla(6, 20348).challenge!, clockSkewMs: 300_000 } };
    const f = diagnose([...results, handshake({ 'TLSv1.2': 'yes' }, skewed)]).find((x) => x.id === 'tls-disabled');
    expect(f?.evidence.find((e) => e.label === 'What the server logged')?.value).toMatch(/server event 36871 1 second after your attempt/);
    // The probe saw TLS 1.2 accepted just now: "TLS switched off" is not what stops it now.
    expect(f?.contradicted).toBe(true);
    expect(f?.technical).toMatch(/server clock 300 s ahead/);
  });

  it('the serious event wins over an alert at the same moment; events outside half a minute are not matched to the attempt', () => {
    const both = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('schannel', 36888, '2026-11-21T08:30:01.500Z'), ev('schannel', 36870, '2026-11-21T08:30:04.000Z')),
    ]);
    expect(both.find((x) => x.id === 'rdp-key-unreadable')?.evidence[0]?.value).toMatch(/server event 36870/);
    const far = diagnose([clientLog('2026-11-21T08:30:00.000Z', 1000), serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:31:00.000Z'))]);
    expect(far.some((x) => x.evidence.some((e) => e.label === 'What the server logged'))).toBe(false);
    expect(far.find((x) => x.id === 'rdp-key-unreadable')?.likelihood).toBe('likely');
  });

  it("the server's events are read only where its checks ran; a successful attempt is not matched to an event", () => {
    expect(
      diagnose([clientLog('2026-11-21T08:30:00.000Z', 1000), serverEvents('not-checked', ev('rcm', 1058, '2026-11-21T08:30:02.000Z'))]),
    ).toEqual([]);
    const worked = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000, 1),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:02.000Z')),
    ]).find((x) => x.id === 'rdp-key-unreadable');
    expect(worked?.likelihood).toBe('likely');
    expect(worked?.evidence.some((e) => e.label === 'What the server logged')).toBe(false);
  });

  it("merges into the server check's own finding as its evidence, one finding for one cause", () => {
    const keys = {
      checkId: 'server-key-permissions',
      status: 'fail',
      summary: 'NETWORK SERVICE may not read the key file.',
      durationMs: 1,
    } as CheckResult;
    const findings = diagnose([
      keys,
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:02.000Z')),
    ]);
    const f = findings.filter((x) => x.id === 'rdp-key-unreadable');
    expect(f).toHaveLength(1);
    expect(f[0]?.fixIds).toEqual(['repair-rdp-key-permissions']);
    expect(f[0]?.evidence.map((e) => e.checkId)).toEqual(
      expect.arrayContaining(['server-key-permissions', 'server-rdp-events', 'client-rdp-log']),
    );
  });
});

describe('the server events check', () => {
  it('names what the server logged, fails on certificate and key events, warns on floods and alerts', () => {
    expect(serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:02.000Z'), ev('rcm', 1058, '2026-11-21T08:31:02.000Z'))).toMatchObject({
      status: 'fail',
      summary: "In the last 7 days the server logged 2x event 1058 (could not read its certificate's key).",
    });
    expect(serverEvents('fail', ev('rcm', 1006, '2026-11-21T08:30:02.000Z')).status).toBe('warn');
    expect(serverEvents('fail').status).toBe('pass');
  });
});

describe('the timeline in words', () => {
  it('an event before the attempt ended, another error than 0x904, the key file gone: each said as it is', () => {
    const f = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 5000, 3334),
      serverEvents('fail', ev('schannel', 36870, '2026-11-21T08:30:01.000Z')),
    ]).find((x) => x.evidence.some((e) => e.label === 'What the server logged'))!;
    expect(f.id).toBe('rdp-key-unreadable');
    expect(f.title).toBe("The server logged why it closed your connection: it could not use its certificate's key");
    expect(f.evidence[0]!.value).toBe(
      "The server could not use its certificate's key: server event 36870 4 seconds before your attempt ended.",
    );
    expect(f.plain).toBe(
      "Your attempt ended at 08:30:05, and 4 seconds before that the server wrote down that the server's encryption could not use its certificate's private key. That is why the connection was closed.",
    );
    expect(f.technical).toBe(
      "System, Schannel 36870: a fatal error occurred when attempting to access the TLS server credential private key. Aligned with RDPClient/Operational 1024/1026 on this computer: 08:30:00 this computer: connecting to office-pc; 08:30:01 server: event 36870: could not use its certificate's key; 08:30:05 this computer: disconnected, reason 3334 (0xD06).",
    );
  });

  it('of two serious events, the one that says more leads, and both are on the timeline in time order', () => {
    const f = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('schannel', 36888, '2026-11-21T08:30:01.000Z'), ev('rcm', 1057, '2026-11-21T08:30:20.000Z')),
    ]).find((x) => x.id === 'certificate-unusable')!;
    expect(f.evidence.find((e) => e.label === 'What the server logged')!.value).toBe(
      'The server could not create its certificate: server event 1057 19 seconds after your attempt ended with 0x904.',
    );
    expect(f.evidence.find((e) => e.label.startsWith('One timeline'))!.value).toBe(
      '08:30:00 this computer: connecting to office-pc | 08:30:01 this computer: disconnected, reason 2308 (0x904) | 08:30:01 server: event 36888: broke off an encrypted handshake | 08:30:20 server: event 1057: could not create its certificate',
    );
  });

  it('exactly 30 seconds apart is still one story; a log for another server is not read', () => {
    const at30 = diagnose([clientLog('2026-11-21T08:30:00.000Z', 1000), serverEvents('fail', ev('rcm', 1006, '2026-11-21T08:30:31.000Z'))]);
    expect(at30.find((x) => x.id === 'connection-flood')!.evidence.some((e) => e.label === 'What the server logged')).toBe(true);
    const other = result('client-rdp-log', {
      host: 'other-pc',
      port: 3389,
      logEnabled: true,
      events: [
        { id: 1024, time: '2026-11-21T08:30:00.000Z', activityId: 'a-1', server: HOST, reason: null },
        { id: 1026, time: '2026-11-21T08:30:01.000Z', activityId: 'a-1', server: null, reason: 2308 },
      ],
    });
    const found = diagnose([other, serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:02.000Z'))]);
    expect(found.some((x) => x.evidence.some((e) => e.label === 'What the server logged'))).toBe(false);
  });
});

describe('which attempt, which event, which cause', () => {
  type Try = { start: string; end?: string; reason?: number; server?: string };
  const attempts = (...tries: Try[]) =>
    result('client-rdp-log', {
      host: HOST,
      port: 3389,
      logEnabled: true,
      events: tries.flatMap((t, i) => [
        { id: 1024, time: t.start, activityId: `a-${i}`, server: t.server ?? HOST, reason: null },
        ...(t.end ? [{ id: 1026, time: t.end, activityId: `a-${i}`, server: null, reason: t.reason ?? 2308 }] : []),
      ]),
    });
  const told = (found: ReturnType<typeof diagnose>) =>
    found.flatMap((f) => f.evidence.filter((e) => e.label === 'What the server logged').map((e) => `${f.id}: ${e.value}`));

  it('the last failed attempt is the one explained, each attempt with its own end; one still running is skipped', () => {
    const found = diagnose([
      attempts(
        { start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T08:00:01.000Z' },
        { start: '2026-11-21T08:10:00.000Z', end: '2026-11-21T08:10:01.000Z' },
        { start: '2026-11-21T08:20:00.000Z' },
      ),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:00:02.000Z'), ev('schannel', 36871, '2026-11-21T08:10:03.000Z')),
    ]);
    expect(told(found)).toEqual([
      'tls-disabled: The server could not set up encryption: server event 36871 2 seconds after your attempt ended with 0x904.',
    ]);
    const f = found.find((x) => x.id === 'tls-disabled')!;
    expect(f.evidence.slice(0, 2).map((e) => e.checkId)).toEqual(['server-rdp-events', 'client-rdp-log']);
  });

  it('0x904 only when the attempt explained ended with it, not an earlier one', () => {
    const found = diagnose([
      attempts(
        { start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T08:00:01.000Z' },
        { start: '2026-11-21T08:10:00.000Z', end: '2026-11-21T08:10:01.000Z', reason: 3334 },
      ),
      serverEvents('fail', ev('schannel', 36871, '2026-11-21T08:10:01.000Z')),
    ]);
    // Logged the same second the attempt ended.
    expect(told(found)).toEqual([
      'tls-disabled: The server could not set up encryption: server event 36871 0 seconds after your attempt ended.',
    ]);
  });

  it('an attempt logged with its port is an attempt to the target', () => {
    const found = diagnose([
      attempts({ start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T08:00:01.000Z', server: 'OFFICE-PC:3389' }),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:00:02.000Z')),
    ]);
    expect(told(found)).toHaveLength(1);
  });

  it("36870 with the key file gone is the certificate's own problem, not a permission", () => {
    const keyGone = result('server-key-permissions', {
      folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
      hasPrivateKey: true,
      key: {
        container: 'TSSecKeySet1',
        provider: 'CAPI',
        path: KEY,
        exists: false,
        regularFile: null,
        ownerSid: null,
        ownerTrusted: null,
        networkServiceCanRead: null,
      },
      files: [],
    });
    const found = diagnose([
      keyGone,
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('schannel', 36870, '2026-11-21T08:30:02.000Z')),
    ]);
    expect(told(found)).toEqual([
      "certificate-unusable: The server could not use its certificate's key: server event 36870 1 second after your attempt ended with 0x904.",
    ]);
  });

  it('two attempts at once: each is matched by its own disconnect, not by the first one logged after it started', () => {
    // Two windows: the first attempt started earlier but ended later; the key event belongs to its
    // end. The log lists them in time order, as check-client-rdp-log.ps1 sorts them.
    const event = (id: 1024 | 1026, time: string, activityId: string) =>
      ({ id, time, activityId, server: id === 1024 ? HOST : null, reason: id === 1026 ? 2308 : null }) as const;
    const log = result('client-rdp-log', {
      host: HOST,
      port: 3389,
      logEnabled: true,
      events: [
        event(1024, '2026-11-21T08:00:00.000Z', 'first'),
        event(1024, '2026-11-21T08:00:05.000Z', 'second'),
        event(1026, '2026-11-21T08:00:06.000Z', 'second'),
        event(1026, '2026-11-21T08:00:40.000Z', 'first'),
      ],
    });
    const found = diagnose([log, serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:00:42.000Z'))]);
    expect(told(found)).toEqual([
      "rdp-key-unreadable: The server could not read its certificate's key: server event 1058 2 seconds after your attempt ended with 0x904.",
    ]);
  });

  it('an attempt whose disconnect was logged the moment it started is still matched', () => {
    const found = diagnose([
      attempts({ start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T08:00:00.000Z', reason: 516 }),
      serverEvents('fail', ev('rcm', 1006, '2026-11-21T08:00:03.000Z')),
    ]);
    expect(told(found)).toEqual([
      'connection-flood: The server was flooded with connections: server event 1006 3 seconds after your attempt ended.',
    ]);
  });

  it('of two events that say as much, the nearer one leads', () => {
    const found = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:20.000Z'), ev('schannel', 36870, '2026-11-21T08:30:02.000Z')),
    ]);
    expect(told(found)).toEqual([
      "rdp-key-unreadable: The server could not use its certificate's key: server event 36870 1 second after your attempt ended with 0x904.",
    ]);
  });

  it('an event number the timeline does not know in that log is not read as one it knows', () => {
    const found = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('schannel', 1058, '2026-11-21T08:30:02.000Z')),
    ]);
    expect(told(found)).toEqual([]);
  });

  it('a probe that measured no clock difference leaves the clocks as they are', () => {
    const found = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:30:03.000Z')),
      handshake({ 'TLSv1.2': 'yes' }),
    ]);
    expect(told(found)).toEqual([
      "rdp-key-unreadable: The server could not read its certificate's key: server event 1058 2 seconds after your attempt ended with 0x904.",
    ]);
    expect(found.find((f) => f.id === 'rdp-key-unreadable')?.technical).not.toMatch(/server clock/);
  });

  it('the clock difference comes from the sign-in step that measured it, whichever stage that was', () => {
    const noChallenge = { ...nla(6, 20348), outcome: 'error-code' as const, challenge: null };
    const skewed = { ...nla(6, 20348), challenge: { ...nla(6, 20348).challenge!, clockSkewMs: 300_000 } };
    const hybrid = attempt(2, { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 });
    const wire = result('rdp-handshake', report({ addresses: [address({ nla: noChallenge, negotiation: [{ ...hybrid, nla: skewed }] })] }));
    const found = diagnose([
      clientLog('2026-11-21T08:30:00.000Z', 1000),
      serverEvents('fail', ev('rcm', 1058, '2026-11-21T08:35:03.000Z')),
      wire,
    ]);
    expect(told(found)).toEqual([
      "rdp-key-unreadable: The server could not read its certificate's key: server event 1058 2 seconds after your attempt ended with 0x904.",
    ]);
  });
});

describe('each server event the timeline reads, as the user reads it', () => {
  // Microsoft's event texts: RemoteConnectionManager 1057/1058/1006 ("Troubleshoot Azure VM RDP
  // connection issues by Event ID") and the Schannel events 36870/36871/36874/36888.
  it.each([
    [
      'rcm',
      1057,
      'certificate-unusable',
      'could not create its certificate',
      /could not create its own certificate/,
      'RemoteConnectionManager 1057: ',
    ],
    [
      'rcm',
      1058,
      'rdp-key-unreadable',
      "could not read its certificate's key",
      /could not read its certificate's private key/,
      'RemoteConnectionManager 1058: ',
    ],
    [
      'rcm',
      1006,
      'connection-flood',
      'was flooded with connections',
      /too many connections it had not finished setting up/,
      'RemoteConnectionManager 1006: ',
    ],
    [
      'schannel',
      36870,
      'rdp-key-unreadable',
      "could not use its certificate's key",
      /could not use its certificate's private key/,
      'System, Schannel 36870: ',
    ],
    [
      'schannel',
      36871,
      'tls-disabled',
      'could not set up encryption',
      /TLS versions it needs are switched off/,
      'System, Schannel 36871: ',
    ],
    [
      'schannel',
      36874,
      'tls-refused',
      'had no encryption method in common with a client',
      /had no encryption method in common/,
      'System, Schannel 36874: ',
    ],
    ['schannel', 36888, 'tls-refused', 'broke off an encrypted handshake', /broke off the encrypted handshake/, 'System, Schannel 36888: '],
  ] as const)('%s %i two seconds after a 0x904: %s, "%s"', (log, id, cause, title, plain, technical) => {
    const f = diagnose([clientLog('2026-11-21T08:30:00.000Z', 1000), serverEvents('fail', ev(log, id, '2026-11-21T08:30:03.000Z'))]).find(
      (x) => x.evidence.some((e) => e.label === 'What the server logged'),
    );
    expect(f?.id).toBe(cause);
    expect(f?.title).toBe(`The server logged why it closed your connection: it ${title}`);
    expect(f?.plain).toMatch(/^Your attempt ended at 08:30:01 with error 0x904, and 2 seconds after that the server wrote down that /);
    expect(f?.plain).toMatch(plain);
    expect(plainTextProblems(f!.plain)).toEqual([]);
    expect(f?.technical.startsWith(technical)).toBe(true);
    expect(f?.technical).toMatch(/[a-z)]\. Aligned with RDPClient\/Operational 1024\/1026 on this computer: /);
  });
});
