import type { MachineState } from '../../../shared/simulated/machine-state';
import type { ClientState } from '../../../shared/simulated/client-state';
import type { ServerState, SimCertificate } from '../../../shared/simulated/server-state';
import { listenerAnswers } from './listener/model';

/**
 * A scenario's computer as a test/fake-windows machine state: what Windows holds (registry,
 * services, firewall stores, certificates, files and their ACLs, event logs, updates), from
 * which the real scripts compute the facts. One computer carries both its server side (what
 * RDP Doctor checks on a server) and its client side (what it checks on the PC it runs on).
 */
export type FakeMachine = Record<string, unknown>;

const HKLM = 'HKEY_LOCAL_MACHINE';
const TERMINAL_SERVER = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server`;
const SCHANNEL = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols`;
const TS_POLICY = `${HKLM}\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services`;
/** The "Remote Desktop" firewall group by its resource id (what Windows stores; localized names differ). */
const RDP_GROUP = '@FirewallAPI.dll,-28752';
const MACHINE_KEYS = 'ProgramData/Microsoft/Crypto/RSA/MachineKeys';
const CNG_KEYS = 'ProgramData/Microsoft/Crypto/Keys';

type Registry = Record<string, Record<string, { type: string; value: unknown }>>;
/** A registry value as the fake Windows state holds it (type as the registry provider names it). */
export interface RegValue {
  type: 'DWord' | 'String' | 'ExpandString' | 'MultiString' | 'QWord' | 'Binary';
  value: unknown;
}
export const dword = (value: number): RegValue => ({ type: 'DWord', value });
export const str = (value: string): RegValue => ({ type: 'String', value });
/** REG_BINARY from hex ("A1B2…"). */
export const binary = (hex: string): RegValue => ({ type: 'Binary', value: Array.from(Buffer.from(hex, 'hex')) });

/** The user's profile folder name, from the Documents folder the scenario gives (C:\Users\<name>\Documents). */
const userOf = (c: ClientState) => /\\Users\\([^\\]+)\\/i.exec(c.documentsDir)?.[1] ?? 'user';

/** Sets the DWORDs that are not null; a key is created only when it gets a value (or `always`). */
function setDwords(registry: Registry, key: string, values: Record<string, number | null>, always = false) {
  const present = Object.entries(values).filter((e): e is [string, number] => e[1] !== null);
  if (!present.length && !always) return;
  registry[key] = { ...registry[key], ...Object.fromEntries(present.map(([n, v]) => [n, dword(v)])) };
}

/** Win32_QuickFixEngineering.InstalledOn is M/d/yyyy text (blank for some updates). */
const wmiDate = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};

const resolvePort = (port: number | 'target' | null, targetPort: number) => (port === 'target' ? targetPort : port);

function serverSide(
  s: ServerState,
  targetPort: number,
  registry: Registry,
  files: Record<string, unknown>,
  events: NonNullable<ServerState['rdpEvents']>,
): FakeMachine {
  const r = s.registry;
  setDwords(
    registry,
    TERMINAL_SERVER,
    { fDenyTSConnections: r.fDenyTSConnections, MaxOutstandingConnections: r.maxOutstandingConnections },
    true,
  );
  setDwords(
    registry,
    `${TERMINAL_SERVER}\\WinStations\\RDP-Tcp`,
    {
      PortNumber: resolvePort(r.rdpTcp.portNumber, targetPort),
      fEnableWinStation: r.rdpTcp.fEnableWinStation,
      SecurityLayer: r.rdpTcp.securityLayer,
      UserAuthentication: r.rdpTcp.userAuthentication,
      MinEncryptionLevel: r.rdpTcp.minEncryptionLevel,
      fAllowSecProtocolNegotiation: r.rdpTcp.fAllowSecProtocolNegotiation,
    },
    true,
  );
  setDwords(registry, TS_POLICY, {
    fDenyTSConnections: r.policyDenyTSConnections,
    SecurityLayer: r.policy.securityLayer,
    UserAuthentication: r.policy.userAuthentication,
    MinEncryptionLevel: r.policy.minEncryptionLevel,
    fAllowSecProtocolNegotiation: r.policy.fAllowSecProtocolNegotiation,
  });
  setDwords(registry, `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy`, { Enabled: r.fipsEnabled });
  for (const [version, v] of Object.entries(r.schannel)) {
    setDwords(registry, `${SCHANNEL}\\${version}\\Server`, { Enabled: v.enabled, DisabledByDefault: v.disabledByDefault }, true);
  }
  for (const [key, values] of Object.entries(s.serverDwords ?? {})) setDwords(registry, key.replace(/^HKLM\\/i, `${HKLM}\\`), values, true);
  if (r.serviceDll !== null) {
    registry[`${HKLM}\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters`] = {
      ServiceDll: { type: 'ExpandString', value: r.serviceDll },
    };
  }
  files['Windows/System32/termsrv.dll'] = {
    text: 'MZ',
    version: { fileVersion: s.osVersion.replace(/\.0$/, '.1'), description: 'Remote Desktop Services' },
  };
  if (s.tspkgVersion)
    files['Windows/System32/tspkg.dll'] = {
      text: 'MZ',
      version: { fileVersion: s.tspkgVersion, description: 'Web Service Security Package' },
    };
  for (const wrapper of s.rdpWrapperFiles) files[`Program Files/RDP Wrapper/${wrapper.split(/[\\/]/).at(-1)}`] = { text: 'MZ' };
  if (s.machineGuid) registry[`${HKLM}\\SOFTWARE\\Microsoft\\Cryptography`] = { MachineGuid: str(s.machineGuid) };
  for (const key of s.machineKeys) {
    files[`${MACHINE_KEYS}/${key.name}`] = { text: 'RSA key container', acl: { owner: key.ownerSid, aces: key.aces } };
  }

  const keyStorageOf = (c: SimCertificate): SimCertificate['keyStorage'] => {
    if (c.keyStorage || !c.hasPrivateKey || !c.keyFile) return c.keyStorage;
    // A certificate in My described by its key file only: that file, with the ACL Windows gives a
    // machine key (SYSTEM and Administrators full control, NETWORK SERVICE read unless the state
    // says it may not read it).
    const cng = /\\Crypto\\Keys\\/i.test(c.keyFile);
    const aces = [
      { sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false },
      { sid: 'S-1-5-32-544', type: 'Allow' as const, rights: 0x1f01ff, inherited: false },
      ...(c.keyReadable === false ? [] : [{ sid: 'S-1-5-20', type: 'Allow' as const, rights: 0x120089, inherited: false }]),
    ];
    return {
      provider: cng ? 'Microsoft Software Key Storage Provider' : 'Microsoft Enhanced RSA and AES Cryptographic Provider',
      container: `key of ${c.subject}`,
      uniqueName: c.keyFile.split('\\').at(-1)!,
      ownerSid: 'S-1-5-18',
      aces,
    };
  };
  const byThumbprint = (c: SimCertificate) => ({
    id: c.thumbprint,
    subject: c.subject,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    hasPrivateKey: c.hasPrivateKey,
    // Windows makes the Remote Desktop self-signed key non-exportable.
    exportable: false,
    ...(c.enhancedKeyUsages !== undefined ? { eku: c.enhancedKeyUsages } : {}),
    ...(c.dnsNames || c.ipAddresses ? { san: { dns: c.dnsNames ?? [], ip: c.ipAddresses ?? [] } } : {}),
    ...(c.ca ? { ca: true } : {}),
    ...(c.issuedBy ? { issuer: c.issuedBy } : {}),
    ...(keyStorageOf(c)
      ? { key: { provider: keyStorageOf(c)!.provider, container: keyStorageOf(c)!.container, uniqueName: keyStorageOf(c)!.uniqueName } }
      : {}),
  });
  for (const c of s.certificates.my) {
    const key = keyStorageOf(c);
    if (!key) continue;
    const folder = /Key Storage Provider/.test(key.provider) ? CNG_KEYS : MACHINE_KEYS;
    files[`${folder}/${key.uniqueName}`] = { text: 'key container', acl: { owner: key.ownerSid, aces: key.aces } };
  }
  const certificates = {
    'LocalMachine\\Remote Desktop': s.certificates.remoteDesktop.map(byThumbprint),
    'LocalMachine\\My': s.certificates.my.map(byThumbprint),
    ...(s.certificates.root ? { 'LocalMachine\\Root': s.certificates.root.map(byThumbprint) } : {}),
    ...(s.certificates.intermediate ? { 'LocalMachine\\CA': s.certificates.intermediate.map(byThumbprint) } : {}),
    // Not a store of this computer (no Cert: path reaches it): the issuers it does not hold.
    ...(s.certificates.elsewhere ? { 'Elsewhere\\Issuers': s.certificates.elsewhere.map(byThumbprint) } : {}),
  };
  const known = [...s.certificates.remoteDesktop, ...s.certificates.my].some((c) => c.thumbprint === s.certificates.listenerThumbprint);
  const tsGeneralSetting = {
    SSLCertificateSHA1Hash: s.certificates.listenerThumbprint
      ? known
        ? `@${s.certificates.listenerThumbprint}`
        : s.certificates.listenerThumbprint
      : '',
    SSLCertificateSHA1HashType: s.certificates.hashType ?? 0,
  };

  const services = Object.fromEntries(
    Object.entries(s.services)
      .filter(([, v]) => v.exists)
      .map(([name, v]) => [
        name,
        {
          status: v.status,
          startType: v.startType,
          account: v.account,
          ...(v.pid ? { processId: v.pid } : {}),
          ...(name === 'UmRdpService' ? { dependsOn: ['TermService'] } : {}),
        },
      ]),
  );
  const pids = new Map<number, string>();
  for (const v of Object.values(s.services)) if (v.pid) pids.set(v.pid, 'svchost');
  for (const l of s.listeners) pids.set(l.pid, l.processName);

  const categories = { Domain: 'DomainAuthenticated', Private: 'Private', Public: 'Public' } as const;
  return {
    services,
    processes: [...pids].map(([id, name]) => ({ id, name })),
    tcpListeners: s.listeners.map((l) => ({
      localAddress: l.localAddress,
      localPort: resolvePort(l.port, targetPort),
      owningProcess: l.pid,
    })),
    connectionProfiles: s.firewall.activeProfiles.map((p, i) => ({
      name: `Network ${i + 1}`,
      interfaceAlias: `Ethernet ${i + 1}`,
      networkCategory: categories[p],
    })),
    serverFirewallRules: s.firewall.rules.map((rule) => ({
      name: rule.name,
      displayName: rule.displayName,
      group: rule.group === 'Remote Desktop' ? RDP_GROUP : rule.group,
      direction: 'Inbound',
      action: 'Allow',
      enabled: rule.enabled ? 'True' : 'False',
      profile: rule.profiles.join(', '),
      protocol: rule.protocol,
      localPort: [rule.webSocket ? '443' : String(resolvePort(r.rdpTcp.portNumber, targetPort) ?? 3389)],
      store: 'PersistentStore',
    })),
    certificates,
    tsGeneralSetting,
    securityLog: s.failedLogonsLastHour,
    serverHotfixes: s.hotfixes,
    // RemoteConnectionManager's certificate events and Schannel's, both in the System log by provider
    // (support.microsoft.com/kb/2531138 shows the System log for RCM's certificate events).
    rcmEvents: events.filter((e) => e.log === 'rcm').map((e) => ({ ...eventRecord(e), provider: RCM_PROVIDER })),
    schannelEvents: events.filter((e) => e.log === 'schannel').map((e) => ({ ...eventRecord(e), provider: 'Schannel' })),
  };
}

/** The certificate's events of one log, by source, with the rendered message as their one unnamed data item. */
const certificateEvents = (s: ServerState, log: 'System' | 'Application') =>
  (s.certificateEvents ?? [])
    .filter((e) => e.log === log)
    .map((e) => ({ id: e.id, time: e.time, provider: e.provider, message: e.message, data: [{ name: null, value: e.message }] }));

/** An event as the fake's Get-WinEvent holds it: its data as named <Data> elements. */
const RCM_PROVIDER = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager';

const eventRecord = (e: NonNullable<ServerState['rdpEvents']>[number]) => ({
  id: e.id,
  time: e.time,
  data: Object.entries(e.data).map(([name, value]) => ({ name, value })),
});

/** An enabled outbound block rule of this computer's own (PersistentStore) firewall policy. */
export const outboundBlockRule = (name: string, fields: Record<string, unknown>) => ({
  name,
  displayName: name,
  group: '',
  direction: 'Outbound',
  action: 'Block',
  enabled: 'True',
  profile: 'Any',
  protocol: 'TCP',
  store: 'PersistentStore',
  ...fields,
});

/** RDPClient/Operational data: Name/Value/CustomLevel (the ClientActiveXCore manifest). */
function clientEventData(e: ClientState['rdpClientLog']['events'][number]) {
  // 1017's message is "Client does not have a license to connect to the server (Error=
  // ErrorCode)": one ErrorCode field. Its values are not documented; RDP Doctor reads only that
  // the event is there, in the attempt's activity.
  if (e.id === 1017) return [{ name: 'ErrorCode', value: String(e.reason ?? 0) }];
  const [name, value] =
    e.id === 1024 ? ['Server Name', e.server ?? ''] : e.id === 1026 ? ['Disconnect Reason', String(e.reason ?? 0)] : ['Session', ''];
  return [
    { name: 'Name', value: name },
    { name: 'Value', value },
    { name: 'CustomLevel', value: 'Info' },
  ];
}

function clientSide(c: ClientState, registry: Registry, files: Record<string, unknown>): FakeMachine {
  // MSV1_0 exists on every Windows, with the NTLM SSP minimums Windows 7 / Server 2008 R2 and later
  // default to: "Require 128-bit encryption", 536870912 (Policy CSP LocalPoliciesSecurityOptions,
  // NetworkSecurity_MinimumSessionSecurityForNTLMSSPBasedClients/-Servers, Default Value).
  const msv = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0`;
  registry[msv] = { NtlmMinClientSec: dword(536870912), NtlmMinServerSec: dword(536870912), ...registry[msv] };
  if (c.ntlmServerExceptions)
    registry[msv] = { ...registry[msv], ClientAllowedNTLMServers: { type: 'MultiString', value: [...c.ntlmServerExceptions] } };
  for (const [key, values] of Object.entries(c.registry)) setDwords(registry, key.replace(/^HKLM\\/i, `${HKLM}\\`), values, true);
  for (const [version, v] of Object.entries(c.schannelClient)) {
    setDwords(registry, `${SCHANNEL}\\${version}\\Client`, { Enabled: v.enabled, DisabledByDefault: v.disabledByDefault }, true);
  }
  if (c.msLicensing) {
    const base = `${HKLM}\\SOFTWARE\\Microsoft\\MSLicensing`;
    registry[base] = {};
    if (c.msLicensing.hardwareId) registry[`${base}\\HardwareID`] = { ClientHWID: str('0x02000ef8') };
    if (c.msLicensing.store) {
      registry[`${base}\\Store`] = {};
      for (const license of c.msLicensing.store) registry[`${base}\\Store\\${license}`] = {};
    }
  }
  if (c.mru.length) {
    registry['HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Default'] = Object.fromEntries(
      c.mru.map((m, i) => [`MRU${i}`, str(m)]),
    );
  }
  // Remote Desktop Connection keeps Default.rdp hidden; the fake holds the attribute (test/fake-windows/Items.ps1).
  if (c.defaultRdp)
    files[`Users/${userOf(c)}/Documents/Default.rdp`] = { text: c.defaultRdp.content, ...(c.defaultRdp.hidden ? { hidden: true } : {}) };
  const v = c.windowsVersion;
  registry[`${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`] = {
    CurrentBuildNumber: str(String(v.build)),
    UBR: dword(v.ubr),
    ProductName: str(v.productName),
    ...(v.displayVersion ? { DisplayVersion: str(v.displayVersion) } : {}),
  };
  if (c.mstscInstalled) {
    files['Windows/System32/mstsc.exe'] = {
      text: 'MZ',
      version: { fileVersion: `10.0.${v.build}.${v.ubr}`, description: 'Remote Desktop Connection' },
    };
  }
  for (const [name, server] of Object.entries(c.rdpServers)) {
    registry[`HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Servers\\${name}`] = {
      ...(server.certHash ? { CertHash: binary(server.certHash) } : {}),
      ...(server.usernameHint ? { UsernameHint: str(server.usernameHint) } : {}),
    };
  }
  for (const [name, size] of Object.entries(c.bitmapCache ?? {})) {
    files[`Users/${userOf(c)}/AppData/Local/Microsoft/Terminal Server Client/Cache/${name}`] = { size };
  }
  const rules = c.outbound.blockRules.map((rule) =>
    outboundBlockRule(rule.name, {
      displayName: rule.displayName,
      remotePort: rule.remotePort ? rule.remotePort.split(/,\s*/) : ['Any'],
      ...(rule.program ? { program: rule.program } : {}),
    }),
  );
  // productState: the second byte's high nibble is 1 while the product is on (Security Center).
  const product = (p: ClientState['outbound']['securityProducts'][number]) => ({
    displayName: p.name,
    productState: p.enabled === false ? 393472 : 397568,
  });
  return {
    credentials: c.credentials.map((target) => ({ target, type: 'Domain Password', user: 'user' })),
    adapters: c.adapters.map((a, i) => ({ ...a, ifIndex: i + 2 })),
    domain: c.domain,
    clientFirewallRules: rules,
    defaultBlockProfiles: c.outbound.defaultBlockProfiles,
    securityCenter: {
      antivirus: c.outbound.securityProducts.filter((p) => p.kind === 'antivirus').map(product),
      firewall: c.outbound.securityProducts.filter((p) => p.kind === 'firewall').map(product),
    },
    clientHotfixes: c.hotfixes,
    appxPackages: c.windowsAppVersion ? [{ name: 'MicrosoftCorporationII.Windows365', version: c.windowsAppVersion }] : [],
    rdpClientLog: {
      enabled: c.rdpClientLog.enabled,
      records: c.rdpClientLog.events.map((e) => ({ id: e.id, time: e.time, activityId: e.activityId, data: clientEventData(e) })),
    },
  };
}

/**
 * One computer of a scenario: its server side and its client side (the scenario's top level and
 * its `client`), at the scenario's clock. `targetPort` stands in for the port the scan connects to.
 */
export function fakeMachineOf(state: MachineState, options: { name: string; targetPort: number; administrator?: boolean }): FakeMachine {
  const registry: Registry = {
    [`${HKLM}\\SOFTWARE\\Policies\\Microsoft`]: {},
    [`${HKLM}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System`]: { EnableLUA: dword(1) },
    [SCHANNEL]: {},
  };
  const files: Record<string, unknown> = {};
  // The events the scenario wrote, and those its state implies Windows logged (the listener
  // model's: 36870 for a key it cannot use, 1057/1058, 36871, 1006), oldest first.
  const events = [...(state.rdpEvents ?? []), ...listenerAnswers(state, { targetPort: options.targetPort }).events].sort((a, b) =>
    a.time.localeCompare(b.time),
  );
  const server = serverSide(state, options.targetPort, registry, files, events);
  const client = clientSide(state.client, registry, files);
  const blockAllInbound: string[] = state.firewall.blockAllInbound ?? [];
  const profiles = ['Domain', 'Private', 'Public'].map((name) => ({
    name,
    enabled: 'True',
    defaultOutboundAction: (client.defaultBlockProfiles as string[]).includes(name) ? 'Block' : 'NotConfigured',
    ...(blockAllInbound.includes(name) ? { allowInboundRules: 'False' } : {}),
  }));
  const security = server.securityLog as number | null;
  const nowMs = Date.parse(state.now);
  return {
    now: state.now,
    timeZone: { utcOffsetMinutes: state.utcOffsetMinutes ?? 0 },
    user: {
      name: userOf(state.client),
      sid: 'S-1-5-21-1004336348-1177238915-682003330-1001',
      administrator: options.administrator ?? true,
    },
    computerSystem: { name: options.name, partOfDomain: client.domain !== null, domain: client.domain ?? 'WORKGROUP' },
    // Win32_OperatingSystem.Version is major.minor.build; the scenario's version has a revision.
    operatingSystem: {
      version: state.osVersion.split('.').slice(0, 3).join('.'),
      buildNumber: state.osVersion.split('.')[2] ?? '',
      caption: state.client.windowsVersion.productName,
    },
    registry,
    services: server.services,
    processes: server.processes,
    tcpListeners: server.tcpListeners,
    connectionProfiles: server.connectionProfiles,
    firewall: { profiles, rules: [...(server.serverFirewallRules as unknown[]), ...(client.clientFirewallRules as unknown[])] },
    certificates: server.certificates,
    tsGeneralSetting: server.tsGeneralSetting,
    adapters: client.adapters,
    securityCenter: client.securityCenter,
    credentials: client.credentials,
    appxPackages: client.appxPackages,
    files,
    // Get-HotFix lists the machine's updates: the server side's and the client side's are one list.
    hotfixes: [...(server.serverHotfixes as ServerState['hotfixes']), ...(client.clientHotfixes as ClientState['hotfixes'])]
      .filter((h, i, all) => all.findIndex((o) => o.id === h.id) === i)
      .map((h) => ({ hotFixId: h.id, description: h.description, installedOn: wmiDate(h.installedOn) })),
    events: {
      'Microsoft-Windows-TerminalServices-RDPClient/Operational': client.rdpClientLog,
      [`${RCM_PROVIDER}/Admin`]: { enabled: true, records: [] },
      System: {
        enabled: true,
        records: [...(server.rcmEvents as unknown[]), ...(server.schannelEvents as unknown[]), ...certificateEvents(state, 'System')],
      },
      Application: { enabled: true, records: certificateEvents(state, 'Application') },
      // A null count means the Security log could not be read: the log is not there to read.
      ...(security === null
        ? {}
        : {
            Security: {
              enabled: true,
              records: Array.from({ length: security }, (_, i) => ({
                id: 4625,
                time: new Date(nowMs - ((i + 1) * 3_000_000) / (security + 1)).toISOString(),
                data: [],
              })),
            },
          }),
    },
  };
}
