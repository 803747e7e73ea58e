import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Machine states for test/fake-windows (FakeWindows.psm1): what a Windows computer holds, as
 * data. The real scripts compute their facts from these under real PowerShell.
 */
export type MachineState = Record<string, unknown> & {
  registry: Record<string, Record<string, RegValue>>;
};
import { dword, str, binary, type RegValue } from '../../electron/main/simulated/fake-machine';
export { dword, str, binary, type RegValue };

export const HKLM = 'HKEY_LOCAL_MACHINE';
export const TERMINAL_SERVER = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server`;
export const RDP_TCP = `${TERMINAL_SERVER}\\WinStations\\RDP-Tcp`;
export const SCHANNEL = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols`;
export const CREDSSP = `${HKLM}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters`;
const MSLICENSING = `${HKLM}\\SOFTWARE\\Microsoft\\MSLicensing`;
/** HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid, which names the Remote Desktop key file. */
export const MACHINE_GUID = '5d8d1f3c-2b7a-4f0e-9b1a-6f1d2c3e4a5b';
export const RDP_KEY_FILE = `ProgramData/Microsoft/Crypto/RSA/MachineKeys/f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}`;
export const RDP_GROUP = '@FirewallAPI.dll,-28752';

const FULL = 0x1f01ff;
const READ = 0x120089;
const ace = (sid: string, rights: number, type: 'Allow' | 'Deny' = 'Allow') => ({ sid, type, rights, inherited: false });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
/** Midnight UTC, offset days from today: certificate dates, the same all day long. */
const midnight = (offset: number) => new Date(Math.floor(Date.now() / 86_400_000 + offset) * 86_400_000).toISOString();
/** Win32_QuickFixEngineering.InstalledOn as WMI gives it: M/d/yyyy, or blank. */
const wmiDate = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};

const service = (status: string, startType: string, account: string, processId?: number, dependsOn?: string[]) => ({
  status,
  startType,
  account,
  ...(processId ? { processId } : {}),
  ...(dependsOn ? { dependsOn } : {}),
});

/** Windows Firewall's three profiles, on, outbound traffic allowed (Windows' defaults). */
const defaultProfiles = () =>
  ['Domain', 'Private', 'Public'].map(
    (name) => ({ name, enabled: 'True', defaultOutboundAction: 'NotConfigured' }) as Record<string, unknown>,
  );

const rdpRule = (name: string, displayName: string, protocol: string, enabled: boolean) => ({
  name,
  displayName,
  group: RDP_GROUP,
  direction: 'Inbound',
  action: 'Allow',
  enabled: enabled ? 'True' : 'False',
  profile: 'Any',
  protocol,
  localPort: [name.endsWith('WSS') ? '443' : '3389'],
  store: 'PersistentStore',
});

/** A Windows Server 2022 that accepts Remote Desktop: what a healthy server holds. */
export function healthyServer(): MachineState {
  return {
    user: { name: 'admin', sid: 'S-1-5-21-3623811015-3361044348-30300820-500', administrator: true },
    computerSystem: { name: 'SRV01', partOfDomain: true, domain: 'contoso.com' },
    operatingSystem: { version: '10.0.20348', buildNumber: '20348', caption: 'Microsoft Windows Server 2022 Standard' },
    registry: {
      [TERMINAL_SERVER]: { fDenyTSConnections: dword(0) },
      [RDP_TCP]: {
        PortNumber: dword(3389),
        fEnableWinStation: dword(1),
        SecurityLayer: dword(2),
        UserAuthentication: dword(1),
        MinEncryptionLevel: dword(2),
      },
      [`${HKLM}\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters`]: {
        ServiceDll: { type: 'ExpandString', value: '%SystemRoot%\\System32\\termsrv.dll' },
      },
      [`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy`]: { Enabled: dword(0) },
      [SCHANNEL]: {},
      [`${SCHANNEL}\\SSL 2.0\\Client`]: { DisabledByDefault: dword(1) },
      [`${HKLM}\\SOFTWARE\\Policies\\Microsoft`]: {},
      [`${HKLM}\\SOFTWARE\\Microsoft\\Cryptography`]: { MachineGuid: str(MACHINE_GUID) },
    },
    services: {
      TermService: service('Running', 'Manual', 'NT Authority\\NetworkService', 1204),
      UmRdpService: service('Running', 'Manual', 'localSystem', 1204, ['TermService']),
      SessionEnv: service('Running', 'Manual', 'localSystem', 1100),
      CertPropSvc: service('Running', 'Manual', 'localSystem', 1100),
      KeyIso: service('Running', 'Manual', 'LocalSystem', 700),
      CryptSvc: service('Running', 'Automatic', 'NT Authority\\NetworkService', 1500),
    },
    processes: [
      { id: 1204, name: 'svchost' },
      { id: 1100, name: 'svchost' },
    ],
    tcpListeners: [
      { localAddress: '0.0.0.0', localPort: 3389, owningProcess: 1204 },
      { localAddress: '::', localPort: 3389, owningProcess: 1204 },
    ],
    firewall: {
      profiles: defaultProfiles(),
      rules: [
        rdpRule('RemoteDesktop-UserMode-In-TCP', 'Remote Desktop - User Mode (TCP-In)', 'TCP', true),
        rdpRule('RemoteDesktop-UserMode-In-UDP', 'Remote Desktop - User Mode (UDP-In)', 'UDP', true),
        rdpRule('RemoteDesktop-In-TCP-WSS', 'Remote Desktop - (TCP-WSS-In)', 'TCP', false),
      ],
    },
    connectionProfiles: [{ name: 'contoso.com', interfaceAlias: 'Ethernet', networkCategory: 'DomainAuthenticated' }],
    certificates: {
      'LocalMachine\\Remote Desktop': [
        { id: 'rdp', subject: 'CN=SRV01.contoso.com', notBefore: midnight(-30), notAfter: midnight(150), exportable: false },
      ],
      'LocalMachine\\My': [],
    },
    tsGeneralSetting: { SSLCertificateSHA1Hash: '@rdp', SSLCertificateSHA1HashType: 1 },
    files: {
      [RDP_KEY_FILE]: {
        text: 'RSA key container',
        acl: { owner: 'S-1-5-18', aces: [ace('S-1-5-18', FULL), ace('S-1-5-32-544', FULL), ace('S-1-5-20', READ)] },
      },
      'Windows/System32/tspkg.dll': {
        text: 'MZ',
        version: { fileVersion: '10.0.20348.2340', description: 'Web Service Security Package' },
      },
      'Windows/System32/termsrv.dll': { text: 'MZ', version: { fileVersion: '10.0.20348.2340', description: 'Remote Desktop Services' } },
    },
    hotfixes: [
      { hotFixId: 'KB5034770', description: 'Security Update', installedOn: wmiDate(-20) },
      { hotFixId: 'KB5012170', description: 'Security Update', installedOn: wmiDate(-90) },
    ],
    events: {
      Security: { enabled: true, records: [{ id: 4625, time: day(-0.01), data: [] }] },
      'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin': { enabled: true, records: [] },
      System: { enabled: true, records: [] },
    },
  };
}

/** A Windows 11 laptop whose user (an administrator under UAC) runs RDP Doctor. */
export function healthyClient(): MachineState {
  return {
    user: { name: 'alice', sid: 'S-1-5-21-1004336348-1177238915-682003330-1001', administrator: true },
    computerSystem: { name: 'LAPTOP-7', partOfDomain: false, domain: 'WORKGROUP' },
    operatingSystem: { version: '10.0.22631', buildNumber: '22631', caption: 'Microsoft Windows 11 Pro' },
    registry: {
      [`${HKLM}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System`]: { EnableLUA: dword(1) },
      [`${HKLM}\\SOFTWARE\\Policies\\Microsoft`]: {},
      [SCHANNEL]: {},
      [`${SCHANNEL}\\SSL 2.0\\Client`]: { DisabledByDefault: dword(1) },
      [MSLICENSING]: {},
      [`${MSLICENSING}\\HardwareID`]: { ClientHWID: { type: 'String', value: '0x02000ef8' } },
      [`${MSLICENSING}\\Store`]: {},
      [`${MSLICENSING}\\Store\\LICENSE000`]: { ClientLicense: str('license') },
      ['HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Default']: {
        MRU0: str('srv01.contoso.com'),
        MRU1: str('10.0.0.5'),
      },
      // Windows 11 24H2 (CurrentBuildNumber is REG_SZ, UBR a DWORD).
      [`${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`]: {
        CurrentBuildNumber: str('26100'),
        UBR: dword(2605),
        ProductName: str('Windows 10 Pro'),
        DisplayVersion: str('24H2'),
      },
    },
    services: {},
    processes: [{ id: 4000, name: 'explorer' }],
    adapters: [
      {
        name: 'Wi-Fi',
        description: 'Intel(R) Wi-Fi 6 AX201 160MHz',
        status: 'Up',
        mediaType: 'Native 802.11',
        hardware: true,
        ifIndex: 12,
        ipv4: ['192.168.1.23'],
        gateway: '192.168.1.1',
      },
      {
        name: 'Ethernet',
        description: 'Realtek PCIe GbE Family Controller',
        status: 'Disconnected',
        mediaType: '802.3',
        hardware: true,
        ifIndex: 7,
        ipv4: [],
      },
    ],
    firewall: {
      profiles: defaultProfiles(),
      rules: [
        {
          name: 'CoreNet-DHCP-Out',
          displayName: 'Core Networking - DHCP (DHCP-Out)',
          group: '@FirewallAPI.dll,-25000',
          direction: 'Outbound',
          action: 'Allow',
          enabled: 'True',
          profile: 'Any',
          protocol: 'UDP',
          remotePort: ['67'],
          store: 'PersistentStore',
        },
      ],
    },
    connectionProfiles: [{ name: 'HomeNet', interfaceAlias: 'Wi-Fi', networkCategory: 'Private' }],
    securityCenter: {
      antivirus: [{ displayName: 'Microsoft Defender Antivirus', productState: 397568 }],
      firewall: [],
    },
    credentials: [
      { target: 'LegacyGeneric:target=TERMSRV/other-host', type: 'Generic', user: 'alice' },
      { target: 'MicrosoftAccount:user=alice@example.com', type: 'Generic', user: 'alice@example.com' },
    ],
    files: {
      'Users/alice/Documents/Default.rdp': { text: 'screen mode id:i:2\r\nfull address:s:srv01.contoso.com\r\n' },
      'Users/alice/AppData/Local/Microsoft/Terminal Server Client/Cache/bcache24.bmc': { text: 'cache' },
      'Windows/System32/mstsc.exe': { text: 'MZ', version: { fileVersion: '10.0.26100.2605', description: 'Remote Desktop Connection' } },
    },
    // Windows 11 has the Appx module; this user has no Windows App.
    appxPackages: [],
    hotfixes: [
      { hotFixId: 'KB5036893', description: 'Security Update', installedOn: wmiDate(-3) },
      { hotFixId: 'KB5011048', description: 'Update', installedOn: '' },
      { hotFixId: 'KB5034441', description: 'Security Update', installedOn: wmiDate(-40) },
    ],
    events: {
      'Microsoft-Windows-TerminalServices-RDPClient/Operational': {
        enabled: true,
        records: [
          {
            id: 1024,
            time: day(-1),
            activityId: '780cf827-0ed1-4f4b-924c-3b14e7660000',
            data: [
              { name: 'Name', value: 'Server Name' },
              { name: 'Value', value: 'srv01.contoso.com' },
              { name: 'CustomLevel', value: 'Info' },
            ],
          },
          {
            id: 1026,
            time: day(-0.99),
            activityId: '780cf827-0ed1-4f4b-924c-3b14e7660000',
            data: [
              { name: 'Name', value: 'Disconnect Reason' },
              { name: 'Value', value: '1' },
              { name: 'CustomLevel', value: 'Info' },
            ],
          },
        ],
      },
    },
  };
}

/** Writes a state where FakeWindows can load it; each machine gets its own C: folder. */
export async function writeMachine(state: MachineState, name: string, dir?: string): Promise<{ machine: string; root: string }> {
  const base = dir ?? (await mkdtemp(join(tmpdir(), 'rdpd-machine-')));
  const root = join(base, `${name}-C`);
  await mkdir(root, { recursive: true });
  const machine = join(base, `${name}.json`);
  await writeFile(machine, JSON.stringify(state));
  return { machine, root };
}
