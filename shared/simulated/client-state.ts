import type { Adapter } from '../checks/client-network/catalog';
import type { OutboundFacts } from '../checks/client-outbound-security/catalog';
import type { RdpClientEvent } from '../checks/client-rdp-log/catalog';

/** Registry keys the client scripts read and the fixes change (HKLM, 64-bit view). */
export const CREDSSP_KEY = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters';
export const RDP_CLIENT_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
/**
 * The keys hardened sign-in settings live in (shared/checks/client-authentication and
 * server-authentication cite the values). One computer has one registry: a server's own values
 * go into its state's `client.registry` too.
 */
export const LSA_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa';
export const MSV1_0_KEY = `${LSA_KEY}\\MSV1_0`;
export const CREDENTIALS_DELEGATION_KEY = 'HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

/** This computer's side of a simulated scenario: what client scripts read and fixes change. */
export interface ClientState {
  /** %USERPROFILE%\Documents (known folder) and %LOCALAPPDATA% of the user. */
  documentsDir: string;
  localAppDataDir: string;
  /**
   * Credential Manager targets as cmdkey lists them ("Domain:target=TERMSRV/srv01"). The saved
   * password never leaves Credential Manager, so the simulation does not model it either.
   */
  credentials: string[];
  /** Documents\Default.rdp: null when absent. */
  defaultRdp: { content: string; hidden: boolean; lastWrite: string } | null;
  /** Terminal Server Client\Cache: file name -> size in bytes; null when the folder is absent. */
  bitmapCache: Record<string, number> | null;
  /** HKLM\SOFTWARE\Microsoft\MSLicensing: null when absent. */
  msLicensing: { hardwareId: boolean; store: string[] | null } | null;
  /**
   * MSV1_0 ClientAllowedNTLMServers (REG_MULTI_SZ), the "Restrict NTLM: Add remote server
   * exceptions for NTLM authentication" list; absent: no value.
   */
  ntlmServerExceptions?: string[];
  /** Policy keys that exist, with their DWORD values (a key absent here does not exist). */
  registry: Record<string, Record<string, number>>;
  /** SCHANNEL\Protocols\<version>\Client keys that exist (absent: the OS default). */
  schannelClient: Partial<
    Record<'TLS 1.0' | 'TLS 1.1' | 'TLS 1.2' | 'TLS 1.3', { enabled: number | null; disabledByDefault: number | null }>
  >;
  adapters: Adapter[];
  domain: string | null;
  /** Get-HotFix: id, description, install day. */
  hotfixes: Array<{ id: string; description: string; installedOn: string | null }>;
  /** Windows Firewall outbound: profiles blocking by default, enabled block rules; Security Center products. */
  outbound: OutboundFacts;
  /** HKCU\Software\Microsoft\Terminal Server Client\Default MRU0..MRU9, newest first. */
  mru: string[];
  /**
   * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion. ProductName still says "Windows 10" on
   * Windows 11 (Microsoft never changed the value); the build number tells them apart.
   */
  windowsVersion: { build: number; ubr: number; productName: string; displayVersion: string | null };
  /** %SystemRoot%\System32\mstsc.exe present ("mstsc /uninstall" removes it on Windows 11 23H2+). */
  mstscInstalled: boolean;
  /** Windows App (package MicrosoftCorporationII.Windows365) for this user: its version, or null. */
  windowsAppVersion: string | null;
  /** HKCU\Software\Microsoft\Terminal Server Client\Servers\<name>: CertHash (hex) and UsernameHint. */
  rdpServers: Record<string, { certHash: string | null; usernameHint: string | null }>;
  /** Microsoft-Windows-TerminalServices-RDPClient/Operational */
  rdpClientLog: { enabled: boolean; events: RdpClientEvent[] };
}
