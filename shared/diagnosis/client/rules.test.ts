import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../catalog/checks';
import type { CheckResult } from '../../results';
import type { NetworkType } from '../../network-type';
import type { Adapter, RdpClientEvent } from '../../catalog/client/scripts';
import { evaluate } from '../evaluate';
import { diagnose } from '../rules';
import { attemptsOf, credentialMatches, describeReason } from './evaluate';

const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });
const ids = (results: CheckResult[], networkType: NetworkType = 'home') => diagnose(results, { networkType }).map((f) => f.id);

const HOST = 'srv01.corp.example';
const wifi: Adapter = {
  name: 'Wi-Fi',
  description: 'Intel Wi-Fi 6',
  status: 'Up',
  mediaType: 'Native 802.11',
  hardware: true,
  ipv4: ['192.168.1.4'],
  gateway: '192.168.1.1',
};
const anyConnect: Adapter = {
  name: 'Ethernet 3',
  description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
  status: 'Up',
  mediaType: '802.3',
  hardware: false,
  ipv4: ['10.200.14.7'],
  gateway: null,
};

const credentials = (...entries: string[]) => result('client-saved-credentials', { host: HOST, port: 3389, entries });
const connectionData = (o: { badLines?: number; bytes?: number; emptyFiles?: number } = {}) =>
  result('client-connection-data', {
    defaultRdp: {
      path: 'C:\\Users\\a\\Documents\\Default.rdp',
      exists: true,
      bytes: o.bytes ?? 900,
      lastWrite: '2026-11-10T08:00:00.000Z',
      lines: 10,
      badLines: o.badLines ?? 0,
    },
    bitmapCache: {
      path: 'C:\\Users\\a\\AppData\\Local\\Microsoft\\Terminal Server Client\\Cache',
      exists: true,
      files: 3,
      bytes: 42_000_000,
      emptyFiles: o.emptyFiles ?? 0,
    },
  });
const license = (o: { exists?: boolean; hasStore?: boolean } = {}) =>
  result('client-license-cache', { exists: o.exists ?? true, hasHardwareId: true, hasStore: o.hasStore ?? true, storeLicenses: 1 });
const credssp = (v: number | null) => result('client-credssp', { allowEncryptionOracle: v });
const udp = (v: number | null, ...adaptersUp: Adapter[]) =>
  result('client-udp', { fClientDisableUDP: v, adaptersUp: adaptersUp.map(({ name, description }) => ({ name, description })) });
const network = (...adapters: Adapter[]) => result('client-network', { adapters, domainJoined: false, domain: null });
const updates = (...hotfixes: Array<[string, string]>) =>
  result('client-updates', {
    now: '2026-11-21T09:00:00.000Z',
    hotfixes: hotfixes.map(([id, d]) => ({ id, description: 'Security Update', installedOn: `${d}T00:00:00.000Z` })),
  });
let activity = 0;
const attempt = (time: string, outcome: 'ok' | number, server = HOST): RdpClientEvent[] => {
  const activityId = `act-${++activity}`;
  const later = new Date(Date.parse(time) + 2000).toISOString();
  return [
    { id: 1024, time, activityId, server, reason: null },
    outcome === 'ok'
      ? { id: 1027, time: later, activityId, server: null, reason: null }
      : { id: 1026, time: later, activityId, server: null, reason: outcome },
  ];
};
const log = (...events: RdpClientEvent[][]) =>
  result('client-rdp-log', { host: HOST, port: 3389, logEnabled: true, events: events.flat() });
const tls = (tls12?: { enabled: number | null; disabledByDefault: number | null }) =>
  result('client-tls', {
    protocols: (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => ({
      version,
      keyExists: version === 'TLS 1.2' && tls12 !== undefined,
      enabled: version === 'TLS 1.2' ? (tls12?.enabled ?? null) : null,
      disabledByDefault: version === 'TLS 1.2' ? (tls12?.disabledByDefault ?? null) : null,
    })),
  });

const healthyClient = () => [
  credentials('Domain:target=TERMSRV/other-pc'),
  connectionData(),
  license(),
  credssp(null),
  udp(null),
  network(wifi),
  updates(['KB5044284', '2026-10-15']),
  log(attempt('2026-11-10T08:00:00.000Z', 'ok')),
  tls(),
];

describe('client evaluators', () => {
  it('matches saved passwords for the host in any case, with a port or a type prefix, and nothing else', () => {
    expect(credentialMatches('Domain:target=TERMSRV/SRV01.corp.example', HOST, 3389)).toBe(true);
    expect(credentialMatches('LegacyGeneric:target=TERMSRV/srv01.corp.example:3389', HOST, 3389)).toBe(true);
    expect(credentialMatches('TERMSRV/srv01.corp.example:3390', HOST, 3389)).toBe(false);
    expect(credentialMatches('TERMSRV/srv01', HOST, 3389)).toBe(false);
    expect(credentials('Domain:target=TERMSRV/srv01.corp.example').status).toBe('fail');
    expect(credentials('Domain:target=TERMSRV/other').summary).toBe(
      `No saved Remote Desktop password for ${HOST} (1 saved entry for other computers).`,
    );
  });

  it('calls Default.rdp damaged only when it is, and an empty cache file a broken write', () => {
    expect(connectionData().status).toBe('pass');
    expect(connectionData({ badLines: 2 }).summary).toBe('Default.rdp has 2 damaged lines of 10.');
    expect(connectionData({ emptyFiles: 1 }).summary).toMatch(/^The bitmap cache has 1 empty file/);
  });

  it('reports a missing license cache as normal and an incomplete one as damaged', () => {
    expect(license({ exists: false }).status).toBe('pass');
    expect(license({ hasStore: false }).summary).toMatch(/incomplete: Store is missing/);
  });

  it('words the CredSSP values, and passes the temporary workaround 2 with a warning in its text', () => {
    expect(credssp(null).status).toBe('pass');
    expect(credssp(0).status).toBe('fail');
    expect(credssp(2)).toMatchObject({ status: 'pass', summary: expect.stringMatching(/temporary workaround/) });
  });

  it('treats a missing SCHANNEL key or value as the OS default, never as disabled', () => {
    expect(tls().status).toBe('pass');
    expect(tls({ enabled: 1, disabledByDefault: 1 }).status).toBe('fail');
  });

  it('pairs log events by activity id and maps 2308 to 0x904 in plain words', () => {
    const events = [...attempt('2026-11-20T08:00:00.000Z', 2308), ...attempt('2026-11-20T07:00:00.000Z', 'ok', 'other')];
    expect(attemptsOf(events)).toEqual([
      { time: '2026-11-20T07:00:00.000Z', server: 'other', connected: true, reason: null },
      { time: '2026-11-20T08:00:00.000Z', server: HOST, connected: false, reason: 2308 },
    ]);
    expect(describeReason(2308)).toMatch(/^2308 \(0x904\): socket closed.*extended code 0x7 "the server denied the connection"/);
    expect(log(attempt('2026-11-20T08:00:00.000Z', 2308)).summary).toMatch(/ended with code 2308 \(0x904\)/);
    expect(result('client-rdp-log', { host: HOST, port: 3389, logEnabled: false, events: [] }).status).toBe('skipped');
  });
});

describe('client rules', () => {
  it('find nothing on a healthy client', () => {
    expect(ids(healthyClient())).toEqual([]);
    expect(ids(healthyClient(), 'domain')).toEqual([]);
  });

  it('turn each planted client cause into one finding with its evidence and fix', () => {
    const cases: Array<[CheckResult, string, string[]]> = [
      [credentials(`Domain:target=TERMSRV/${HOST}`), 'stale-saved-credentials', ['remove-saved-credentials']],
      [connectionData({ badLines: 3 }), 'damaged-connection-data', ['clear-connection-data']],
      [license({ hasStore: false }), 'license-cache-damaged', ['reset-license-cache']],
      [credssp(0), 'credssp-policy-blocks', ['credssp-allow-vulnerable']],
      [tls({ enabled: 0, disabledByDefault: null }), 'client-tls-disabled', []],
    ];
    for (const [planted, id, fixIds] of cases) {
      const results = healthyClient().map((r) => (r.checkId === planted.checkId ? planted : r));
      const findings = diagnose(results, { networkType: 'home' });
      expect(findings.map((f) => f.id)).toEqual([id]);
      expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual([planted.checkId]);
      expect(findings[0]?.fixIds).toEqual(fixIds);
      expect(findings[0]?.likelihood).toBe('possible');
    }
  });

  it('rank client causes below a broken server certificate', () => {
    const cert = result('server-certificate', {
      listenerThumbprint: 'A'.repeat(40),
      store: [
        {
          thumbprint: 'A'.repeat(40),
          subject: 'CN=srv',
          notBefore: '2025-01-01T00:00:00.000Z',
          notAfter: '2026-11-14T00:00:00.000Z',
          hasPrivateKey: true,
        },
      ],
      now: '2026-11-21T09:00:00.000Z',
    });
    const results = [cert, credentials(`TERMSRV/${HOST}`), license({ hasStore: false }), tls({ enabled: 0, disabledByDefault: null })];
    expect(ids(results)[0]).toBe('certificate-unusable');
  });

  it('raise the UDP advice for a VPN adapter, higher when the user also said VPN, and not once UDP is off', () => {
    const base = healthyClient().filter((r) => r.checkId !== 'client-network' && r.checkId !== 'client-udp');
    const withVpn = [...base, network(wifi, anyConnect), udp(null, wifi, anyConnect)];
    expect(udp(null, wifi, anyConnect).status).toBe('fail');
    expect(udp(null, wifi).status).toBe('pass');
    const home = diagnose(withVpn, { networkType: 'home' }).find((f) => f.id === 'vpn-drops-udp');
    const vpn = diagnose(withVpn, { networkType: 'vpn' }).find((f) => f.id === 'vpn-drops-udp');
    expect(home?.score).toBeLessThan(vpn!.score);
    expect(vpn?.plain).toMatch(/connected through a VPN \("Ethernet 3"\)/);
    expect(vpn?.evidence.map((e) => e.checkId)).toEqual(['client-udp', 'client-network']);
    expect(vpn?.fixIds).toEqual(['disable-client-udp']);
    // The user's answer alone is enough to offer it; Wi-Fi alone at home is not.
    expect(ids([...base, network(wifi), udp(null, wifi)], 'vpn')).toEqual(['vpn-drops-udp']);
    expect(ids([...base, network(wifi), udp(null, wifi)], 'home')).toEqual([]);
    expect(ids([...base, udp(1, anyConnect), network(wifi, anyConnect)], 'vpn')).toEqual([]);
  });

  it('word domain advice as group policy and leave the CredSSP change to IT', () => {
    const results = healthyClient().map((r) => (r.checkId === 'client-credssp' ? credssp(0) : r));
    const [f] = diagnose(results, { networkType: 'domain' });
    expect(f?.plain).toMatch(/company policy: ask IT/);
    expect(f?.fixIds).toEqual([]);
  });

  it('point Azure users at NSG rules when the log shows the port never answered', () => {
    const results = healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(attempt('2026-11-21T08:00:00.000Z', 516)) : r));
    const [f] = diagnose(results, { networkType: 'azure' });
    expect(f?.id).toBe('log-shows-other-error');
    expect(f?.title).toBe('Remote Desktop logged a different error: 0x204');
    expect(f?.plain).toMatch(/network security group \(NSG\)/);
  });

  it('say when the failures began right after an update, and only then', () => {
    const events = [
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
      attempt('2026-11-20T08:00:00.000Z', 2308),
    ];
    const after = healthyClient().map((r) =>
      r.checkId === 'client-rdp-log'
        ? log(...events)
        : r.checkId === 'client-updates'
          ? updates(['KB5046617', '2026-11-18'], ['KB5044284', '2026-10-15'])
          : r,
    );
    const [f] = diagnose(after, { networkType: 'home' });
    expect(f?.id).toBe('failure-after-update');
    expect(f?.title).toBe('The error started after Windows update KB5046617');
    expect(f?.plain).toMatch(/Update history > Uninstall updates/);
    expect(f?.technical).toMatch(/wusa \/uninstall \/kb:5046617/);
    expect(f?.evidence.map((e) => e.checkId)).toEqual(['client-rdp-log', 'client-updates']);
    // An update before the last good connection explains nothing.
    const before = after.map((r) => (r.checkId === 'client-updates' ? updates(['KB5046617', '2026-11-12']) : r));
    expect(ids(before)).toEqual([]);
  });

  it('mention a CredSSP workaround left at 2, at the bottom', () => {
    const results = [...healthyClient().filter((r) => r.checkId !== 'client-credssp'), credssp(2), credentials(`TERMSRV/${HOST}`)];
    expect(ids(results)).toEqual(['stale-saved-credentials', 'credssp-left-vulnerable']);
  });
});
