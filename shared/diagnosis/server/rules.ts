import { z } from 'zod';
import type { CheckId } from '../../catalog/checks';
import type { FixId } from '../../catalog/fixes';
import { RdpCertificateFactsSchema } from '../../catalog/server/scripts';
import { isolationTestAllowed } from '../../checks/server-security-settings/diagnosis';
import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Results, type Rule } from '../rule-kit';
import { factsOf } from '../facts-of';
import { certificateProblem, isSelfSigned } from './evaluate';

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

// ---------------------------------------------------------------- security settings and TLS

// ---------------------------------------------------------------- pressure, CredSSP, updates

export const serverRules: Rule[] = [certificateUnusable, keyUnreadable];
