import type { CheckDefOf } from '../shapes';

/** This computer, the client that shows 0x904: caches, saved credentials, policies. */
export const clientChecks = [
  {
    id: 'client-saved-credentials',
    tier: 'client',
    title: 'Saved passwords',
    plain: 'Looks for a password Windows saved for this computer name. An old one can be sent again and again without asking you.',
    technical: 'cmdkey /list: Credential Manager entries TERMSRV/<host> (Windows credentials) for the name you typed.',
    source: { kind: 'script', side: 'client', script: 'check-client-credentials', withTarget: true },
    needsAdmin: false,
    fixes: ['remove-saved-credentials'],
  },
  {
    id: 'client-connection-data',
    tier: 'client',
    title: 'Saved connection settings',
    plain:
      'Looks at the file where Remote Desktop keeps your last settings, and at its picture cache. Either can get damaged and break new connections.',
    technical:
      '%USERPROFILE%\\Documents\\Default.rdp (hidden) and the bitmap cache %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache: lines that are not name:type:value, empty cache files.',
    source: { kind: 'script', side: 'client', script: 'check-client-connection-data' },
    needsAdmin: false,
    fixes: ['clear-connection-data'],
  },
  {
    id: 'client-license-cache',
    tier: 'client',
    title: 'License cache',
    plain:
      'Checks where this computer keeps the Remote Desktop licenses servers hand it. When that store is damaged, the server can close the connection because this computer cannot keep its license.',
    technical:
      'HKLM\\SOFTWARE\\Microsoft\\MSLicensing: whether the key exists and its subkeys HardwareID and Store (the licenses in Store).',
    source: { kind: 'script', side: 'client', script: 'check-client-license-cache' },
    needsAdmin: false,
    fixes: ['reset-license-cache'],
  },
  {
    id: 'client-credssp',
    tier: 'client',
    title: 'Security update policy (CredSSP)',
    plain:
      'Reads the policy that decides whether this computer talks to servers that miss the May 2018 security update for Remote Desktop sign-in.',
    technical:
      'AllowEncryptionOracle under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters (Group Policy "Encryption Oracle Remediation": 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; absent = Mitigated).',
    source: { kind: 'script', side: 'client', script: 'check-client-credssp' },
    needsAdmin: false,
    fixes: ['credssp-allow-vulnerable'],
  },
  {
    id: 'client-udp',
    tier: 'client',
    title: 'Remote Desktop over UDP',
    plain:
      'Checks whether Remote Desktop may add a UDP channel to its connection. Some VPNs drop that part; turning it off makes Remote Desktop use TCP only.',
    technical:
      'fClientDisableUDP under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client (1 = TCP only; Group Policy "Turn Off UDP On Client"), and the adapters that are up (Get-NetAdapter).',
    source: { kind: 'script', side: 'client', script: 'check-client-udp' },
    needsAdmin: false,
    fixes: ['disable-client-udp'],
  },
  {
    id: 'client-network',
    tier: 'client',
    title: 'Network connections',
    plain:
      'Lists the network connections that are up (Wi-Fi, cable, VPN) and whether this computer belongs to a company network, so the advice fits your network.',
    technical:
      'Get-NetAdapter (Status Up, InterfaceDescription for VPN adapters), Get-NetIPConfiguration (gateway, DNS servers), Win32_ComputerSystem.PartOfDomain.',
    source: { kind: 'script', side: 'client', script: 'check-client-network' },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-updates',
    tier: 'client',
    title: 'Recent Windows updates',
    plain: 'Lists the Windows updates installed lately, to see whether the error started right after one.',
    technical: 'Get-HotFix, newest 30 by InstalledOn: HotFixID, Description, InstalledOn (Windows records the day only).',
    source: { kind: 'script', side: 'client', script: 'check-client-updates' },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-rdp-log',
    tier: 'client',
    title: "Remote Desktop's own log",
    plain: 'Reads the log Remote Desktop keeps on this computer, which records the real error code of each attempt to connect.',
    technical:
      'Microsoft-Windows-TerminalServices-RDPClient/Operational, last 30 days: events 1024 (connecting), 1025, 1026 (disconnected, with the reason code: 2308 = 0x904) and 1027, for the name you typed. The extended code (0x7) is not logged.',
    source: { kind: 'script', side: 'client', script: 'check-client-rdp-log', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-tls',
    tier: 'client',
    title: 'Encryption settings on this computer',
    plain:
      'Checks that this computer has not switched off the encryption versions Remote Desktop uses. A setting that is missing means the Windows default, which is fine.',
    technical:
      'SCHANNEL\\Protocols\\TLS 1.0 / 1.1 / 1.2 \\Client under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders: Enabled and DisabledByDefault (a missing key is the OS default).',
    source: { kind: 'script', side: 'client', script: 'check-client-tls' },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-outbound-security',
    tier: 'client',
    title: 'Outgoing firewall rules and security software',
    plain:
      'Looks for firewall rules on this computer that stop Remote Desktop going out, and lists the security software installed. Rarely the cause of 0x904, but quick to rule out.',
    technical:
      'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True with their application (mstsc.exe) and port filters (Get-NetFirewallApplicationFilter, Get-NetFirewallPortFilter); Get-NetFirewallProfile; antivirus and firewall products from root/SecurityCenter2 (client editions only).',
    source: { kind: 'script', side: 'client', script: 'check-client-outbound', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-rdp-app',
    tier: 'client',
    title: 'Remote Desktop app on this computer',
    plain:
      'Checks that the Remote Desktop Connection app is installed on this computer (it can be removed on Windows 11), whether the newer Windows App is there instead, and which Windows version this computer runs.',
    technical:
      '%SystemRoot%\\System32\\mstsc.exe (removed by "mstsc /uninstall" on Windows 11 23H2 and later); Get-AppxPackage MicrosoftCorporationII.Windows365 (Windows App); CurrentBuildNumber, UBR, ProductName and DisplayVersion under HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion.',
    source: { kind: 'script', side: 'client', script: 'check-client-rdp-app' },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'client-pinned-certificate',
    tier: 'client',
    title: 'Certificate remembered for this server',
    plain:
      'Looks for the server certificate Remote Desktop remembered on this computer when you chose not to be asked again, to compare it with the one the server shows now.',
    technical:
      'CertHash (REG_BINARY, the SHA-1 thumbprint of the accepted certificate) and UsernameHint under HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\<host> (and <host>:<port> off 3389); compared with the thumbprints the handshake saw.',
    source: { kind: 'script', side: 'client', script: 'check-client-pinned-cert', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
] as const satisfies readonly CheckDefOf<string, string>[];
