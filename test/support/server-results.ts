import type { CheckId } from '../../shared/catalog/checks';
import type { CheckResult } from '../../shared/results';
import { result } from './diagnosis-fixtures';
import type { ServerAuthenticationFacts } from '../../shared/checks/server-authentication/catalog';

/** Results of the server checks as evaluate() makes them, and a healthy server: the server checks' tests share them. */
export const NOW = '2026-11-21T09:00:00.000Z';
export const THUMB = 'A'.repeat(40);
export const KEY = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_1234';

export { result };

export const goodAces = [
  { sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false },
  { sid: 'S-1-5-20', type: 'Allow' as const, rights: 0x120089, inherited: false },
];
export const cert = (o: { notAfter?: string; keyReadable?: boolean | null; hashType?: number; my?: boolean } = {}) => {
  const c = {
    thumbprint: THUMB,
    subject: 'CN=srv',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: o.notAfter ?? '2027-06-01T00:00:00.000Z',
    hasPrivateKey: true,
    keyReadable: o.keyReadable ?? true,
    keyFile: KEY,
  };
  return result('server-certificate', {
    listenerThumbprint: THUMB,
    hashType: o.hashType ?? 1,
    store: o.my ? [] : [c],
    myStore: o.my ? [c] : [],
    now: NOW,
  });
};
export const keyPerms = (aces = goodAces) =>
  result('server-key-permissions', {
    folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
    files: [{ name: 'f686aace6942fb7f7ceb231212eef4a4_1234', path: KEY, ownerSid: 'S-1-5-18', aces }],
  });
export const lockedKey = () => keyPerms([{ sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false }]);
export const security = (
  local: Partial<Record<string, number | null>> = {},
  policy: Partial<Record<string, number | null>> = {},
  fipsEnabled = 0,
) =>
  result('server-security-settings', {
    local: { securityLayer: 2, userAuthentication: 1, minEncryptionLevel: 2, fAllowSecProtocolNegotiation: 1, ...local },
    policy: { securityLayer: null, userAuthentication: null, minEncryptionLevel: null, fAllowSecProtocolNegotiation: null, ...policy },
    fipsEnabled,
  });
export const tls = (tls12: { enabled: number | null; disabledByDefault: number | null } | null, osVersion = '10.0.17763.0') =>
  result('server-tls-versions', {
    protocols: [
      { version: 'TLS 1.0', keyExists: false, enabled: null, disabledByDefault: null },
      { version: 'TLS 1.1', keyExists: false, enabled: null, disabledByDefault: null },
      tls12
        ? { version: 'TLS 1.2', keyExists: true, ...tls12 }
        : { version: 'TLS 1.2', keyExists: false, enabled: null, disabledByDefault: null },
      { version: 'TLS 1.3', keyExists: false, enabled: null, disabledByDefault: null },
    ],
    osVersion,
  });
export const services = (term: 'Running' | 'Stopped' = 'Running', keyIso: 'Manual' | 'Disabled' = 'Manual') =>
  result('server-services', {
    services: [
      { name: 'TermService', exists: true, status: term, startType: 'Manual', account: 'NT Authority\\NetworkService' },
      { name: 'KeyIso', exists: true, status: 'Running', startType: keyIso, account: 'LocalSystem' },
      { name: 'CryptSvc', exists: true, status: 'Running', startType: 'Automatic', account: 'NT Authority\\NetworkService' },
    ],
  });
export const listener = (
  o: {
    termPid?: number | null;
    sockets?: Array<{ port: number; pid: number; processName: string; services: string[] }>;
    portNumber?: number | null;
    enabled?: number | null;
  } = {},
) =>
  result('server-listener', {
    targetPort: 3389,
    portNumber: o.portNumber === undefined ? 3389 : o.portNumber,
    fEnableWinStation: o.enabled === undefined ? 1 : o.enabled,
    termServicePid: o.termPid === undefined ? 1184 : o.termPid,
    listeners: (o.sockets ?? [{ port: 3389, pid: 1184, processName: 'svchost', services: ['TermService'] }]).map((s) => ({
      localAddress: '0.0.0.0',
      localPort: s.port,
      ...s,
    })),
  });
export const rdpEnabled = (local: number | null, policy: number | null = null) =>
  result('server-rdp-enabled', { fDenyTSConnections: local, policyDenyTSConnections: policy });
export const dll = (serviceDll = '%SystemRoot%\\System32\\termsrv.dll', wrapper: string[] = []) =>
  result('server-service-dll', {
    serviceDll,
    expandedPath: serviceDll.replace('%SystemRoot%', 'C:\\Windows'),
    expectedPath: 'C:\\Windows\\System32\\termsrv.dll',
    fileExists: true,
    fileDescription: null,
    rdpWrapperFiles: wrapper,
  });
export const pressure = (n: number | null) =>
  result('server-connection-pressure', {
    maxOutstandingConnections: null,
    failedLogonsLastHour: n,
    securityLogError: n === null ? 'denied' : null,
    now: NOW,
  });
export const credssp = (v: string) => result('server-credssp', { tspkgVersion: v, osVersion: '10.0.14393.0' });
export const updates = (installedOn: string) =>
  result('server-updates', { hotfixes: [{ id: 'KB5046616', description: 'Security Update', installedOn }], now: NOW });
/** The handshake probe's result as the lead wires it in: a report with a failure 3 somewhere in it. */
export const handshake = (code: number): CheckResult => ({
  checkId: 'rdp-handshake' as CheckId,
  status: 'fail',
  summary: 'The server refused the security handshake.',
  facts: {
    addresses: [
      {
        address: '10.0.0.5',
        negotiation: [
          { requested: 3, confirm: { kind: 'failure', code, codeName: code === 3 ? 'SSL_CERT_NOT_ON_SERVER' : 'X', flags: 0 } },
        ],
      },
    ],
  },
  durationMs: 1,
});

export const healthy = () => [
  result('server-firewall', {
    activeProfiles: ['Domain'],
    rules: [
      {
        name: 'RemoteDesktop-UserMode-In-TCP',
        displayName: 'Remote Desktop - User Mode (TCP-In)',
        enabled: true,
        profiles: ['Any'],
        protocol: 'TCP',
      },
    ],
  }),
  rdpEnabled(0),
  services(),
  listener(),
  dll(),
  cert(),
  keyPerms(),
  security(),
  tls(null),
  pressure(4),
  credssp('10.0.14393.2248'),
  updates('2026-10-01T00:00:00.000Z'),
];
/** A workgroup server's sign-in settings as Windows ships it: none of the hardening values written. */
export const serverAuthentication = (over: Partial<ServerAuthenticationFacts> = {}) =>
  result('server-authentication', {
    restrictReceivingNtlm: null,
    lmCompatibilityLevel: null,
    disableRestrictedAdmin: null,
    allowProtectedCreds: null,
    allowEncryptionOracle: null,
    partOfDomain: false,
    domain: null,
    osBuild: 20348,
    ...over,
  } satisfies ServerAuthenticationFacts);
