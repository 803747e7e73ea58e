import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/support/rule-alone';
import { cert, NOW, result } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import type { ServerRdpEvent } from './catalog';
import { serverRdpEventsDiagnosis } from './diagnosis';

const ev = (log: ServerRdpEvent['log'], id: number, time = '2026-11-20T10:00:00.000Z'): ServerRdpEvent => ({ log, id, time, data: {} });
const logged = (events: ServerRdpEvent[], unreadable: Array<{ log: 'rcm' | 'schannel'; error: string }> = []) =>
  result('server-rdp-events', { now: NOW, events, unreadable });
const rule = (...results: CheckResult[]) => findingsOf(serverRdpEventsDiagnosis, ...results);
const DENIED = 'Attempted to perform an unauthorized operation.';

describe('server-rdp-events', () => {
  it('passes a quiet week, and says which log it could not read', () => {
    expect(logged([])).toMatchObject({
      status: 'pass',
      summary: 'No Remote Desktop certificate, encryption or flood events on the server in the last 7 days.',
    });
    expect(logged([ev('rcm', 1149)]).status).toBe('pass');
    expect(logged([], [{ log: 'schannel', error: DENIED }])).toMatchObject({
      status: 'pass',
      summary: `No Remote Desktop certificate, encryption or flood events on the server in the last 7 days. Could not read: System log (${DENIED}).`,
    });
    expect(
      logged(
        [],
        [
          { log: 'rcm', error: 'No such log.' },
          { log: 'schannel', error: DENIED },
        ],
      ),
    ).toMatchObject({
      status: 'unavailable',
      summary: `The server's event logs could not be read. Could not read: Remote Desktop log (No such log.); System log (${DENIED}).`,
    });
  });

  it('fails on an event that by itself means the server cannot encrypt, and only warns about floods and alerts', () => {
    for (const [log, id] of [
      ['rcm', 1057],
      ['rcm', 1058],
      ['schannel', 36870],
      ['schannel', 36871],
    ] as const)
      expect([id, logged([ev('rcm', 1006), ev(log, id)]).status]).toEqual([id, 'fail']);
    for (const [log, id] of [
      ['rcm', 1006],
      ['schannel', 36874],
      ['schannel', 36888],
    ] as const)
      expect([id, logged([ev(log, id)]).status]).toEqual([id, 'warn']);
  });

  it('counts each event it knows, in the order first seen, with what it means', () => {
    const r = logged([ev('rcm', 1006), ev('schannel', 36888), ev('rcm', 1149), ev('rcm', 1006)], [{ log: 'rcm', error: DENIED }]);
    expect(r.status).toBe('warn');
    expect(r.summary).toBe(
      `In the last 7 days the server logged 2x event 1006 (was flooded with connections), 1x event 36888 (broke off an encrypted handshake). Could not read: Remote Desktop log (${DENIED}).`,
    );
    expect(logged([ev('rcm', 1006), ev('rcm', 1057)]).summary).toBe(
      'In the last 7 days the server logged 1x event 1006 (was flooded with connections), 1x event 1057 (could not create its certificate).',
    );
    expect(logged([ev('rcm', 1058)]).summary).toBe(
      "In the last 7 days the server logged 1x event 1058 (could not read its certificate's key).",
    );
  });

  it('makes one likely finding per cause, named by its strongest event, below the same event matched to an attempt', () => {
    const [f, ...rest] = rule(
      logged([
        ev('schannel', 36888, '2026-11-20T10:00:00.000Z'),
        ev('schannel', 36874, '2026-11-20T11:00:00.000Z'),
        ev('schannel', 36888, '2026-11-20T12:00:00.000Z'),
      ]),
    );
    expect(rest).toEqual([]);
    expect(f?.id).toBe('tls-refused');
    expect(f?.title).toBe('The server logged that it had no encryption method in common with a client');
    expect(f?.plain).toBe(
      'In the last 7 days the server wrote down that the server and the connecting computer had no encryption method in common.',
    );
    expect(f?.likelihood).toBe('likely');
    expect(f?.score).toBe(75);
    expect(f?.technical).toBe(
      'System, Schannel 36888: a fatal alert was generated and sent to the remote endpoint: 2 times, last at 2026-11-20T12:00:00.000Z; System, Schannel 36874: none of the cipher suites the client offered are supported by the server: 1 time, last at 2026-11-20T11:00:00.000Z',
    );
    expect(f?.evidence).toEqual([
      {
        checkId: 'server-rdp-events',
        label: 'Logged by the server (last 7 days)',
        value: '2x event 36888 (broke off an encrypted handshake), last at 2026-11-20T12:00:00.000Z',
      },
      {
        checkId: 'server-rdp-events',
        label: 'Logged by the server (last 7 days)',
        value: '1x event 36874 (had no encryption method in common with a client), last at 2026-11-20T11:00:00.000Z',
      },
    ]);
    expect(f?.fixIds).toEqual([]);
  });

  it('keeps the latest time of an event even when the log lists it out of order', () => {
    const [f] = rule(logged([ev('rcm', 1006, '2026-11-20T12:00:00.000Z'), ev('rcm', 1006, '2026-11-19T12:00:00.000Z')]));
    expect(f?.id).toBe('connection-flood');
    expect(f?.evidence[0]?.value).toBe('2x event 1006 (was flooded with connections), last at 2026-11-20T12:00:00.000Z');
  });

  it("offers to regenerate the certificate only for Windows' own self-signed one", () => {
    const events = logged([ev('rcm', 1057)]);
    const onSelfSigned = rule(events, cert());
    expect(onSelfSigned.map((f) => [f.id, f.fixIds])).toEqual([['certificate-unusable', ['regenerate-rdp-certificate']]]);
    expect(rule(events, cert({ hashType: 3, my: true }))[0]?.fixIds).toEqual([]);
    expect(rule(events)[0]?.fixIds).toEqual([]);
    expect(rule(logged([ev('rcm', 1058)]), cert())[0]?.fixIds).toEqual([]);
  });

  it('reads 36870 as the certificate when its key file is gone, as the key permissions otherwise', () => {
    const events = logged([ev('schannel', 36870)]);
    expect(rule(events).map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    const gone = result('server-key-permissions', {
      folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
      hasPrivateKey: true,
      key: {
        container: 'TSSecKeySet1',
        provider: 'CAPI',
        path: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_1234',
        exists: false,
        regularFile: null,
        ownerSid: null,
        ownerTrusted: null,
        networkServiceCanRead: null,
      },
      files: [],
    });
    expect(rule(events, gone).map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(diagnose([events, gone]).map((f) => f.id)).toContain('certificate-unusable');
    expect(diagnose([events, gone]).map((f) => f.id)).not.toContain('rdp-key-unreadable');
  });

  it('finds nothing without its facts or without an event it knows', () => {
    expect(rule()).toEqual([]);
    expect(rule(logged([ev('rcm', 1149)]))).toEqual([]);
    expect(rule({ checkId: 'server-rdp-events', status: 'fail', summary: 'old', durationMs: 1 })).toEqual([]);
  });
});
