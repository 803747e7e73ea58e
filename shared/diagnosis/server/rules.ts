import { z } from 'zod';
import type { CheckId } from '../../catalog/checks';
import type { FixId } from '../../catalog/fixes';
import { ListenerFactsSchema, RdpCertificateFactsSchema, SecuritySettingsFactsSchema } from '../../catalog/server/scripts';
import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Results, type Rule } from '../rule-kit';
import { factsOf } from '../facts-of';
import { certificateProblem, effectiveSecurity, isSelfSigned, listenerProblem, securityProblem } from './evaluate';

// ---------------------------------------------------------------- the probe's word on the certificate

/**
 * The handshake probe runs as check 'rdp-handshake'. Its facts are read defensively: any RDP_NEG_FAILURE with code 3 (SSL_CERT_NOT_ON_SERVER), and any certificate
 * it saw as expired, wherever they sit in the report.
 */
const NegFailure3 = z.union([
  z.object({ kind: z.literal('failure'), code: z.literal(3) }),
  z.object({ kind: z.literal('failure'), codeName: z.literal('SSL_CERT_NOT_ON_SERVER') }),
  z.object({ failureCode: z.literal(3) }),
]);
const ExpiredCert = z.object({ expired: z.literal(true), validTo: z.string() });

function scan(value: unknown, visit: (node: object) => void, depth = 0): void {
  if (depth > 10 || value === null || typeof value !== 'object') return;
  visit(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) scan(child, visit, depth + 1);
}

const HANDSHAKE_CHECK: CheckId = 'rdp-handshake';

function handshakeCertificateEvidence(r: Results): { failure3: Evidence | null; expired: Evidence | null } {
  const result = r[HANDSHAKE_CHECK];
  // Assigned inside the callback: typed wide so the compiler does not narrow them to their start values.
  let failure3 = false as boolean;
  let expiredOn = null as string | null;
  scan(result?.facts, (node) => {
    if (NegFailure3.safeParse(node).success) failure3 = true;
    const cert = ExpiredCert.safeParse(node);
    if (cert.success) expiredOn ??= cert.data.validTo;
  });
  const ev = (value: string): Evidence => ({ checkId: HANDSHAKE_CHECK, label: 'Handshake', value });
  return {
    failure3: failure3
      ? ev('The server answered the Remote Desktop request with failure 3, SSL_CERT_NOT_ON_SERVER: it has no certificate it can use.')
      : null,
    expired: expiredOn ? ev(`The server presented a certificate that expired on ${expiredOn.slice(0, 10)}.`) : null,
  };
}

// ---------------------------------------------------------------- certificate and its key

/** The isolation test is offered only where no group policy sets the values it changes. */
export function isolationTestAllowed(r: Results): boolean {
  const f = factsOf(r['server-security-settings'], SecuritySettingsFactsSchema);
  if (!f) return false;
  const e = effectiveSecurity(f);
  return !e.securityLayer.byPolicy && !e.userAuthentication.byPolicy;
}

const certificateUnusable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const probe = handshakeCertificateEvidence(r);
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const keyUnreadable = failed(keys) || p?.problem === 'key-unreadable';
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  const probeEvidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  // The key is the cause: the certificate itself is fine (or only says it cannot read the key).
  if (!certBroken && keyUnreadable) return null;
  if (!certBroken && !probe.failure3) {
    if (!cert || cert.status !== 'warn') return null;
    return {
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate expires soon",
      plain: 'The certificate still works, but once it expires the connection will fail with 0x904/0x7.',
      technical:
        'NotAfter of the listener certificate (Win32_TSGeneralSetting SSLCertificateSHA1Hash) is within the warning window. A self-signed one renews itself if TermService can read its key; a custom or GPO one (SSLCertificateSHA1HashType 2 / 3) must be renewed where it came from.',
      learnMore: learnMore.listenerCertificate,
      likelihood: 'possible',
      score: 20,
      evidence: [evidenceOf(cert, 'Certificate'), ...probeEvidence],
      fixIds: ['regenerate-rdp-certificate'],
    };
  }
  const selfSigned = !facts || isSelfSigned(facts);
  const fixIds: FixId[] = [];
  if (failed(keys)) fixIds.push('repair-rdp-key-permissions');
  if (selfSigned) fixIds.push('regenerate-rdp-certificate');
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [...probeEvidence];
  if (cert && (cert.status === 'fail' || cert.status === 'warn')) evidence.push(evidenceOf(cert, 'Certificate'));
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file permissions'));
  return {
    id: 'certificate-unusable',
    title: "The server's Remote Desktop certificate is unusable",
    plain: [
      'Remote Desktop encrypts the connection with a certificate. When it is missing, has expired or has lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7.',
      selfSigned
        ? 'Windows makes a new self-signed one when the old one is removed.'
        : 'This certificate was installed by an administrator or a group policy, so Windows will not replace it: renew it (or point Remote Desktop at a valid one) where it came from.',
      failed(keys)
        ? 'Remote Desktop may not read its secret key either, which is often why Windows could not renew it: repair that first.'
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    technical:
      'The listener certificate (Win32_TSGeneralSetting SSLCertificateSHA1Hash, in Cert:\\LocalMachine\\Remote Desktop or \\My) is missing, past NotAfter, or has no private key; the server answers RDP_NEG_FAILURE 3 (SSL_CERT_NOT_ON_SERVER) or resets TLS. Server events 1057 / 1058, Schannel 36870. Self-signed: remove it and restart TermService and SessionEnv; Windows makes a new one.',
    learnMore: learnMore.listenerCertificate,
    likelihood: 'certain',
    score: probe.failure3 ? 100 : 98,
    evidence,
    fixIds,
  };
};

const keyUnreadable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  if (certBroken || !(failed(keys) || p?.problem === 'key-unreadable')) return null;
  const probe = handshakeCertificateEvidence(r);
  const evidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file permissions'));
  if (p?.problem === 'key-unreadable' && cert) evidence.push(evidenceOf(cert, 'Certificate'));
  return {
    id: 'rdp-key-unreadable',
    title: "Remote Desktop cannot read its certificate's private key",
    plain: failed(keys)
      ? 'The certificate is fine, but Remote Desktop is not allowed to read its secret key. The server then drops every connection during the handshake (error 0x904 / 0x7). Giving Remote Desktop back its permission to read that one file fixes it.'
      : 'The certificate is fine, but Remote Desktop may not be allowed to read its secret key. On the server, open the computer\'s certificates, choose "Manage Private Keys" on this one and give Remote Desktop\'s account read access.',
    technical: failed(keys)
      ? 'The key file f686aace6942fb7f7ceb231212eef4a4_* in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys lacks Read for NETWORK SERVICE (S-1-5-20), the account TermService runs as (server events 1057 / 1058, Schannel 36870). Fix: icacls on that one file, with SIDs (*S-1-5-20:R, *S-1-5-18:F, *S-1-5-32-544:F), after icacls /save.'
      : 'The certificate reports its private key unreadable for NETWORK SERVICE (S-1-5-20). certlm.msc > the certificate > All Tasks > Manage Private Keys > add NETWORK SERVICE with Read.',
    learnMore: learnMore.internalError,
    likelihood: 'certain',
    score: probe.failure3 ? 99 : 97,
    evidence,
    fixIds: failed(keys) ? ['repair-rdp-key-permissions'] : [],
  };
};

// ---------------------------------------------------------------- RDP enabled, services, listener, ServiceDll

const listenerWrong: Rule = (r) => {
  const l = r['server-listener'];
  if (!failed(l)) return null;
  const f = factsOf(l, ListenerFactsSchema);
  const problem = f ? listenerProblem(f).problem : 'not-listening';
  // A stopped TermService explains a silent port: that finding carries this evidence.
  if (problem === 'not-listening' && failed(r['server-services'])) return null;
  const port = f?.portNumber ?? 3389;
  const text: Record<string, { title: string; plain: string; technical: string; score: number }> = {
    'port-taken': {
      title: 'Another program holds the Remote Desktop port',
      plain:
        'The port you connect to belongs to another program, not to Remote Desktop. It accepts the connection and then hangs up, which Remote Desktop reports as 0x904 / 0x7. Stop that program or move it, or connect to the port Remote Desktop really uses.',
      technical:
        'Get-NetTCPConnection -State Listen -LocalPort <port>: OwningProcess is not the svchost that hosts TermService (Win32_Service ProcessId); see the evidence for the process name.',
      score: 91,
    },
    'listener-off': {
      title: 'The Remote Desktop listener is switched off',
      plain:
        'The part of Remote Desktop that accepts connections is switched off, so Remote Desktop refuses connections even though it is turned on. Switching it back on and restarting Remote Desktop Services fixes it.',
      technical:
        'fEnableWinStation = 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp. Set it to 1 and Restart-Service TermService -Force.',
      score: 91,
    },
    'wrong-port': {
      title: `Remote Desktop listens on port ${port}, not the one you use`,
      plain: `Someone changed the Remote Desktop port on the server to ${port}. Connect to that port (computer:${port}), or change it back and open the firewall for it.`,
      technical: `PortNumber = ${port} under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp; the "Remote Desktop" firewall rules allow 3389 only unless changed too.`,
      score: 88,
    },
    'not-listening': {
      title: 'Remote Desktop does not listen on its port',
      plain:
        "Remote Desktop is set up, but nothing of it listens on the port. Restarting Remote Desktop Services usually brings the listener back; the server's system log says why it stopped.",
      technical:
        'No Listen socket on PortNumber (Get-NetTCPConnection -State Listen -LocalPort <port>) although TermService runs. Restart-Service TermService -Force; look in the System log and TerminalServices-RemoteConnectionManager/Admin.',
      score: 86,
    },
  };
  const t = text[problem] ?? text['not-listening']!;
  return {
    id: 'rdp-listener-problem',
    ...t,
    learnMore: learnMore.listeningPort,
    likelihood: 'likely',
    evidence: [evidenceOf(l, 'Listener')],
    fixIds: [],
  };
};

// ---------------------------------------------------------------- security settings and TLS

const securityConflict: Rule = (r) => {
  const s = r['server-security-settings'];
  const f = factsOf(s, SecuritySettingsFactsSchema);
  if (!s || !f) return null;
  const { problem } = securityProblem(f);
  const e = effectiveSecurity(f);
  const policyNote = 'A company policy sets it, so RDP Doctor does not change it: ask whoever manages the policy.';
  if (problem === 'nla-without-tls') {
    const fixIds: FixId[] = e.securityLayer.byPolicy ? [] : ['require-tls-security-layer'];
    if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
    return {
      id: 'security-settings-conflict',
      title: "The server's security settings contradict each other",
      plain: `The server requires sign-in before the session starts (Network Level Authentication) but uses the old RDP security, and that sign-in only works over TLS. Clients are turned away during security setup. Setting the security to TLS fixes it and keeps the connection safe.${e.securityLayer.byPolicy ? ` ${policyNote}` : ''}`,
      technical: `SecurityLayer = 0 (RDP) with UserAuthentication = 1 (NLA) under ...\\WinStations\\RDP-Tcp${e.securityLayer.byPolicy ? ' (SecurityLayer set by policy under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services)' : ''}. Fix: SecurityLayer = 2 (TLS).`,
      learnMore: learnMore.internalError,
      likelihood: 'certain',
      score: 89,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds,
    };
  }
  if (problem === 'fips' || problem === 'no-negotiation') {
    return {
      id: problem === 'fips' ? 'fips-required' : 'security-negotiation-off',
      title: problem === 'fips' ? 'The server requires FIPS-compliant encryption' : 'The server does not negotiate the security protocol',
      plain:
        problem === 'fips'
          ? 'FIPS mode limits the server to FIPS-approved algorithms. Older clients, some third-party clients and certificates with other algorithms are refused during the handshake. If you do not need FIPS, turn the policy "System cryptography: Use FIPS compliant algorithms" off; otherwise use a current client.'
          : 'The server does not agree on security with the client: it only accepts clients that ask for exactly its kind of security, and drops the others. Switching negotiation back on (the default) fixes it.',
      technical:
        problem === 'fips'
          ? 'FIPSAlgorithmPolicy Enabled = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa, or MinEncryptionLevel = 4 (FIPS) on RDP-Tcp.'
          : 'fAllowSecProtocolNegotiation = 0 under ...\\WinStations\\RDP-Tcp (or by policy). Default 1.',
      likelihood: 'possible',
      score: 35,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  if (e.securityLayer.value === 0 || e.userAuthentication.value === 0) {
    return {
      id: 'rdp-security-weakened',
      title: 'Remote Desktop runs with weakened security',
      plain:
        'TLS or sign-in before the session (Network Level Authentication) is off on the server. Connections work, but the server is not proven to be who it says and anyone who reaches the port gets a sign-in screen. If this was a test, put the previous settings back (the summary offers it).',
      technical:
        "SecurityLayer = 0 (RDP security) or UserAuthentication = 0 (no NLA) on RDP-Tcp: what Microsoft's isolation test sets. Restore SecurityLayer 2 and UserAuthentication 1.",
      likelihood: 'possible',
      score: 10,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  return null;
};

// ---------------------------------------------------------------- pressure, CredSSP, updates

export const serverRules: Rule[] = [certificateUnusable, keyUnreadable, listenerWrong, securityConflict];
