import type { CheckResult } from '../../shared/results';
import type { NetworkType } from '../../shared/network-type';
import type { Adapter } from '../../shared/checks/client-network/catalog';
import type { ClientAuthenticationFacts } from '../../shared/checks/client-authentication/catalog';
import type { RdpClientEvent } from '../../shared/checks/client-rdp-log/catalog';
import { result } from './diagnosis-fixtures';
import { diagnose } from '../../shared/diagnosis/rules';

/** Results of the client checks as evaluate() makes them, and a healthy client: the client checks' tests share them. */
export { result };
export const ids = (results: CheckResult[], networkType: NetworkType = 'home') => diagnose(results, { networkType }).map((f) => f.id);

export const HOST = 'srv01.corp.example';
export const wifi: Adapter = {
  name: 'Wi-Fi',
  description: 'Intel Wi-Fi 6',
  status: 'Up',
  mediaType: 'Native 802.11',
  hardware: true,
  ipv4: ['192.168.1.4'],
  gateway: '192.168.1.1',
};
export const anyConnect: Adapter = {
  name: 'Ethernet 3',
  description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
  status: 'Up',
  mediaType: '802.3',
  hardware: false,
  ipv4: ['10.200.14.7'],
  gateway: null,
};

export const credentials = (...entries: string[]) => result('client-saved-credentials', { host: HOST, port: 3389, entries });
export const connectionData = (o: { badLines?: number; bytes?: number; emptyFiles?: number } = {}) =>
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
export const license = (o: { exists?: boolean; hasStore?: boolean } = {}) =>
  result('client-license-cache', { exists: o.exists ?? true, hasHardwareId: true, hasStore: o.hasStore ?? true, storeLicenses: 1 });
/** This computer's sign-in settings: nothing set unless said. */
export const authentication = (over: Partial<ClientAuthenticationFacts> = {}, host = HOST) =>
  result('client-authentication', {
    host,
    restrictSendingNtlm: null,
    ntlmServerExceptions: null,
    lmCompatibilityLevel: null,
    restrictedRemoteAdministration: null,
    restrictedRemoteAdministrationType: null,
    ...over,
  } satisfies ClientAuthenticationFacts);
export const credssp = (v: number | null) => result('client-credssp', { allowEncryptionOracle: v });
export const udp = (v: number | null, ...adaptersUp: Adapter[]) =>
  result('client-udp', { fClientDisableUDP: v, adaptersUp: adaptersUp.map(({ name, description }) => ({ name, description })) });
export const network = (...adapters: Adapter[]) => result('client-network', { adapters, domainJoined: false, domain: null });
/** Updates on a computer `utcOffsetMinutes` ahead of UTC (0: a UTC computer), each on its day there. */
export const updatesIn = (utcOffsetMinutes: number, ...hotfixes: Array<[string, string]>) =>
  result('client-updates', {
    now: '2026-11-21T09:00:00.000Z',
    hotfixes: hotfixes.map(([id, d]) => ({
      id,
      description: 'Security Update',
      installedOn: `${d}T00:00:00.000Z`,
      dayStartsAt: new Date(Date.parse(`${d}T00:00:00.000Z`) - utcOffsetMinutes * 60_000).toISOString(),
    })),
  });
export const updates = (...hotfixes: Array<[string, string]>) => updatesIn(0, ...hotfixes);
let activity = 0;
export const attempt = (time: string, outcome: 'ok' | number, server = HOST): RdpClientEvent[] => {
  const activityId = `act-${++activity}`;
  const later = new Date(Date.parse(time) + 2000).toISOString();
  return [
    { id: 1024, time, activityId, server, reason: null },
    outcome === 'ok'
      ? { id: 1027, time: later, activityId, server: null, reason: null }
      : { id: 1026, time: later, activityId, server: null, reason: outcome },
  ];
};
export const log = (...events: RdpClientEvent[][]) =>
  result('client-rdp-log', { host: HOST, port: 3389, logEnabled: true, events: events.flat() });
export const tls = (tls12?: { enabled: number | null; disabledByDefault: number | null }) =>
  result('client-tls', {
    protocols: (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => ({
      version,
      keyExists: version === 'TLS 1.2' && tls12 !== undefined,
      enabled: version === 'TLS 1.2' ? (tls12?.enabled ?? null) : null,
      disabledByDefault: version === 'TLS 1.2' ? (tls12?.disabledByDefault ?? null) : null,
    })),
  });

export const healthyClient = () => [
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
