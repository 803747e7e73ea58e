import type { FixId } from '../catalog/fixes';
import type { Evidence, Finding } from '../results';
import {
  PROTOCOL,
  NEGOTIATION_FAILURES,
  type AddressProbe,
  type CertificateFacts,
  type Confirm,
  type NotRdpKind,
  type ProbeReport,
  type TlsHandshake,
} from '../probe-facts';
import { learnMore } from '../catalog/learn-more';

/**
 * Pure rules: a probe report in, findings out, ranked by how well each explains 0x904/0x7
 * ("TCP connected, then the server closed the socket during security setup"). Plain English for
 * home users; the evidence carries the exact protocol facts for helpdesk staff.
 */

/**
 * A finding from the probe alone: its evidence names only the three network checks, and its fixes
 * are the two a handshake can point at.
 */
type ProbeCheckId = 'dns' | 'tcp-port' | 'rdp-handshake';
type ProbeEvidence = Omit<Evidence, 'checkId'> & { checkId: ProbeCheckId };
type ProbeFixId = Extract<FixId, 'regenerate-rdp-certificate' | 'enable-firewall-rdp'>;
export interface ProbeFinding extends Omit<Finding, 'evidence' | 'fixIds'> {
  evidence: ProbeEvidence[];
  fixIds: ProbeFixId[];
}

const CERT_EXPIRY_WARNING_DAYS = 30;
const MIN_RSA_BITS = 2048;

const REGENERATE: ProbeFixId[] = ['regenerate-rdp-certificate'];

function hs(label: string, value: string): ProbeEvidence {
  return { checkId: 'rdp-handshake', label, value };
}

export function describeConfirm(c: Confirm): string {
  switch (c.kind) {
    case 'selected':
      return `selected ${c.protocolName}`;
    case 'failure':
      return `RDP_NEG_FAILURE ${c.code} ${c.codeName}`;
    case 'legacy':
      return 'legacy Connection Confirm (no negotiation)';
    case 'not-rdp':
      return `not RDP (${c.looksLike}): ${c.sample}`;
    case 'rejected':
      return c.how === 'x224-disconnect' ? 'X.224 Disconnect Request' : 'MCS Disconnect Provider Ultimatum';
    case 'malformed':
      return `malformed reply: ${c.reason}`;
    case 'closed':
      return `connection closed after ${c.afterBytes} bytes`;
    case 'reset':
      return `connection reset after ${c.afterBytes} bytes`;
    case 'silent':
      return c.afterBytes ? `stalled after ${c.afterBytes} bytes (${c.waitedMs} ms)` : `no answer within ${c.waitedMs} ms`;
    case 'connect-failed':
      return `connection failed: ${c.state}${c.error ? ` (${c.error})` : ''}`;
    case 'cancelled':
      return 'cancelled';
  }
}

export function describeTls(t: TlsHandshake): string {
  return t.outcome === 'ok' ? `${t.version ?? '?'} ${t.cipher ?? ''}`.trim() : `${t.outcome}${t.error ? ` (${t.error})` : ''}`;
}

const NOT_RDP_PLAIN: Record<NotRdpKind, string> = {
  http: 'a web server (a router or NAS admin page, a Remote Desktop Gateway web page, or a proxy)',
  ssh: 'an SSH server',
  tls: 'a TLS service that is not Remote Desktop (for example a VPN, an RD Gateway or a web server on HTTPS)',
  text: 'another program that greets with text',
  binary: 'another program',
};

/** The negotiation attempt for the request mstsc sends (SSL|HYBRID), else the first one. */
function mainAttempt(a: AddressProbe) {
  return a.negotiation.find((n) => n.requested === (PROTOCOL.SSL | PROTOCOL.HYBRID)) ?? a.negotiation[0];
}

function certificateFindings(cert: CertificateFacts, host: string, ev: ProbeEvidence[]): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const certEv = [
    ...ev,
    hs('Certificate', `${cert.subject}; valid ${cert.validFrom.slice(0, 10)} to ${cert.validTo.slice(0, 10)}; SHA-1 ${cert.sha1}`),
  ];
  if (cert.expired) {
    out.push({
      id: 'certificate-expired',
      title: "The server's Remote Desktop certificate has expired",
      plain: `The certificate the server uses to encrypt Remote Desktop expired on ${cert.validTo.slice(0, 10)}. Windows renews its own certificate by itself, so an expired one means that renewal fails (often because Remote Desktop cannot read the certificate's secret key) or a certificate installed by hand or by a company policy is out of date. Making Windows create a new one usually fixes it.`,
      technical: `TLS certificate NotAfter ${cert.validTo} (subject ${cert.subject}, SHA-1 ${cert.sha1}). Self-signed: remove it from Cert:\\LocalMachine\\Remote Desktop and restart TermService; if renewal keeps failing, check NETWORK SERVICE's Read on its MachineKeys file (events 1057 / 1058).`,
      learnMore: learnMore.listenerCertificate,
      likelihood: 'likely',
      score: 85,
      evidence: certEv,
      fixIds: REGENERATE,
    });
  } else if (cert.notYetValid) {
    out.push({
      id: 'certificate-not-yet-valid',
      title: "The server's certificate is not valid yet",
      plain: `The certificate only becomes valid on ${cert.validFrom.slice(0, 10)}. Usually the clock on the server or on this computer is wrong; correct the date and time (and time zone) first. A new certificate made once the clock is right also fixes it.`,
      technical: `TLS certificate NotBefore ${cert.validFrom} is in the future for this computer's clock. Compare w32tm /query /status on both sides.`,
      likelihood: 'likely',
      score: 70,
      evidence: certEv,
      fixIds: REGENERATE,
    });
  } else if (cert.daysLeft <= CERT_EXPIRY_WARNING_DAYS) {
    out.push({
      id: 'certificate-expiring-soon',
      title: `The server's certificate expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'}`,
      plain: `It works today, but the certificate expires on ${cert.validTo.slice(0, 10)}. One Windows made itself should renew itself; a certificate from your organisation needs renewing by whoever issued it.`,
      technical: `TLS certificate NotAfter ${cert.validTo} (${cert.daysLeft} days), issuer ${cert.issuer}, self-signed: ${cert.selfSigned}.`,
      learnMore: learnMore.listenerCertificate,
      likelihood: 'possible',
      score: 30,
      evidence: certEv,
      fixIds: [],
    });
  }
  const weakKey = cert.keyType?.startsWith('rsa') && cert.keyBits !== null && cert.keyBits < MIN_RSA_BITS;
  const weakSig = cert.signatureAlgorithm !== null && /sha1|md5/i.test(cert.signatureAlgorithm);
  if (weakKey || weakSig) {
    out.push({
      id: 'certificate-weak',
      title: 'The certificate uses weak cryptography',
      plain:
        "The certificate uses encryption that is too weak by today's standards. Current Windows and security policies can refuse it during the handshake. A new certificate avoids that.",
      technical: `The certificate uses ${weakKey ? `a ${cert.keyBits}-bit RSA key` : ''}${weakKey && weakSig ? ' and ' : ''}${weakSig ? `a ${cert.signatureAlgorithm} signature` : ''}; use 2048-bit RSA (or ECDSA) with SHA-256.`,
      likelihood: 'possible',
      score: 40,
      evidence: [
        ...certEv,
        hs('Key and signature', `${cert.keyType ?? '?'} ${cert.keyBits ?? '?'} bits, ${cert.signatureAlgorithm ?? '?'}`),
      ],
      fixIds: REGENERATE,
    });
  }
  if (!cert.nameMatches) {
    out.push({
      id: 'certificate-name-mismatch',
      title: 'The certificate is for a different name',
      plain: `The certificate names "${cert.commonName ?? cert.subject}", not "${host}". Remote Desktop shows a warning about this and lets you continue; it does not cause error 0x904 by itself.`,
      technical: `Subject ${cert.subject}; SANs ${cert.subjectAltNames.join(', ') || 'none'}. mstsc checks the name you typed against CN and SAN (DNS names).`,
      likelihood: 'possible',
      score: 10,
      evidence: [...certEv, hs('Names in the certificate', [cert.commonName, ...cert.subjectAltNames].filter(Boolean).join(', '))],
      fixIds: [],
    });
  }
  return out;
}

function tlsVersionFindings(a: AddressProbe, ev: ProbeEvidence[]): ProbeFinding[] {
  const v = Object.fromEntries(a.tlsVersions.map((t) => [t.version, t.accepted]));
  const sweep = hs('TLS versions', a.tlsVersions.map((t) => `${t.version} ${t.accepted}`).join(', '));
  const modern = v['TLSv1.2'] === 'yes' || v['TLSv1.3'] === 'yes';
  const old = v['TLSv1.1'] === 'yes' || v['TLSv1'] === 'yes';
  if (!modern && old && v['TLSv1.2'] === 'no') {
    return [
      {
        id: 'old-tls-only',
        title: 'The server only speaks old TLS (1.0 / 1.1)',
        plain:
          'The server encrypts Remote Desktop with TLS 1.0 or 1.1 only. Current Windows versions and many security policies turn those off, and then the connection is closed during setup: error 0x904 / 0x7. On Windows 7 or Server 2008 R2, install update KB3080079 (TLS 1.1 and 1.2 for Remote Desktop) and switch TLS 1.2 on; on newer servers check that TLS 1.2 was not switched off.',
        technical:
          'TLS sweep: 1.2 and 1.3 refused, 1.0 or 1.1 accepted. HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server (Enabled / DisabledByDefault); KB3080079 for RDP on 2008 R2 / Windows 7.',
        learnMore: learnMore.tlsRegistry,
        likelihood: 'likely',
        score: 80,
        evidence: [...ev, sweep],
        fixIds: [],
      },
    ];
  }
  if (v['TLSv1.3'] === 'yes' && v['TLSv1.2'] === 'no' && !old) {
    return [
      {
        id: 'tls13-only',
        title: 'The server only speaks TLS 1.3',
        plain:
          'The server refuses TLS 1.2. Windows 10, Windows Server 2019 and older computers do not use TLS 1.3 for Remote Desktop, so they are cut off during setup. Switch TLS 1.2 on for the server, or connect from a current Windows 11.',
        technical: 'TLS sweep: only TLS 1.3 accepted. Enable SCHANNEL\\Protocols\\TLS 1.2\\Server (Enabled = 1, DisabledByDefault = 0).',
        learnMore: learnMore.tlsRegistry,
        likelihood: 'possible',
        score: 55,
        evidence: [...ev, sweep],
        fixIds: [],
      },
    ];
  }
  return [];
}

function tlsFailureFinding(t: TlsHandshake, a: AddressProbe, ev: ProbeEvidence[]): ProbeFinding | null {
  const tlsEv = [...ev, hs('TLS handshake', describeTls(t))];
  switch (t.outcome) {
    case 'ok':
    case 'cancelled':
    case 'unsupported-locally':
      return null;
    case 'reset':
    case 'closed':
      return {
        id: 'tls-reset',
        title: 'The server hangs up when encryption starts',
        plain:
          "The server agreed to encrypt the connection and then closed it as soon as the encryption began. That is exactly error 0x904 / 0x7, and the usual reason is the server's Remote Desktop certificate: it is missing, or Remote Desktop cannot read its secret key. Making Windows create a new certificate usually fixes it; if TLS is turned off on the server, turn TLS 1.2 back on instead.",
        technical:
          'SSL or HYBRID selected, then TCP RST / FIN on the ClientHello. Server side: events 1057 / 1058 (certificate creation or key access), Schannel 36870 (NETWORK SERVICE cannot read the MachineKeys file), 36871 (TLS version disabled).',
        learnMore: learnMore.internalError,
        likelihood: 'likely',
        score: 92,
        evidence: tlsEv,
        fixIds: REGENERATE,
      };
    case 'alert': {
      const noVersion = a.tlsVersions.length > 0 && a.tlsVersions.every((v) => v.accepted !== 'yes');
      return {
        id: 'tls-refused',
        title: noVersion ? 'The server accepts no TLS version' : 'The server refuses the TLS handshake',
        plain: noVersion
          ? 'The server said yes to encryption but then refused TLS 1.0, 1.1, 1.2 and 1.3 alike. TLS is probably switched off on the server, or its certificate cannot be used. Switch TLS 1.2 back on for the server.'
          : "The server broke off the TLS handshake with an error. Its certificate or secret key may be unusable, or its encryption settings allow nothing this computer offers. Check the server's certificate first.",
        technical: noVersion
          ? `TLS alert on every version of the sweep (${describeTls(t)}). HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols; System log Schannel 36871.`
          : `TLS alert: ${describeTls(t)}. Certificate or private key unusable (Schannel 36870), or no common cipher suite (36874 / 36888).`,
        learnMore: noVersion ? learnMore.tlsRegistry : learnMore.internalError,
        likelihood: 'likely',
        score: 85,
        evidence: tlsEv,
        fixIds: noVersion ? [] : REGENERATE,
      };
    }
    case 'not-tls':
    case 'error':
      return {
        id: 'tls-broken',
        title: 'The encrypted part of the handshake is broken',
        plain:
          'The server agreed to use TLS but what came back is not a valid TLS handshake. A proxy, load balancer or security device between you and the server may be interfering, or the program on this port is not a real Remote Desktop server.',
        technical: `TLS after the X.224 Connection Confirm failed: ${describeTls(t)}.`,
        likelihood: 'likely',
        score: 70,
        evidence: tlsEv,
        fixIds: [],
      };
    case 'timeout':
      return {
        id: 'tls-stalled',
        title: 'The encrypted handshake never finishes',
        plain:
          'The server agreed to use TLS and then stopped answering. A VPN or firewall that drops large packets, an inspecting proxy, or an overloaded server can do this.',
        technical:
          'No ServerHello before the timeout after the ClientHello: path MTU (try a lower MTU on the VPN adapter), TLS inspection, or a hung TermService.',
        likelihood: 'likely',
        score: 70,
        evidence: tlsEv,
        fixIds: [],
      };
  }
}

function firstReplyFinding(c: Confirm, ev: ProbeEvidence[], port: number): ProbeFinding | null {
  switch (c.kind) {
    case 'not-rdp':
      return {
        id: 'not-rdp',
        title: 'Something other than Remote Desktop answers on this port',
        plain: `Port ${port} is answered by ${NOT_RDP_PLAIN[c.looksLike]}, not by Remote Desktop. Check the port number (Remote Desktop uses 3389 unless it was changed). If you connect through a router's port forwarding, it forwards this port to the wrong computer or program.`,
        technical: `The reply to the X.224 Connection Request is not TPKT (first bytes: ${c.sample}; looks like ${c.looksLike}).`,
        learnMore: learnMore.listeningPort,
        likelihood: 'certain',
        score: 95,
        evidence: ev,
        fixIds: [],
      };
    case 'malformed':
      return {
        id: 'broken-rdp-reply',
        title: 'The server sends a broken Remote Desktop reply',
        plain:
          'Something answered like Remote Desktop but the reply does not follow the protocol. A proxy, load balancer or security device in the middle, or a non-Microsoft Remote Desktop server with a bug, is the likely cause.',
        technical: `Malformed X.224 Connection Confirm: ${c.reason} (MS-RDPBCGR 2.2.1.2).`,
        likelihood: 'likely',
        score: 70,
        evidence: ev,
        fixIds: [],
      };
    case 'closed':
    case 'reset':
      return {
        id: 'closed-before-negotiation',
        title: 'The server hangs up before the security setup starts',
        plain:
          'The port accepts the connection, then the server closes it without answering the Remote Desktop greeting: error 0x904 in its plainest form. Remote Desktop on the server may be broken or overloaded (too many connection attempts, for example from password-guessing bots), or security software or an address restriction on the server cuts it off.',
        technical: `TCP ${c.kind === 'reset' ? 'RST' : 'FIN'} after ${c.afterBytes} bytes, before an X.224 Connection Confirm. Server side: MaxOutstandingConnections and Security 4625 floods, RemoteConnectionManager event 1006, IP restrictions.`,
        learnMore: learnMore.bruteForce,
        likelihood: 'likely',
        score: 85,
        evidence: ev,
        fixIds: [],
      };
    case 'rejected':
      return {
        id: 'refused-without-reason',
        title: 'The server refuses the connection without a reason',
        plain:
          "The server answered in Remote Desktop's own protocol and then hung up without saying why. Connection limits, an address restriction, or a server that is not accepting new sessions can do this.",
        technical: `${describeConfirm(c)} in reply to the Connection Request.`,
        likelihood: 'likely',
        score: 75,
        evidence: ev,
        fixIds: [],
      };
    case 'silent':
      return {
        id: 'no-answer-after-connect',
        title: 'The port accepts connections but nothing answers',
        plain:
          'The connection opens, but nothing answers the Remote Desktop greeting. A proxy or firewall that inspects traffic, a VPN that drops packets, or a hung Remote Desktop service on the server can do this.',
        technical: `No X.224 Connection Confirm: ${describeConfirm(c)}.`,
        likelihood: 'likely',
        score: 75,
        evidence: ev,
        fixIds: [],
      };
    default:
      return null;
  }
}

function negotiationFindings(a: AddressProbe, ev: ProbeEvidence[]): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const failures = new Set(a.negotiation.flatMap((n) => (n.confirm.kind === 'failure' ? [n.confirm.code] : [])));
  const all = [...ev, ...a.negotiation.map((n) => hs(`Asked for ${n.requestedName}`, describeConfirm(n.confirm)))];
  if (failures.has(3)) {
    out.push({
      id: 'certificate-unusable',
      title: 'The server has no usable certificate',
      plain:
        'The server itself says it has no certificate it can use to encrypt Remote Desktop. This is the classic cause of error 0x904 / 0x7: the Remote Desktop certificate is missing, or Remote Desktop cannot read its secret key. Making Windows create a new certificate fixes it; for a certificate from your organisation, fix the permissions on its secret key.',
      technical:
        'RDP_NEG_FAILURE code 3, SSL_CERT_NOT_ON_SERVER (MS-RDPBCGR 2.2.1.2.2). Server: Win32_TSGeneralSetting SSLCertificateSHA1Hash, Cert:\\LocalMachine\\Remote Desktop, NETWORK SERVICE Read on the MachineKeys file; events 1057 / 1058, Schannel 36870.',
      learnMore: learnMore.listenerCertificate,
      likelihood: 'certain',
      score: 100,
      evidence: all,
      fixIds: REGENERATE,
    });
  }
  if (a.accepted.HYBRID === 'yes' && (failures.has(5) || a.accepted.SSL === 'no')) {
    out.push({
      id: 'nla-required',
      title: 'The server requires sign-in before the session (Network Level Authentication)',
      plain:
        'The server only accepts connections that sign in first (Network Level Authentication). That is normal, but it fails when one side is missing the CredSSP security updates from May 2018 or later, when a policy on this computer restricts that sign-in, or when your account cannot sign in before the session. Update both computers rather than weakening the policy.',
      technical:
        'HYBRID (CredSSP) accepted, SSL refused or RDP_NEG_FAILURE 5 HYBRID_REQUIRED_BY_SERVER. Client policy: AllowEncryptionOracle under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters; server UserAuthentication = 1.',
      learnMore: learnMore.credSsp,
      likelihood: 'possible',
      score: 45,
      evidence: all,
      fixIds: [],
    });
  }
  if (failures.has(6)) {
    out.push({
      id: 'user-auth-required',
      title: 'The server requires TLS with user authentication',
      plain: `${NEGOTIATION_FAILURES[6]?.plain ?? ''} Clients that do not offer it are refused; use a current Remote Desktop app with Network Level Authentication on.`,
      technical: 'RDP_NEG_FAILURE 6, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER (MS-RDPBCGR 2.2.1.2.2).',
      likelihood: 'possible',
      score: 45,
      evidence: all,
      fixIds: [],
    });
  }
  if (failures.has(4)) {
    out.push({
      id: 'inconsistent-flags',
      title: 'The server rejects the requested security settings',
      plain: `${NEGOTIATION_FAILURES[4]?.plain ?? ''} Its security settings may contradict each other.`,
      technical:
        'RDP_NEG_FAILURE 4, INCONSISTENT_FLAGS. Check SecurityLayer and UserAuthentication under ...\\WinStations\\RDP-Tcp and the Terminal Services policy key.',
      likelihood: 'possible',
      score: 40,
      evidence: all,
      fixIds: [],
    });
  }
  const unknown = [...failures].filter((c) => !NEGOTIATION_FAILURES[c]);
  if (unknown.length > 0) {
    out.push({
      id: 'unknown-negotiation-failure',
      title: 'The server refuses with an unknown reason code',
      plain: `The server refused the security negotiation with code ${unknown.join(', ')}, which the Remote Desktop specification does not define: a non-Microsoft server or a device in the middle.`,
      technical: `RDP_NEG_FAILURE with failureCode ${unknown.join(', ')}: not one of 1..6 in MS-RDPBCGR 2.2.1.2.2.`,
      likelihood: 'possible',
      score: 50,
      evidence: all,
      fixIds: [],
    });
  }
  if (((a.accepted.RDP === 'yes' && a.accepted.SSL === 'no' && a.accepted.HYBRID === 'no') || failures.has(2)) && !failures.has(3)) {
    const legacy = a.negotiation.some((n) => n.confirm.kind === 'legacy');
    out.push({
      id: 'rdp-security-only',
      title: 'The server only offers the old RDP security layer (no TLS)',
      plain: `The server ${legacy ? 'is very old or ignores security negotiation, and ' : ''}refuses TLS and offers only the old "RDP security layer". Windows does this when its security is set to RDP (on the server or by a company policy), and some servers fall back to it when their certificate is unusable. Clients that require TLS, or FIPS mode on either side, then fail. Set the security back to "Negotiate" or "TLS" and check the certificate.`,
      technical: `PROTOCOL_RDP only${legacy ? ' (legacy Connection Confirm without RDP_NEG_RSP)' : ''}, or RDP_NEG_FAILURE 2 SSL_NOT_ALLOWED_BY_SERVER. SecurityLayer = 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp or the Terminal Services policy key.`,
      likelihood: 'likely',
      score: 60,
      evidence: all,
      fixIds: [],
    });
  }
  return out;
}

function addressFindings(report: ProbeReport, a: AddressProbe, many: boolean): ProbeFinding[] {
  const at = many ? ` (${a.address})` : '';
  const main = mainAttempt(a);
  if (!main) return [];
  const ev = [hs(`First reply${at}`, describeConfirm(main.confirm))];
  const first = firstReplyFinding(main.confirm, ev, report.target.port);
  if (first) return [first];
  const out = negotiationFindings(a, ev);
  if (a.tls) {
    const failed = tlsFailureFinding(a.tls, a, ev);
    if (failed) out.push(failed);
    if (a.tls.outcome === 'ok') {
      out.push(...tlsVersionFindings(a, ev));
      if (a.tls.certificate) out.push(...certificateFindings(a.tls.certificate, report.target.host, ev));
    }
  }
  const works = a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes';
  if (!works && !out.some((f) => f.score >= 40) && main.confirm.kind !== 'cancelled') {
    out.push({
      id: 'handshake-refused',
      title: 'The server refuses every security option offered',
      plain:
        'Remote Desktop answers but refuses every way of securing the connection that was offered (standard RDP security, TLS and Network Level Authentication). Its security, encryption level or FIPS settings may not match any current Remote Desktop app; check them on the server or in the company policy.',
      technical:
        'Every RDP_NEG_REQ refused. Check SecurityLayer, UserAuthentication and MinEncryptionLevel under ...\\WinStations\\RDP-Tcp and HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services, and FIPSAlgorithmPolicy.',
      likelihood: 'likely',
      score: 70,
      evidence: [...ev, ...a.negotiation.map((n) => hs(`Asked for ${n.requestedName}`, describeConfirm(n.confirm)))],
      fixIds: [],
    });
  }
  return out;
}

function networkFindings(report: ProbeReport): ProbeFinding[] {
  const { dns, tcp } = report;
  const port = report.target.port;
  if (dns.addresses.length === 0) {
    return [
      {
        id: 'name-does-not-resolve',
        title: 'The computer name cannot be found',
        plain:
          'Your computer cannot turn the name into an address. Check the spelling, try the IP address, or connect the VPN the server is behind.',
        technical: `DNS lookup of ${dns.host}: ${dns.error ?? 'no A or AAAA record'}. Try Resolve-DnsName ${dns.host}.`,
        likelihood: dns.error === 'timeout' || dns.error === 'cancelled' ? 'possible' : 'certain',
        score: 100,
        evidence: [{ checkId: 'dns', label: 'Name lookup', value: `${dns.host}: ${dns.error ?? 'no address'}` }],
        fixIds: [],
      },
    ];
  }
  const tcpEv = (filter: (s: string) => boolean): ProbeEvidence[] =>
    tcp.attempts
      .filter((t) => filter(t.state))
      .map((t) => ({
        checkId: 'tcp-port',
        label: `Port ${port} on ${t.address}`,
        value: `${t.state} (${Math.round(t.ms)} ms)${t.error ? `: ${t.error}` : ''}`,
      }));
  const states = new Set(tcp.attempts.map((t) => t.state));
  if (states.has('open')) {
    if (states.has('filtered') || states.has('unreachable')) {
      return [
        {
          id: 'some-addresses-blocked',
          title: "Some of the server's addresses do not answer",
          plain: `The name has several addresses and port ${port} answers on only some of them. Remote Desktop may try a dead one first and fail or be slow; often the IPv6 address is blocked by a firewall while IPv4 works.`,
          technical: `TCP ${port}: ${tcp.attempts.map((t) => `${t.address} ${t.state}`).join(', ')}. Test-NetConnection -ComputerName <address> -Port ${port} per address.`,
          likelihood: 'possible',
          score: 25,
          evidence: tcpEv(() => true),
          fixIds: [],
        },
      ];
    }
    return [];
  }
  if (states.has('filtered')) {
    return [
      {
        id: 'port-filtered',
        title: 'Something silently blocks the Remote Desktop port',
        plain: `The connection to port ${port} gets no answer at all: it is dropped on the way. A firewall does this: Windows Firewall on the server (its "Remote Desktop" rules are off for the network it is on), a router, your internet provider, a VPN that is not connected, or security software. Check the server's firewall first.`,
        technical: `TCP SYN to ${port} unanswered on every address (filtered). Server: Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752' against the active profile; also NSG, router port forwarding, VPN.`,
        learnMore: learnMore.firewallBlocksInbound,
        likelihood: 'likely',
        score: 75,
        evidence: tcpEv((s) => s === 'filtered'),
        fixIds: ['enable-firewall-rdp'],
      },
    ];
  }
  if (states.has('refused')) {
    return [
      {
        id: 'port-closed',
        title: 'Nothing listens on the Remote Desktop port',
        plain: `The computer answered, but nothing listens on port ${port}: Remote Desktop is turned off, its service is stopped, or it listens on a different port.`,
        technical: `TCP RST on port ${port}. Server: fDenyTSConnections, TermService status, PortNumber under ...\\WinStations\\RDP-Tcp.`,
        learnMore: learnMore.generalTroubleshooting,
        likelihood: 'certain',
        score: 90,
        evidence: tcpEv((s) => s === 'refused'),
        fixIds: [],
      },
    ];
  }
  if (tcp.attempts.some((t) => t.error === 'ECONNRESET')) {
    return [
      {
        id: 'closed-before-negotiation',
        title: 'The server hangs up as soon as you connect',
        plain:
          'Something on the port accepts the connection and immediately resets it, before any Remote Desktop greeting. An address restriction or security software on the server, or Remote Desktop overwhelmed by connection attempts, does this.',
        technical:
          'ECONNRESET right after the TCP handshake. Server: MaxOutstandingConnections, Security 4625 floods, IP restrictions of security software.',
        learnMore: learnMore.bruteForce,
        likelihood: 'likely',
        score: 85,
        evidence: tcpEv((s) => s !== 'open'),
        fixIds: [],
      },
    ];
  }
  if (states.has('unreachable')) {
    return [
      {
        id: 'host-unreachable',
        title: 'There is no route to the server',
        plain:
          'Your computer has no network path to that address. Connect the VPN the server is behind, or check that you are on the right network.',
        technical: 'EHOSTUNREACH / ENETUNREACH: no route (Get-NetRoute, the VPN adapter state).',
        likelihood: 'likely',
        score: 80,
        evidence: tcpEv((s) => s === 'unreachable'),
        fixIds: [],
      },
    ];
  }
  const errors = tcpEv((s) => s === 'error');
  return errors.length && !report.interrupted
    ? [
        {
          id: 'connection-error',
          title: 'The connection to the port fails',
          plain:
            'Connecting to the port failed with an unusual network error. Check the network connection and any VPN or security software on this computer.',
          technical: `Socket errors: ${errors.map((e) => e.value).join('; ')}.`,
          likelihood: 'possible',
          score: 50,
          evidence: errors,
          fixIds: [],
        },
      ]
    : [];
}

function merge(findings: ProbeFinding[]): ProbeFinding[] {
  const byId = new Map<string, ProbeFinding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen) byId.set(f.id, { ...f, evidence: [...f.evidence] });
    else {
      for (const e of f.evidence) if (!seen.evidence.some((x) => x.label === e.label && x.value === e.value)) seen.evidence.push(e);
      seen.score = Math.max(seen.score, f.score);
    }
  }
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

/** Findings with a score at or above this are problems; below it they are notes. */
const PROBLEM_SCORE = 20;

export function probeFindings(report: ProbeReport): ProbeFinding[] {
  const many = report.addresses.length > 1;
  const found = [...networkFindings(report), ...report.addresses.flatMap((a) => addressFindings(report, a, many))];
  if (report.interrupted) {
    found.push({
      id: 'probe-incomplete',
      title: report.interrupted === 'cancelled' ? 'The check was cancelled' : 'The check ran out of time',
      plain: 'Not every step finished, so this picture is incomplete. Run it again, with a longer time limit if the network is slow.',
      technical: `Probe interrupted: ${report.interrupted}.`,
      likelihood: 'possible',
      score: 20,
      evidence: [hs('Stopped', report.interrupted)],
      fixIds: [],
    });
  }
  const works = report.addresses.find((a) => a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes');
  if (works && !found.some((f) => f.score >= 40)) {
    const t = works.tls;
    found.push({
      id: 'handshake-works',
      title: 'Remote Desktop answers and completes the security handshake',
      plain: `The server answered as Remote Desktop and completed the security setup${t?.outcome === 'ok' ? ` (${t.version}${t.certificate ? `, certificate valid until ${t.certificate.validTo.slice(0, 10)}` : ''})` : ''}. The network and the server's certificate are not the cause; look at this computer next (saved passwords, the license cache, the CredSSP security updates).`,
      technical: t
        ? `TLS ${describeTls(t)}${t.certificate ? `; certificate ${t.certificate.subject}, SHA-1 ${t.certificate.sha1}` : ''}.`
        : 'PROTOCOL_RDP accepted (standard RDP security).',
      likelihood: 'possible',
      score: 5,
      evidence: [hs('Handshake', t ? describeTls(t) : 'RDP security')],
      fixIds: [],
    });
  }
  return merge(found);
}

/** How bad a target is, worst last (the CLI's exit codes follow this order: electron/cli/exit-codes.ts). */
export const PROBE_SEVERITIES = ['ok', 'warning', 'refused', 'not-rdp', 'unreachable', 'unresolved', 'incomplete'] as const;
export type ProbeSeverity = (typeof PROBE_SEVERITIES)[number];

function addressSeverity(a: AddressProbe): ProbeSeverity {
  const main = mainAttempt(a);
  if (main?.confirm.kind === 'not-rdp') return 'not-rdp';
  if (main?.confirm.kind === 'cancelled') return 'incomplete';
  const works = a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes';
  return works ? 'ok' : 'refused';
}

export interface ProbeVerdict {
  severity: ProbeSeverity;
  /** One line: the top finding, or that the handshake works. */
  headline: string;
}

export function probeVerdict(report: ProbeReport, findings: readonly ProbeFinding[] = probeFindings(report)): ProbeVerdict {
  let severity: ProbeSeverity;
  const states = report.tcp.attempts.map((t) => t.state);
  if (report.dns.addresses.length === 0) severity = report.interrupted ? 'incomplete' : 'unresolved';
  else if (!states.includes('open')) severity = report.interrupted ? 'incomplete' : 'unreachable';
  else {
    const worst = Math.max(...report.addresses.map((a) => PROBE_SEVERITIES.indexOf(addressSeverity(a))));
    severity = PROBE_SEVERITIES[worst] ?? 'incomplete';
    if (severity === 'ok' && findings.some((f) => f.score >= PROBLEM_SCORE)) severity = 'warning';
  }
  const top = findings[0];
  const headline = severity === 'ok' || !top ? 'Remote Desktop answers and completes the security handshake' : top.title;
  return { severity, headline };
}
