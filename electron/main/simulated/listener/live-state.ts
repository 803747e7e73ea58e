import type { MachineState } from '../../../../shared/simulated/machine-state';
import type { FakeMachine } from '../fake-machine';
import type { RdpServiceName } from '../../../../shared/checks/server-services/catalog';
import type { ServerState, SimListenSocket } from '../../../../shared/simulated/server-state';

/**
 * The server's machine state as it is now, read back from its fake Windows (a snapshot, after
 * whatever fixes changed): the inverse of fake-machine.ts's server side, for what the listener
 * model reads. What fixes never change (the OS version, updates, the security log) comes from
 * the state the computer was loaded with. The listener makes its certificate from the subject
 * and dates (as for the loaded state), so an unchanged certificate looks the same before and
 * after a fix; its thumbprint is not the fake's.
 */

type Raw = Record<string, unknown>;
const HKLM = 'HKEY_LOCAL_MACHINE';
const TERMINAL_SERVER = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server`;
const TS_POLICY = `${HKLM}\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services`;
const SCHANNEL = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols`;
const MACHINE_KEYS = 'ProgramData/Microsoft/Crypto/RSA/MachineKeys/';

type Certificate = ServerState['certificates']['remoteDesktop'][number];

function dword(registry: Record<string, Record<string, { value: unknown }>>, key: string, name: string): number | null {
  const hit = Object.entries(registry).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  const value = hit ? Object.entries(hit).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]?.value : undefined;
  return typeof value === 'number' ? value : null;
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : v && typeof v === 'object' ? [v as T] : []);

export function machineStateOf(base: MachineState, fake: FakeMachine, targetPort: number): MachineState {
  const s = structuredClone(base);
  const registry = (fake.registry ?? {}) as Record<string, Record<string, { value: unknown }>>;
  const rdpTcp = `${TERMINAL_SERVER}\\WinStations\\RDP-Tcp`;
  const port = dword(registry, rdpTcp, 'PortNumber');
  s.registry = {
    ...s.registry,
    fDenyTSConnections: dword(registry, TERMINAL_SERVER, 'fDenyTSConnections'),
    maxOutstandingConnections: dword(registry, TERMINAL_SERVER, 'MaxOutstandingConnections'),
    policyDenyTSConnections: dword(registry, TS_POLICY, 'fDenyTSConnections'),
    rdpTcp: {
      portNumber: port === targetPort ? 'target' : port,
      fEnableWinStation: dword(registry, rdpTcp, 'fEnableWinStation'),
      securityLayer: dword(registry, rdpTcp, 'SecurityLayer'),
      userAuthentication: dword(registry, rdpTcp, 'UserAuthentication'),
      minEncryptionLevel: dword(registry, rdpTcp, 'MinEncryptionLevel'),
      fAllowSecProtocolNegotiation: dword(registry, rdpTcp, 'fAllowSecProtocolNegotiation'),
    },
    policy: {
      securityLayer: dword(registry, TS_POLICY, 'SecurityLayer'),
      userAuthentication: dword(registry, TS_POLICY, 'UserAuthentication'),
      minEncryptionLevel: dword(registry, TS_POLICY, 'MinEncryptionLevel'),
      fAllowSecProtocolNegotiation: dword(registry, TS_POLICY, 'fAllowSecProtocolNegotiation'),
    },
    fipsEnabled: dword(registry, `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy`, 'Enabled'),
    schannel: Object.fromEntries(
      (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).flatMap((v) => {
        const key = `${SCHANNEL}\\${v}\\Server`;
        if (!Object.keys(registry).some((k) => k.toLowerCase() === key.toLowerCase())) return [];
        return [[v, { enabled: dword(registry, key, 'Enabled'), disabledByDefault: dword(registry, key, 'DisabledByDefault') }]];
      }),
    ),
  };

  const services = (fake.services ?? {}) as Record<string, { status: string; startType: string; account: string; processId?: number }>;
  for (const name of Object.keys(s.services) as RdpServiceName[]) {
    const now = services[name];
    s.services[name] = now
      ? { exists: true, status: now.status as never, startType: now.startType as never, account: now.account, pid: now.processId ?? null }
      : { ...s.services[name], exists: false, status: 'Stopped', pid: null };
  }

  // Certificates: the fake's entries keep the scenario's thumbprint as `id` and get real ones.
  const known = new Map([...base.certificates.remoteDesktop, ...base.certificates.my].map((c) => [c.thumbprint, c]));
  const stores = (fake.certificates ?? {}) as Record<string, unknown>;
  const certs = (store: string): Certificate[] =>
    list<Raw>(stores[store]).map((e) => {
      const was = known.get(String(e.id ?? ''));
      return {
        ...(was ?? {}),
        thumbprint: String(e.thumbprint ?? e.id ?? ''),
        subject: String(e.subject),
        notBefore: new Date(String(e.notBefore)).toISOString(),
        notAfter: new Date(String(e.notAfter)).toISOString(),
        hasPrivateKey: e.hasPrivateKey !== false,
      };
    });
  const setting = (fake.tsGeneralSetting ?? {}) as { SSLCertificateSHA1Hash?: string; SSLCertificateSHA1HashType?: number };
  const hash = String(setting.SSLCertificateSHA1Hash ?? '');
  s.certificates = {
    listenerThumbprint: hash ? hash.replace(/^@/, '') : null,
    hashType: setting.SSLCertificateSHA1HashType ?? null,
    remoteDesktop: certs('LocalMachine\\Remote Desktop'),
    my: certs('LocalMachine\\My'),
  };

  const files = (fake.files ?? {}) as Record<string, { acl?: { owner: string; aces: ServerState['machineKeys'][number]['aces'] } }>;
  // A key file of a certificate Windows did not make, as the fake has it now (a fix may have changed its ACL).
  for (const c of [...s.certificates.my, ...s.certificates.remoteDesktop]) {
    if (!c.keyStorage) continue;
    const folder = /Key Storage Provider/.test(c.keyStorage.provider) ? 'ProgramData/Microsoft/Crypto/Keys/' : MACHINE_KEYS;
    const file = files[`${folder}${c.keyStorage.uniqueName}`];
    c.keyStorage = file?.acl ? { ...c.keyStorage, ownerSid: file.acl.owner, aces: file.acl.aces } : c.keyStorage;
  }
  s.machineKeys = Object.entries(files)
    .filter(([path, f]) => path.startsWith(MACHINE_KEYS) && f.acl)
    .map(([path, f]) => ({ name: path.slice(MACHINE_KEYS.length), ownerSid: f.acl!.owner, aces: f.acl!.aces }));

  const categories: Record<string, 'Domain' | 'Private' | 'Public'> = {
    DomainAuthenticated: 'Domain',
    Private: 'Private',
    Public: 'Public',
  };
  const firewall = (fake.firewall ?? {}) as { rules?: unknown };
  s.firewall = {
    activeProfiles: list<{ networkCategory: string }>(fake.connectionProfiles).map((p) => categories[p.networkCategory] ?? 'Public'),
    rules: list<Raw>(firewall.rules)
      .filter((r) => r.direction === 'Inbound' && r.action === 'Allow')
      .map((r) => ({
        name: String(r.name),
        displayName: String(r.displayName),
        group: r.group === '@FirewallAPI.dll,-28752' ? 'Remote Desktop' : String(r.group ?? ''),
        enabled: r.enabled === 'True' || r.enabled === true,
        profiles: String(r.profile ?? 'Any')
          .split(/,\s*/)
          .filter(Boolean) as Array<'Any' | 'Domain' | 'Private' | 'Public'>,
        protocol: r.protocol === 'UDP' ? 'UDP' : 'TCP',
        ...(list<string>(r.localPort).includes('443') ? { webSocket: true } : {}),
      })),
  };

  const names = new Map(list<{ id: number; name: string }>(fake.processes).map((p) => [p.id, p.name]));
  const servicesIn = (pid: number) => Object.entries(services).flatMap(([n, v]) => (v.processId === pid ? [n] : []));
  s.listeners = list<{ localAddress: string; localPort: number; owningProcess: number }>(fake.tcpListeners).map((l): SimListenSocket => ({
    localAddress: l.localAddress,
    port: l.localPort === targetPort ? 'target' : l.localPort,
    pid: l.owningProcess,
    processName: names.get(l.owningProcess) ?? 'unknown',
    services: servicesIn(l.owningProcess),
  }));
  return s;
}
