import { z } from 'zod';
import type { CheckId } from '../../catalog/checks';
import type { Evidence } from '../../results';
import type { FixId } from '../../catalog/fixes';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Results, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { DAY_MS, isoDay } from '../../days';
import { isolationTestAllowed } from '../server-security-settings/diagnosis';
import { RdpCertificateFactsSchema, type RdpCertificateFacts, type StoreCertificateFacts } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';
import { keyProblemOf } from '../server-key-permissions/key-file';
import { certificateServicesDown } from '../server-services/diagnosis';

const EXPIRY_WARNING_DAYS = 30;

/** The certificate the listener uses: the configured thumbprint in either store, else the newest self-signed one. */
function listenerCertificate(f: RdpCertificateFacts): StoreCertificateFacts | null {
  const all = [...f.store, ...(f.myStore ?? [])];
  if (f.listenerThumbprint) return all.find((c) => c.thumbprint === f.listenerThumbprint) ?? null;
  return [...f.store].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0] ?? null;
}

type CertificateProblem =
  'none' | 'missing' | 'not-in-store' | 'expired' | 'not-yet-valid' | 'no-private-key' | 'key-missing' | 'key-unreadable' | 'expiring';

/** Whether Windows makes this certificate itself (so removing it makes a new one). */
const isSelfSigned = (f: RdpCertificateFacts) => f.hashType === undefined || f.hashType === null || f.hashType === 1 || f.hashType === 0;

export function certificateProblem(f: RdpCertificateFacts): {
  problem: CertificateProblem;
  cert: StoreCertificateFacts | null;
  status: Evaluation['status'];
  summary: string;
} {
  const cert = listenerCertificate(f);
  const now = Date.parse(f.now);
  const source = f.hashType === 2 ? ' (set by group policy)' : f.hashType === 3 ? ' (installed by an administrator)' : '';
  if (!cert) {
    if (f.listenerThumbprint) {
      return {
        problem: 'not-in-store',
        cert,
        status: 'fail',
        summary: `Remote Desktop is set to use certificate ${f.listenerThumbprint}${source}, but it is not in the certificate store, so the server cannot start the encrypted connection.`,
      };
    }
    return {
      problem: 'missing',
      cert,
      status: 'fail',
      summary: 'Remote Desktop has no certificate in its store, so the server cannot start the encrypted connection.',
    };
  }
  if (Date.parse(cert.notAfter) <= now) {
    return {
      problem: 'expired',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate${source} expired on ${isoDay(cert.notAfter)}.`,
    };
  }
  if (Date.parse(cert.notBefore) > now) {
    return {
      problem: 'not-yet-valid',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate is not valid until ${isoDay(cert.notBefore)} (check the server's clock).`,
    };
  }
  if (!cert.hasPrivateKey) {
    return {
      problem: 'no-private-key',
      cert,
      status: 'fail',
      summary: 'The Remote Desktop certificate has lost its private key, so it cannot be used.',
    };
  }
  const key = cert.key;
  const keyName = key?.path ? key.path.split('\\').at(-1) : null;
  if (key?.exists === false && key.path) {
    return {
      problem: 'key-missing',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate says it has a secret key, but its key file (container ${key.container ?? 'unknown'}, ${keyName}) is missing from the server, so it cannot be used.`,
    };
  }
  if (key && (key.regularFile === false || key.ownerTrusted === false)) {
    return {
      problem: 'key-unreadable',
      cert,
      status: 'fail',
      summary: `Where the Remote Desktop certificate's key file (${keyName}) should be, there is ${key.regularFile === false ? 'a folder or a link' : 'a file not owned by SYSTEM or Administrators'}: not the key Windows made.`,
    };
  }
  if (cert.keyReadable === false) {
    return {
      problem: 'key-unreadable',
      cert,
      status: 'fail',
      summary:
        'The Remote Desktop certificate is valid, but NETWORK SERVICE (the account Remote Desktop runs as) may not read its private key.',
    };
  }
  const daysLeft = Math.floor((Date.parse(cert.notAfter) - now) / DAY_MS);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    return {
      problem: 'expiring',
      cert,
      status: 'warn',
      summary: `The Remote Desktop certificate expires in ${daysLeft} days (${isoDay(cert.notAfter)}).`,
    };
  }
  return {
    problem: 'none',
    cert,
    status: 'pass',
    summary: `The Remote Desktop certificate${source} is valid until ${isoDay(cert.notAfter)} and has its private key.`,
  };
}

function evaluateCertificate(raw: unknown): Evaluation {
  const { status, summary } = certificateProblem(RdpCertificateFactsSchema.parse(raw));
  return { status, summary };
}

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

export function handshakeCertificateEvidence(r: Results): { failure3: Evidence | null; expired: Evidence | null } {
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

/** What to do about a certificate Windows does not make (SSLCertificateSHA1HashType 2 or 3), in words. */
function notSelfSignedAdvice(hashType: number | null | undefined): { plain: string; technical: string } {
  if (hashType === 2)
    return {
      plain:
        "A group policy chooses this certificate, so Windows will not make a new one and RDP Doctor does not remove it: the people who run the domain's certificates must issue a new one for this server, and then the server picks it up.",
      technical:
        'SSLCertificateSHA1HashType 2: the certificate comes from the "Server authentication certificate template" policy (Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Security). Enroll a new one from that template (certlm.msc, or certutil -pulse after gpupdate /force) and restart TermService. Regenerating does not apply.',
    };
  return {
    plain:
      'An administrator installed this certificate, so Windows will not make a new one and RDP Doctor does not remove it: renew it where it came from (or import a valid one), and point Remote Desktop at it on the server.',
    technical:
      'SSLCertificateSHA1HashType 3: a custom certificate in Cert:\\LocalMachine\\My. Renew or import a valid one with its private key, give NETWORK SERVICE Read on its key, then set Win32_TSGeneralSetting SSLCertificateSHA1Hash to its thumbprint (Set-CimInstance) and restart TermService. Regenerating does not apply.',
  };
}

/** The certificate says it has a key, but the key file its container names is gone. */
export function certificateKeyMissing(r: Results): boolean {
  const facts = factsOf(r['server-certificate'], RdpCertificateFactsSchema);
  return keyProblemOf(r) === 'missing' || (facts !== null && certificateProblem(facts).problem === 'key-missing');
}

const certificateUnusable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const probe = handshakeCertificateEvidence(r);
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const keyKind = keyProblemOf(r);
  // The server's own certificate check did not run (not Windows, no remoting): the wire's failure 3
  // is the wire rule's finding (wire/negotiation.ts), with no Windows fix to offer.
  const unread = (x: typeof cert) => !x || x.status === 'not-checked';
  if (unread(cert) && unread(keys)) return null;
  const keyMissing = certificateKeyMissing(r);
  // A failed key check without facts (an older report) is the permission problem it always meant.
  const keyAcl = failed(keys) && (keyKind === 'acl' || keyKind === null);
  const keyUnreadable = (failed(keys) && keyKind !== 'missing') || p?.problem === 'key-unreadable';
  const certBroken = (failed(cert) && p?.problem !== 'key-unreadable') || keyMissing;
  const probeEvidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  const selfSigned = !facts || isSelfSigned(facts);
  // The key is the cause: the certificate itself is fine (or only says it cannot read the key).
  if (!certBroken && keyUnreadable) return null;
  if (!certBroken && !probe.failure3) {
    if (!cert || cert.status !== 'warn') return null;
    const advice = selfSigned ? null : notSelfSignedAdvice(facts?.hashType);
    return {
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate expires soon",
      plain: ['The certificate still works, but once it expires the connection will fail with 0x904/0x7.', advice?.plain ?? '']
        .filter(Boolean)
        .join(' '),
      technical:
        advice?.technical ??
        'NotAfter of the listener certificate (Win32_TSGeneralSetting SSLCertificateSHA1Hash) is within the warning window. A self-signed one renews itself if TermService can read its key; a custom or GPO one (SSLCertificateSHA1HashType 2 / 3) must be renewed where it came from.',
      learnMore: learnMore.listenerCertificate,
      likelihood: 'possible',
      score: 20,
      evidence: [evidenceOf(cert, 'Certificate'), ...probeEvidence],
      fixIds: selfSigned ? ['regenerate-rdp-certificate'] : [],
    };
  }
  const fixIds: FixId[] = [];
  if (keyAcl) fixIds.push('repair-rdp-key-permissions');
  // Windows cannot make the new certificate while KeyIso / CertPropSvc / CryptSvc cannot start.
  if (selfSigned && !certificateServicesDown(r)) fixIds.push('regenerate-rdp-certificate');
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [...probeEvidence];
  if (cert && (cert.status === 'fail' || cert.status === 'warn')) evidence.push(evidenceOf(cert, 'Certificate'));
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file'));
  const advice = selfSigned ? null : notSelfSignedAdvice(facts?.hashType);
  return {
    id: 'certificate-unusable',
    title: "The server's Remote Desktop certificate is unusable",
    plain: [
      'Remote Desktop encrypts the connection with a certificate. When it is missing, has expired or has lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7.',
      keyMissing ? "Here the certificate's secret key file is gone from the server, although the certificate still says it has one." : '',
      selfSigned ? 'Windows makes a new self-signed one, with a new key, when the old one is removed with its key.' : advice!.plain,
      keyAcl ? 'Remote Desktop may not read its secret key either, which is often why Windows could not renew it: repair that first.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    technical: [
      'The listener certificate (Win32_TSGeneralSetting SSLCertificateSHA1Hash, in Cert:\\LocalMachine\\Remote Desktop or \\My) is missing, past NotAfter, or has no usable private key (the key file its container names, TSSecKeySet1 = MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> for the self-signed one, is gone or unreadable); the server answers RDP_NEG_FAILURE 3 (SSL_CERT_NOT_ON_SERVER) or resets TLS. Server events 1057 / 1058, Schannel 36870.',
      selfSigned
        ? 'Self-signed: remove it with its key (Remove-Item -DeleteKey) and restart TermService and SessionEnv; Windows makes a new one.'
        : advice!.technical,
    ].join(' '),
    learnMore: learnMore.listenerCertificate,
    likelihood: 'certain',
    score: probe.failure3 ? 100 : 98,
    evidence,
    fixIds,
  };
};

export const serverCertificateDiagnosis = defineCheckDiagnosis({
  id: 'server-certificate',
  evaluate: evaluateCertificate,
  rules: [certificateUnusable],
});
