import type { ServerRdpEvent } from '../../../../shared/checks/server-rdp-events/catalog';
import type { TlsProtocol } from '../../../../shared/catalog/script-def';
import { PROTOCOL } from '../../../../shared/probe-facts';
import type { MachineState } from '../../../../shared/simulated/machine-state';
import type { SimCertificate } from '../../../../shared/simulated/server-state';
import type { WindowsIdentity } from './ntlm-challenge';

/**
 * How a Windows RDP listener answers, derived from the server's machine state alone: what TCP
 * does, the X.224 Connection Confirm per requested protocol, whether TLS then completes (with
 * which versions and which certificate), resets or alerts, what CredSSP answers an NTLM
 * NEGOTIATE, and the events Windows logs for that state. Pure: the same state, the same answers.
 * Each rule names its source. Where Microsoft documents nothing, the comment says so and the
 * rule takes the reading that follows the protocol's own definitions.
 */

/** What TCP does with a SYN to the port the client connects to. */
export type TcpAnswer = 'refused' | 'filtered' | 'accepts';

/** The X.224 Connection Confirm a Windows listener sends for one Connection Request. */
export type X224Reply =
  /** RDP_NEG_RSP selecting this protocol (MS-RDPBCGR 2.2.1.2.1). */
  | { kind: 'selected'; protocol: number }
  /** RDP_NEG_FAILURE with this failureCode, then the server closes (2.2.1.2.2, 3.3.5.3.2). */
  | { kind: 'failure'; code: 1 | 2 | 3 | 5 }
  /** A Connection Confirm without negotiation data: the request had none (3.3.5.3.2). */
  | { kind: 'legacy' }
  /** The connection is closed without a Confirm. */
  | { kind: 'close' };

/** The certificate the listener presents: what the TLS server's certificate says. */
export interface ListenerCertificate {
  /** The common name (the computer's FQDN for Windows' own certificate). */
  commonName: string;
  notBefore: string;
  notAfter: string;
  thumbprint: string;
  /** Subject Alternative Name DNS names, when the certificate has them. */
  dnsNames?: string[];
}

/** What happens once SSL or HYBRID is selected and the client starts TLS on the socket. */
export type TlsAnswer =
  | {
      outcome: 'completes';
      /** The versions the listener accepts (node's names), newest first. */
      versions: Array<'TLSv1.3' | 'TLSv1.2' | 'TLSv1.1' | 'TLSv1'>;
      /** OpenSSL cipher list for TLS 1.2 and older; FIPS narrows it. */
      ciphers: string;
      certificate: ListenerCertificate;
    }
  /** The server resets the connection instead of a ServerHello. */
  | { outcome: 'resets'; why: string };

/** The identity in the server's NTLM CHALLENGE, at the state's clock ("now"). */
export type ServerIdentity = Omit<WindowsIdentity, 'time'> & { time: string };

/** What answers on the port when it is not Remote Desktop (another program holds it). */
export interface OtherProgram {
  processName: string;
  /** What it sends back to an X.224 request. */
  answer: 'http-400' | 'close';
}

export interface ListenerBehaviour {
  tcp: TcpAnswer;
  /** Why TCP answers so, one sentence (for tests and reports). */
  tcpReason: string;
  /** The port Remote Desktop listens on ('target' is the port the client connects to), or null when it does not listen. */
  rdpPort: number | 'target' | null;
  /** Set when TCP accepts but another program, not Remote Desktop, holds the port. */
  otherProgram: OtherProgram | null;
  /** The X.224 reply for a request offering `requested` (null: a request without RDP_NEG_REQ). */
  reply(requested: number | null): X224Reply;
  /** What TLS does after SSL or HYBRID is selected; null when nothing is ever selected. */
  tls: TlsAnswer | null;
  /** The CHALLENGE's identity when HYBRID is selected and TLS completes; null otherwise. */
  credssp: ServerIdentity | null;
  /** The events Windows logs for this state on its own, at the state's "now". */
  events: ServerRdpEvent[];
}

// ---- The effective settings ------------------------------------------------------------------

/** A group policy value wins over the RDP-Tcp one (Win32_TSGeneralSetting PolicySource* properties; DOMAIN.md 14, 20). */
function policyOr(policy: number | null, local: number | null): number | null {
  return policy ?? local;
}

/**
 * SecurityLayer 0 RDP, 1 Negotiate, 2 SSL (Win32_TSGeneralSetting.SetSecurityLayer). Absent:
 * Negotiate, "This is the default value" (unattend Microsoft-Windows-TerminalServices-RDP-
 * WinStationExtensions SecurityLayer).
 */
function securityLayer(s: MachineState): 0 | 1 | 2 {
  const v = policyOr(s.registry.policy.securityLayer, s.registry.rdpTcp.securityLayer);
  return v === 0 || v === 2 ? v : 1;
}

/**
 * UserAuthentication 1 requires Network Level Authentication. Absent: required, as Windows
 * Server 2012 and later install it ("Allow connections only from computers running Remote
 * Desktop with Network Level Authentication" is on by default).
 */
function nlaRequired(s: MachineState): boolean {
  return policyOr(s.registry.policy.userAuthentication, s.registry.rdpTcp.userAuthentication) !== 0;
}

/** fDenyTSConnections = 1 turns Remote Desktop off; the policy value wins (DOMAIN.md 14). */
function rdpDenied(s: MachineState): boolean {
  return (s.registry.policyDenyTSConnections ?? s.registry.fDenyTSConnections) === 1;
}

/** Windows' version from the state's osVersion ("10.0.20348.0"). */
function osVersionOf(s: MachineState): { major: number; minor: number; build: number } {
  const [major = 10, minor = 0, build = 0] = s.osVersion.split('.').map(Number);
  return { major, minor, build };
}

const running = (s: MachineState, name: keyof MachineState['services']) => s.services[name].exists && s.services[name].status === 'Running';

// ---- TCP -------------------------------------------------------------------------------------

/**
 * MaxOutstandingConnections: "When you have more than 50 pending connections to a Windows
 * Server 2008 terminal server ... the terminal server stops listening until the pending
 * connection count goes down" and PortQry reports 3389 "Not Listening" (KB954398); event 1006
 * "The terminal server received large number of incomplete connections. The system may be under
 * attack." (technet ee891040, EVENT_TOO_MANY_CONNECTIONS). 50 is the documented default.
 */
export const DEFAULT_MAX_OUTSTANDING_CONNECTIONS = 50;

function flooded(s: MachineState): boolean {
  const limit = s.registry.maxOutstandingConnections ?? DEFAULT_MAX_OUTSTANDING_CONNECTIONS;
  return (s.pendingConnections ?? 0) >= limit;
}

/** Where TermService's RDP-Tcp listener listens, or null when it does not. */
function rdpListenerPort(s: MachineState): number | 'target' | null {
  // Remote Desktop Services not running: nothing listens (DOMAIN.md 15, 16).
  if (!running(s, 'TermService')) return null;
  // Remote Desktop turned off, or the RDP-Tcp WinStation disabled (fEnableWinStation = 0): the
  // listener is not started (Azure "Troubleshoot ... RDP general error": "the RDP listener is
  // disabled"; fDenyTSConnections in "Enable Remote Desktop").
  if (rdpDenied(s) || s.registry.rdpTcp.fEnableWinStation === 0) return null;
  // Too many pending connections: TermService stops listening (KB954398).
  if (flooded(s)) return null;
  // RDP-Tcp PortNumber; absent, 3389.
  return s.registry.rdpTcp.portNumber ?? 3389;
}

/** Whether a port of the state is the one the client connects to ('target' always is). */
const isTarget = (port: number | 'target', targetPort: number) => port === 'target' || port === targetPort;

/**
 * Whether Windows Firewall lets a TCP SYN to the port in: an enabled inbound allow rule for TCP
 * in one of the active profiles. The fake Windows gives the Remote Desktop rules the RDP-Tcp
 * port, the WebSocket ones 443 (fake-machine.ts). Windows Firewall blocks unsolicited inbound
 * traffic by default and drops it without an answer (Azure "Guest OS firewall is blocking
 * inbound traffic": the connection times out).
 */
function firewallAllows(s: MachineState): boolean {
  return s.firewall.rules.some(
    (r) =>
      r.enabled &&
      r.protocol === 'TCP' &&
      !r.webSocket &&
      (r.profiles.includes('Any') || r.profiles.some((p) => (s.firewall.activeProfiles as string[]).includes(p))),
  );
}

/** Another program listening on the port the client connects to. */
function otherProgramOn(s: MachineState, targetPort: number): OtherProgram | null {
  const other = s.listeners.find((l) => isTarget(l.port, targetPort) && !l.services.includes('TermService'));
  if (!other) return null;
  // nginx answers a request line it cannot read with "400 Bad Request" (nginx's
  // ngx_http_parse_request_line rejects it); any other program, unknown, closes.
  return { processName: other.processName, answer: /nginx|httpd|apache|iis|w3wp/i.test(other.processName) ? 'http-400' : 'close' };
}

// ---- The certificate and its key --------------------------------------------------------------

/** Rights that let NETWORK SERVICE read the key file: FILE_READ_DATA (0x1), GENERIC_READ or GENERIC_ALL. */
const READS = 0x1 | 0x80000000 | 0x10000000;
/** Who TermService's NETWORK SERVICE is, among the SIDs an ACE can name (itself, Everyone, Authenticated Users). */
const NETWORK_SERVICE_IS = new Set(['S-1-5-20', 'S-1-1-0', 'S-1-5-11']);

type KeyState = 'ok' | 'no-private-key' | 'key-file-missing' | 'key-unreadable' | 'key-isolation-stopped';

/**
 * The certificate the listener uses: the one Win32_TSGeneralSetting.SSLCertificateSHA1Hash names
 * in either store; with none named, Windows' own self-signed one in "Remote Desktop" (the newest).
 */
function listenerCertificateOf(s: MachineState) {
  const all = [...s.certificates.remoteDesktop, ...s.certificates.my];
  if (s.certificates.listenerThumbprint) return all.find((c) => c.thumbprint === s.certificates.listenerThumbprint) ?? null;
  return [...s.certificates.remoteDesktop].sort((a, b) => b.notBefore.localeCompare(a.notBefore))[0] ?? null;
}

/**
 * Whether TermService (NETWORK SERVICE) can use the certificate's private key. Windows logs
 * Schannel 36870 "A fatal error occurred when attempting to access the TLS server credential
 * private key. The error code returned from the cryptographic module is 0x8009030D" when it
 * cannot, because of "Wrong permissions configuration on the Machinekeys folder or the RSA files"
 * or a "Corrupted or missing RSA key" (Azure "Troubleshoot Azure VM RDP connection issues by
 * Event ID", scenario 1). Private key operations go through CNG Key Isolation (KeyIso).
 */
function keyStateOf(s: MachineState, cert: NonNullable<ReturnType<typeof listenerCertificateOf>>): KeyState {
  if (!cert.hasPrivateKey) return 'no-private-key';
  const storage = (cert as SimCertificate).keyStorage;
  if (storage) {
    // A key of a certificate Windows did not make (CNG in Crypto\Keys or a CSP in MachineKeys):
    // the same rule on its own file's ACL.
    const allowed = storage.aces.some((a) => a.type === 'Allow' && NETWORK_SERVICE_IS.has(a.sid) && (a.rights & READS) !== 0);
    const denied = storage.aces.some((a) => a.type === 'Deny' && NETWORK_SERVICE_IS.has(a.sid) && (a.rights & READS) !== 0);
    if (!allowed || denied) return 'key-unreadable';
    return running(s, 'KeyIso') ? 'ok' : 'key-isolation-stopped';
  }
  const file = cert.keyFile ?? null;
  if (file && /\\Crypto\\RSA\\MachineKeys\\/i.test(file)) {
    const name = file.split('\\').at(-1)!;
    const key = s.machineKeys.find((k) => k.name.toLowerCase() === name.toLowerCase());
    // The certificate still says HasPrivateKey, but the container it names is gone (issue 20).
    if (!key) return 'key-file-missing';
    const allowed = key.aces.some((a) => a.type === 'Allow' && NETWORK_SERVICE_IS.has(a.sid) && (a.rights & READS) !== 0);
    const denied = key.aces.some((a) => a.type === 'Deny' && NETWORK_SERVICE_IS.has(a.sid) && (a.rights & READS) !== 0);
    if (!allowed || denied) return 'key-unreadable';
  } else if (cert.keyReadable === false) {
    // A CNG key (Crypto\Keys) is not modelled file by file; the state says whether it reads.
    return 'key-unreadable';
  }
  if (!running(s, 'KeyIso')) return 'key-isolation-stopped';
  return 'ok';
}

// ---- TLS versions -----------------------------------------------------------------------------

const NODE_NAME: Record<TlsProtocol, 'TLSv1.3' | 'TLSv1.2' | 'TLSv1.1' | 'TLSv1'> = {
  'TLS 1.3': 'TLSv1.3',
  'TLS 1.2': 'TLSv1.2',
  'TLS 1.1': 'TLSv1.1',
  'TLS 1.0': 'TLSv1',
};

/**
 * The TLS versions SCHANNEL offers as a server when the registry says nothing ("Protocols in
 * TLS/SSL (Schannel SSP)", learn.microsoft.com): TLS 1.0 only on Windows 7 / Server 2008 R2 (TLS
 * 1.1 and 1.2 "are not enabled by default in Windows 7", KB3140245); 1.0 to 1.2 on 2012 to 2019;
 * TLS 1.3 added from Server 2022 / Windows 11 (build 20348); TLS 1.0 and 1.1 off by default from
 * Windows 11 24H2 / Server 2025 (build 26100).
 */
function defaultVersions(v: { major: number; minor: number; build: number }): TlsProtocol[] {
  if (v.major < 6 || (v.major === 6 && v.minor < 2)) return ['TLS 1.0'];
  if (v.major === 6 || v.build < 20348) return ['TLS 1.0', 'TLS 1.1', 'TLS 1.2'];
  if (v.build < 26100) return ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'];
  return ['TLS 1.2', 'TLS 1.3'];
}

/** KB3080079 adds TLS 1.1 and 1.2 to Remote Desktop on Windows 7 SP1 / Server 2008 R2 SP1. */
const KB3080079 = 'KB3080079';

/**
 * The versions Remote Desktop's listener accepts. SCHANNEL\Protocols\<v>\Server: Enabled = 0
 * turns a version off, Enabled non-zero on; DisabledByDefault = 1 keeps it from applications
 * that do not ask for it by name, which TermService does not ("TLS registry settings",
 * learn.microsoft.com). A missing key is the OS default. Windows 7 / 2008 R2 without KB3080079:
 * RDP speaks TLS 1.0 only, whatever SCHANNEL allows ("Remote Desktop Services on Windows Server
 * 2008 R2 does not support TLS 1.1 out of the box", KB3080079).
 */
function rdpTlsVersions(s: MachineState): TlsProtocol[] {
  const v = osVersionOf(s);
  const defaults = defaultVersions(v);
  const all: TlsProtocol[] = ['TLS 1.3', 'TLS 1.2', 'TLS 1.1', 'TLS 1.0'];
  const on = all.filter((p) => {
    // TLS 1.3 exists in SCHANNEL from build 20348 on; a registry key cannot add it before.
    if (p === 'TLS 1.3' && (v.major < 10 || v.build < 20348)) return false;
    const key = s.registry.schannel[p];
    if (key?.enabled === 0 || key?.disabledByDefault === 1) return false;
    if (key?.enabled !== null && key?.enabled !== undefined) return true;
    return defaults.includes(p);
  });
  const win7 = v.major === 6 && v.minor === 1;
  if (win7 && !s.hotfixes.some((h) => h.id.toUpperCase() === KB3080079)) return on.filter((p) => p === 'TLS 1.0');
  return on;
}

/**
 * FIPS (FIPSAlgorithmPolicy Enabled = 1, or MinEncryptionLevel 4): SCHANNEL offers FIPS-approved
 * cipher suites only (AES only: GCM and CBC, the CBC SHA-1 suites TLS 1.0 and 1.1 need included; no RC4) ("System
 * cryptography: Use FIPS compliant algorithms ...", learn.microsoft.com).
 */
const FIPS_CIPHERS =
  'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:AES256-SHA256:AES128-SHA256:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA:AES256-SHA:AES128-SHA:@SECLEVEL=0';
/** Windows' default suites include the CBC SHA-1 ones old TLS needs. */
const DEFAULT_CIPHERS = 'DEFAULT:@SECLEVEL=0';

function fips(s: MachineState): boolean {
  return s.registry.fipsEnabled === 1 || policyOr(s.registry.policy.minEncryptionLevel, s.registry.rdpTcp.minEncryptionLevel) === 4;
}

// ---- CredSSP ----------------------------------------------------------------------------------

/**
 * tspkg.dll revisions with the CredSSP fix (CVE-2018-0886, March/May 2018) per Windows 10 /
 * Server 2016 build; later builds shipped with it (the same table as the server-credssp check).
 */
const CREDSSP_FIXED_REVISION: Record<number, number> = { 10240: 17797, 14393: 2125, 15063: 966, 16299: 309 };

/**
 * The TSRequest version the server answers with (MS-CSSP 2.2.1): 6 with the 2018 fix (versions
 * 5 and 6 carry it); 3 before it (MS-CSSP ties versions 2 to 4 to no build; 3 stands for the
 * unpatched ones). A build the table does not know, and Windows 8.1 / 2012 R2 and older, are
 * judged by the updates installed: any from May 2018 on carries the fix.
 */
function credsspVersionOf(s: MachineState): number {
  const v = s.tspkgVersion?.split('.').map(Number);
  if (v && v.length >= 4 && v[0]! >= 10) {
    const [, , build, revision] = v as [number, number, number, number];
    if (build > 16299) return 6;
    const fixed = CREDSSP_FIXED_REVISION[build];
    if (fixed !== undefined) return revision >= fixed ? 6 : 3;
  }
  const mayAndLater = s.hotfixes.some((h) => h.installedOn !== null && h.installedOn >= '2018-05-08');
  return mayAndLater ? 6 : 3;
}

/** The NetBIOS name: the first label, upper case, at most 15 characters (MS-NLMP MsvAvNbComputerName). */
const netbios = (name: string) => name.split('.')[0]!.toUpperCase().slice(0, 15);

function identityOf(s: MachineState, computerName: string): ServerIdentity {
  const domain = s.client.domain;
  const host = computerName.split('.')[0]!;
  const v = osVersionOf(s);
  return {
    netbiosComputer: netbios(host),
    netbiosDomain: domain ? netbios(domain) : netbios(host),
    dnsComputer: domain ? `${host.toLowerCase()}.${domain.toLowerCase()}` : host.toUpperCase(),
    dnsDomain: domain ? domain.toLowerCase() : host.toUpperCase(),
    dnsTree: domain ? domain.toLowerCase() : null,
    member: domain !== null,
    version: v,
    credsspVersion: credsspVersionOf(s),
    time: s.now,
  };
}

// ---- Events -----------------------------------------------------------------------------------

/** One second before "now": the last connection attempt the state implies. */
const justBefore = (now: string, ms: number) => new Date(Date.parse(now) - ms).toISOString();

// ---- The model --------------------------------------------------------------------------------

/** The computer's name when the state does not carry one (the simulated server's). */
export const DEFAULT_SERVER_NAME = 'SRV-APP01';

export interface ListenerOptions {
  /** The server's computer name (NetBIOS or FQDN); default SRV-APP01. */
  computerName?: string;
  /** The port the client connects to, which the state's 'target' stands for; default 3389. */
  targetPort?: number;
  /**
   * The client is the server itself, over loopback: Windows Firewall rules "have no effect on
   * loopback communication" (KB2771908), so the firewall does not apply.
   */
  fromThisComputer?: boolean;
}

export function listenerAnswers(server: MachineState, options: ListenerOptions = {}): ListenerBehaviour {
  const s = server;
  const computerName = options.computerName ?? DEFAULT_SERVER_NAME;
  const targetPort = options.targetPort ?? 3389;
  const events: ServerRdpEvent[] = [];
  const rdpPort = rdpListenerPort(s);
  // The state's own table of listening sockets says who holds the port when another program does.
  const other = otherProgramOn(s, targetPort);
  const listening = other !== null || (rdpPort !== null && isTarget(rdpPort, targetPort));
  if (flooded(s) && running(s, 'TermService')) {
    events.push({ log: 'rcm', id: 1006, time: justBefore(s.now, 60_000), data: {} });
  }

  let tcp: TcpAnswer;
  let tcpReason: string;
  if (!options.fromThisComputer && !firewallAllows(s)) {
    tcp = 'filtered';
    tcpReason = 'Windows Firewall has no enabled inbound rule for the port in an active profile: the SYN is dropped.';
  } else if (!listening) {
    // TCP answers a SYN to a port nothing listens on with RST (RFC 9293 3.10.7.1).
    tcp = 'refused';
    tcpReason =
      rdpPort === null
        ? 'Remote Desktop does not listen (service stopped, Remote Desktop off, listener disabled, or too many pending connections).'
        : `Remote Desktop listens on port ${rdpPort}, not the one connected to.`;
  } else {
    tcp = 'accepts';
    tcpReason = other ? `${other.processName} holds the port.` : 'Remote Desktop listens on the port.';
  }

  const layer = securityLayer(s);
  const nla = nlaRequired(s);
  const cert = listenerCertificateOf(s);
  const v = osVersionOf(s);
  // HYBRID_EX (Early User Authorization Result PDU) exists from Windows 8 / Server 2012 on
  // (MS-RDPBCGR 3.3.5.10.2 and its product behaviour notes); Windows 7 / 2008 R2 select HYBRID.
  const hybridEx = v.major > 6 || (v.major === 6 && v.minor >= 2);

  /**
   * MS-RDPBCGR 3.3.5.3.2: an RDP_NEG_RSP "if the server supports (and is configured to use) one
   * of the client-requested security protocols", else an RDP_NEG_FAILURE with the code 2.2.1.2.2
   * gives for the reason, after which "the server MUST close the connection"; no negotiation
   * data when the request had none. Windows picks the strongest protocol offered.
   */
  const reply = (requested: number | null): X224Reply => {
    if (requested === null) {
      // A request without RDP_NEG_REQ can only get Standard RDP Security; a server that
      // requires TLS or NLA has no code to send it (3.3.5.3.2) and closes. (The probe always
      // sends RDP_NEG_REQ; nothing observed depends on this branch.)
      return layer === 0 || (layer === 1 && !nla) ? { kind: 'legacy' } : { kind: 'close' };
    }
    const offersTls = (requested & (PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX)) !== 0;
    const offersCredSsp = (requested & (PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX)) !== 0;
    if (layer === 0) {
      // SecurityLayer 0: "The server is configured to only use Standard RDP Security mechanisms
      // ... and does not support any External Security Protocols" (failure 2). With NLA also
      // required, a request without CredSSP gets "The server requires ... CredSSP" (failure 5):
      // each answer follows 2.2.1.2.2, and no request can satisfy both (the settings conflict).
      if (offersTls) return { kind: 'failure', code: 2 };
      return nla ? { kind: 'failure', code: 5 } : { kind: 'selected', protocol: PROTOCOL.RDP };
    }
    // TLS and CredSSP need the listener's certificate: one the listener names but the store no
    // longer holds cannot initialise the provider, "SSL_CERT_NOT_ON_SERVER ... does not possess
    // a valid authentication certificate" (failure 3). Key problems show later, in TLS.
    if (offersTls && !cert) return { kind: 'failure', code: 3 };
    if (nla) {
      if (requested & PROTOCOL.HYBRID_EX && hybridEx) return { kind: 'selected', protocol: PROTOCOL.HYBRID_EX };
      if (requested & PROTOCOL.HYBRID) return { kind: 'selected', protocol: PROTOCOL.HYBRID };
      // "HYBRID_REQUIRED_BY_SERVER: The server requires ... CredSSP" (failure 5).
      return { kind: 'failure', code: 5 };
    }
    if (offersCredSsp) {
      if (requested & PROTOCOL.HYBRID_EX && hybridEx) return { kind: 'selected', protocol: PROTOCOL.HYBRID_EX };
      if (requested & PROTOCOL.HYBRID) return { kind: 'selected', protocol: PROTOCOL.HYBRID };
    }
    if (requested & PROTOCOL.SSL) return { kind: 'selected', protocol: PROTOCOL.SSL };
    // Only Standard RDP Security offered: SecurityLayer 2 answers "SSL_REQUIRED_BY_SERVER" (1);
    // Negotiate takes it ("The most secure layer that is supported by the client will be used",
    // SetSecurityLayer). RDSTLS is for redirected connections only and is not selected here.
    return layer === 2 ? { kind: 'failure', code: 1 } : { kind: 'selected', protocol: PROTOCOL.RDP };
  };

  // ---- TLS, once selected ----
  let tls: TlsAnswer | null = null;
  if (layer !== 0 && cert !== null) {
    const key = keyStateOf(s, cert);
    const versions = rdpTlsVersions(s);
    if (key !== 'ok') {
      // No usable private key: Schannel cannot build the server credential, logs 36870
      // (0x8009030D, state 10001) and the connection is dropped during the handshake (Azure
      // "... by Event ID", scenario 1). A key file gone: 1057 "failed to create a new self
      // signed certificate ... Keyset does not exist"; access denied: 1058 "The relevant status
      // code was Access is denied" (same article) — logged when Windows tries to renew or make
      // the self-signed certificate, which it does for its own certificate (hash type 1) only.
      tls = { outcome: 'resets', why: key };
      events.push({ log: 'schannel', id: 36870, time: justBefore(s.now, 1000), data: { '0': '0x8009030d', '1': '10001' } });
      if (s.certificates.hashType === 1 && (key === 'key-file-missing' || key === 'no-private-key')) {
        events.push({ log: 'rcm', id: 1057, time: justBefore(s.now, 2000), data: { '0': 'Keyset does not exist' } });
      }
      if (s.certificates.hashType === 1 && key === 'key-unreadable') {
        events.push({ log: 'rcm', id: 1058, time: justBefore(s.now, 2000), data: { '0': 'Access is denied.' } });
      }
    } else if (versions.length === 0) {
      // No TLS version left for RDP: "A fatal error occurred while creating a TLS server
      // credential. The internal error state is 10013" (36871), and the handshake fails (Azure
      // "... by Event ID", scenario 2: "When older versions of TLS ... are disabled, RDP access fails").
      tls = { outcome: 'resets', why: 'no-tls-version' };
      events.push({ log: 'schannel', id: 36871, time: justBefore(s.now, 1000), data: { '0': '10013' } });
    } else {
      tls = {
        outcome: 'completes',
        versions: versions.map((p) => NODE_NAME[p]),
        ciphers: fips(s) ? FIPS_CIPHERS : DEFAULT_CIPHERS,
        certificate: {
          commonName: /CN=([^,]+)/i.exec(cert.subject)?.[1] ?? computerName,
          notBefore: cert.notBefore,
          notAfter: cert.notAfter,
          thumbprint: cert.thumbprint,
          ...(cert.dnsNames?.length ? { dnsNames: cert.dnsNames } : {}),
        },
      };
    }
  }

  // Failed sign-ins are logged as Security 4625 by the state's own count (failedLogonsLastHour),
  // which the fake Windows already writes (fake-machine.ts); nothing more is implied here.
  return {
    tcp,
    tcpReason,
    rdpPort,
    otherProgram: other,
    reply,
    tls,
    credssp: tls?.outcome === 'completes' ? identityOf(s, computerName) : null,
    events,
  };
}
