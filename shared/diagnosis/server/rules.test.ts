import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../catalog/checks';
import type { CheckResult } from '../../results';
import { evaluate } from '../evaluate';
import { diagnose } from '../rules';
import { keyFileProblems } from '../../checks/server-key-permissions/diagnosis';
import { credsspPatched } from '../../checks/server-credssp/diagnosis';

const NOW = '2026-11-21T09:00:00.000Z';
const THUMB = 'A'.repeat(40);
const KEY = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_1234';

const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });

const goodAces = [
  { sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false },
  { sid: 'S-1-5-20', type: 'Allow' as const, rights: 0x120089, inherited: false },
];
const cert = (o: { notAfter?: string; keyReadable?: boolean | null; hashType?: number; my?: boolean } = {}) => {
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
const keyPerms = (aces = goodAces) =>
  result('server-key-permissions', {
    folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
    files: [{ name: 'f686aace6942fb7f7ceb231212eef4a4_1234', path: KEY, ownerSid: 'S-1-5-18', aces }],
  });
const lockedKey = () => keyPerms([{ sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false }]);
const security = (
  local: Partial<Record<string, number | null>> = {},
  policy: Partial<Record<string, number | null>> = {},
  fipsEnabled = 0,
) =>
  result('server-security-settings', {
    local: { securityLayer: 2, userAuthentication: 1, minEncryptionLevel: 2, fAllowSecProtocolNegotiation: 1, ...local },
    policy: { securityLayer: null, userAuthentication: null, minEncryptionLevel: null, fAllowSecProtocolNegotiation: null, ...policy },
    fipsEnabled,
  });
const tls = (tls12: { enabled: number | null; disabledByDefault: number | null } | null, osVersion = '10.0.17763.0') =>
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
const services = (term: 'Running' | 'Stopped' = 'Running', keyIso: 'Manual' | 'Disabled' = 'Manual') =>
  result('server-services', {
    services: [
      { name: 'TermService', exists: true, status: term, startType: 'Manual', account: 'NT Authority\\NetworkService' },
      { name: 'KeyIso', exists: true, status: 'Running', startType: keyIso, account: 'LocalSystem' },
      { name: 'CryptSvc', exists: true, status: 'Running', startType: 'Automatic', account: 'NT Authority\\NetworkService' },
    ],
  });
const listener = (
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
const rdpEnabled = (local: number | null, policy: number | null = null) =>
  result('server-rdp-enabled', { fDenyTSConnections: local, policyDenyTSConnections: policy });
const dll = (serviceDll = '%SystemRoot%\\System32\\termsrv.dll', wrapper: string[] = []) =>
  result('server-service-dll', {
    serviceDll,
    expandedPath: serviceDll.replace('%SystemRoot%', 'C:\\Windows'),
    expectedPath: 'C:\\Windows\\System32\\termsrv.dll',
    fileExists: true,
    fileDescription: null,
    rdpWrapperFiles: wrapper,
  });
const pressure = (n: number | null) =>
  result('server-connection-pressure', {
    maxOutstandingConnections: null,
    failedLogonsLastHour: n,
    securityLogError: n === null ? 'denied' : null,
    now: NOW,
  });
const credssp = (v: string) => result('server-credssp', { tspkgVersion: v, osVersion: '10.0.14393.0' });
const updates = (installedOn: string) =>
  result('server-updates', { hotfixes: [{ id: 'KB5046616', description: 'Security Update', installedOn }], now: NOW });
/** The handshake probe's result as the lead wires it in: a report with a failure 3 somewhere in it. */
const handshake = (code: number): CheckResult => ({
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

const healthy = () => [
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

describe('server evaluators', () => {
  it('pass on a healthy server', () => {
    for (const r of healthy()) expect([r.checkId, r.status]).toEqual([r.checkId, 'pass']);
    expect(diagnose(healthy())).toEqual([]);
  });

  it('treat a missing SCHANNEL key as the OS default, and DisabledByDefault = 1 as off', () => {
    expect(tls(null).status).toBe('pass');
    expect(tls({ enabled: 0, disabledByDefault: null }).status).toBe('fail');
    expect(tls({ enabled: 1, disabledByDefault: 1 })).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/DisabledByDefault = 1/),
    });
  });

  it('judge the key file ACL by SID: NETWORK SERVICE read, no deny, SYSTEM full', () => {
    expect(keyFileProblems(goodAces)).toEqual([]);
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
        { sid: 'S-1-1-0', type: 'Allow', rights: 0x120089, inherited: true },
      ]),
    ).toEqual([]);
    expect(keyFileProblems([...goodAces, { sid: 'S-1-5-20', type: 'Deny', rights: 0x1, inherited: false }])[0]).toMatch(
      /deny entry for NETWORK SERVICE/,
    );
    // GENERIC_READ arrives from PowerShell as a negative Int32.
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x10000000, inherited: false },
        { sid: 'S-1-5-20', type: 'Allow', rights: -2147483648, inherited: false },
      ]),
    ).toEqual([]);
    expect(lockedKey().status).toBe('fail');
  });

  it('do not require the WebSocket rules, and do not count them for 3389', () => {
    const fw = (tcpOn: boolean, wsOn: boolean) =>
      result('server-firewall', {
        activeProfiles: ['Public'],
        rules: [
          {
            name: 'RemoteDesktop-UserMode-In-TCP',
            displayName: 'Remote Desktop - User Mode (TCP-In)',
            enabled: tcpOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: false,
          },
          {
            name: 'RemoteDesktop-In-TCP-WS',
            displayName: 'Remote Desktop - (TCP-WS-In)',
            enabled: wsOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: true,
          },
        ],
      });
    expect(fw(true, false).status).toBe('pass');
    expect(fw(true, false).summary).toMatch(/WebSocket rule is off/);
    expect(fw(false, true).status).toBe('fail');
  });

  it('compare tspkg.dll with the 2018 CredSSP fix', () => {
    expect(credsspPatched({ tspkgVersion: '10.0.14393.1884' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '10.0.14393.2248' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '10.0.20348.2849' })).toBe(true);
    // Before Windows 10: the file versions Microsoft's Azure CredSSP article lists per version.
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24000' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24117' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.3.9600.18998' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.2.9200.22432' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.0.6002.24000' })).toBe(null);
  });

  it('accept older certificate facts (no hashType, no key readability)', () => {
    const r = result('server-certificate', {
      listenerThumbprint: THUMB,
      store: [
        {
          thumbprint: THUMB,
          subject: 'CN=s',
          notBefore: '2026-01-01T00:00:00.000Z',
          notAfter: '2026-11-14T00:00:00.000Z',
          hasPrivateKey: true,
        },
      ],
      now: NOW,
    });
    expect(r.summary).toBe('The Remote Desktop certificate expired on 2026-11-14.');
  });
});

describe('server rules: one finding per cause, with all its evidence', () => {
  it('makes failure 3 from the probe and a certificate expired last week one finding with both pieces of evidence', () => {
    const findings = diagnose([handshake(3), cert({ notAfter: '2026-11-14T00:00:00.000Z' })]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-certificate']);
    expect(findings[0]?.evidence[0]?.value).toMatch(/SSL_CERT_NOT_ON_SERVER/);
    expect(findings[0]?.likelihood).toBe('certain');
    expect(findings[0]?.fixIds).toContain('regenerate-rdp-certificate');
  });

  it('leaves failure 3 to the wire when the server was not read: no Windows fix for a server that may not be Windows', () => {
    const notRead = (checkId: CheckId): CheckResult => ({
      checkId,
      status: 'not-checked',
      summary: 'Not checked from this computer.',
      durationMs: 0,
    });
    expect(diagnose([handshake(3), notRead('server-certificate'), notRead('server-key-permissions')])).toEqual([]);
    const [f] = diagnose([handshake(3), notRead('server-certificate'), lockedKey()]);
    expect(f?.id).toBe('rdp-key-unreadable');
    expect(f?.score).toBe(99);
  });

  it('ignores other probe failures and results whose facts are another shape', () => {
    expect(diagnose([handshake(5)])).toEqual([]);
    expect(diagnose([{ ...handshake(3), facts: 'not an object' }])).toEqual([]);
  });

  it('makes an unreadable key one finding, not a certificate finding and a key finding', () => {
    const findings = diagnose([handshake(3), cert({ keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-key-permissions', 'server-certificate']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('joins an expired certificate and the locked key that kept it from renewing', () => {
    const findings = diagnose([cert({ notAfter: '2026-11-14T00:00:00.000Z', keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['server-certificate', 'server-key-permissions']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions', 'regenerate-rdp-certificate']);
  });

  it('does not offer to regenerate a custom certificate', () => {
    const [f] = diagnose([cert({ notAfter: '2026-11-14T00:00:00.000Z', hashType: 3, my: true })]);
    expect(f?.id).toBe('certificate-unusable');
    expect(f?.fixIds).not.toContain('regenerate-rdp-certificate');
    expect(f?.plain).toMatch(/renew it/);
  });

  it('puts a stopped TermService and its silent listener into one finding', () => {
    const findings = diagnose([services('Stopped'), listener({ termPid: null, sockets: [] })]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-services-stopped']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['server-services', 'server-listener']);
  });

  it('names the program holding the port', () => {
    const [f] = diagnose([listener({ sockets: [{ port: 3389, pid: 5512, processName: 'nginx', services: [] }] })]);
    expect(f?.id).toBe('rdp-listener-problem');
    expect(f?.evidence[0]?.value).toMatch(/nginx\.exe \(process 5512\)/);
  });

  it('reports policies and offers no fix that would overwrite them', () => {
    const [disabled] = diagnose([rdpEnabled(0, 1)]);
    expect(disabled?.title).toMatch(/group policy/);
    expect(disabled?.fixIds).toEqual([]);
    const [conflict] = diagnose([security({ userAuthentication: 1 }, { securityLayer: 0 })]);
    expect(conflict?.id).toBe('security-settings-conflict');
    expect(conflict?.fixIds).toEqual([]);
    const [local] = diagnose([security({ securityLayer: 0, userAuthentication: 1 })]);
    expect(local?.fixIds).toEqual(['require-tls-security-layer', 'rdp-security-isolation-test']);
  });

  it('reports RDP Wrapper and never offers to repair it', () => {
    const [f] = diagnose([dll('C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', ['C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'])]);
    expect(f?.id).toBe('termservice-dll-replaced');
    expect(f?.fixIds).toEqual([]);
  });

  it('advises restricting exposure for a brute-force flood, and shows how to uninstall an update without running it', () => {
    const [flood] = diagnose([pressure(2000)]);
    expect(flood?.id).toBe('connection-flood');
    expect(flood?.plain).toMatch(/VPN|Gateway/);
    expect(flood?.fixIds).toEqual([]);
    const [update] = diagnose([updates('2026-11-19T00:00:00.000Z')]);
    expect(update?.technical).toContain('wusa /uninstall /kb:5046616');
    expect(update?.fixIds).toEqual([]);
    expect(diagnose([pressure(null)])).toEqual([]);
  });

  it('ranks by how well each explains 0x904/0x7', () => {
    const findings = diagnose([
      updates('2026-11-19T00:00:00.000Z'),
      credssp('10.0.14393.1884'),
      pressure(2000),
      dll('C:\\Program Files\\RDP Wrapper\\rdpwrap.dll'),
      security({}, {}, 1),
      services('Running', 'Disabled'),
      rdpEnabled(1),
      tls({ enabled: 0, disabledByDefault: 1 }),
      cert({ notAfter: '2026-11-14T00:00:00.000Z' }),
    ]);
    // KeyIso disabled: Windows cannot renew the expired certificate, so the services come first
    // and take the certificate in (shared/diagnosis/causes.ts).
    expect(findings.map((f) => f.id)).toEqual([
      'rdp-services-stopped',
      'tls-disabled',
      'rdp-disabled',
      'termservice-dll-replaced',
      'connection-flood',
      'credssp-outdated',
      'fips-required',
      'server-recent-update',
    ]);
  });
});
