import type { Evidence, Finding } from '../../results';
import { NEGOTIATION_FAILURES, type AddressProbe, type Confirm } from '../../probe-facts';
import { learnMore } from '../../catalog/learn-more';
import { describeConfirm, hs, NOT_RDP_PLAIN } from './describe';

/** What the server answered to the X.224 Connection Request (MS-RDPBCGR 2.2.1.2). */

export function firstReplyFinding(c: Confirm, ev: Evidence[], port: number): Finding | null {
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

export function negotiationFindings(a: AddressProbe, ev: Evidence[]): Finding[] {
  const out: Finding[] = [];
  const failures = new Set(a.negotiation.flatMap((n) => (n.confirm.kind === 'failure' ? [n.confirm.code] : [])));
  const all = [...ev, ...a.negotiation.map((n) => hs(`Asked for ${n.requestedName}`, describeConfirm(n.confirm)))];
  if (failures.has(3)) {
    out.push({
      id: 'certificate-unusable',
      title: 'The server has no usable certificate',
      plain:
        'The server itself says it has no certificate it can use to encrypt Remote Desktop. This is the classic cause of error 0x904 / 0x7: the Remote Desktop certificate is missing, or Remote Desktop cannot read its private key. On a Windows server, making Windows create a new certificate fixes it (for a certificate from your organisation, fix the permissions on its private key); on another system, such as xrdp on Linux, check that its Remote Desktop service may read the certificate and key files it is set to use.',
      technical:
        'RDP_NEG_FAILURE code 3, SSL_CERT_NOT_ON_SERVER (MS-RDPBCGR 2.2.1.2.2). Server: Win32_TSGeneralSetting SSLCertificateSHA1Hash, Cert:\\LocalMachine\\Remote Desktop, NETWORK SERVICE Read on the MachineKeys file; events 1057 / 1058, Schannel 36870.',
      learnMore: learnMore.listenerCertificate,
      likelihood: 'certain',
      score: 100,
      evidence: all,
      // Which fix acts depends on where the listener's certificate comes from (Windows' own, a
      // policy's, a CA's, or not Windows at all): the server's checks decide it, not the wire.
      fixIds: [],
    });
  }
  // Requiring NLA is normal, and mstsc always offers it: a finding only when the server's sign-in
  // stage did not answer (no NTLM CHALLENGE came back), not when it answered as it should.
  const signInAnswered = [a.nla, ...a.negotiation.map((n) => n.nla)].some((n) => n?.outcome === 'challenge');
  // A TLS handshake that itself failed is that finding's story; the sign-in stage never began.
  const tlsFailed = a.tls !== null && a.tls.outcome !== 'ok';
  if (a.accepted.HYBRID === 'yes' && (failures.has(5) || a.accepted.SSL === 'no') && !signInAnswered && !tlsFailed) {
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
      plain: `${NEGOTIATION_FAILURES[6]!.plain} Clients that do not offer it are refused; use a current Remote Desktop app with Network Level Authentication on.`,
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
      plain: `${NEGOTIATION_FAILURES[4]!.plain} Its security settings may contradict each other.`,
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
