import { z } from 'zod';
import type { CheckId } from '../../catalog/types';
import type { Evidence } from '../../results';
import type { FixId } from '../../catalog/types';
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
  | 'none'
  | 'missing'
  | 'not-in-store'
  | 'expired'
  | 'not-yet-valid'
  | 'no-private-key'
  | 'key-missing'
  | 'key-unreadable'
  | 'wrong-purpose'
  | 'untrusted-chain'
  | 'expiring';

/**
 * What a certificate may be used for, by its Enhanced Key Usage: Server Authentication
 * (1.3.6.1.5.5.7.3.1, RFC 5280 4.2.1.12), Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2,
 * which Remote Desktop prefers: AskDS, "Remote Desktop Services enrolling for TLS certificate from
 * an Enterprise CA"), or any (anyExtendedKeyUsage 2.5.29.37.0). No extension at all means any
 * purpose (RFC 5280 4.2.1.12).
 */
export const SERVER_AUTH_OIDS = ['1.3.6.1.5.5.7.3.1', '1.3.6.1.4.1.311.54.1.2', '2.5.29.37.0'];
export function servesRemoteDesktop(c: StoreCertificateFacts): boolean {
  if (c.enhancedKeyUsages === undefined || c.enhancedKeyUsages === null) return true;
  return c.enhancedKeyUsages.some((oid) => SERVER_AUTH_OIDS.includes(oid));
}

/** Chain problems that only say revocation was not checked (cached lists only): not a problem. */
const UNCHECKED_REVOCATION = ['RevocationStatusUnknown', 'OfflineRevocation'];
export function chainProblems(c: StoreCertificateFacts): string[] {
  return (c.chain?.problems ?? []).filter((p) => !UNCHECKED_REVOCATION.includes(p));
}
const CHAIN_WORDS: Record<string, string> = {
  PartialChain: 'an issuing certificate is missing on the server',
  UntrustedRoot: 'its root certificate is not trusted by the server',
  Revoked: 'it has been revoked',
  NotTimeValid: 'a certificate in its chain has expired',
  NotSignatureValid: 'a signature in its chain is not valid',
  Cyclic: 'its chain loops',
};
export const chainInWords = (c: StoreCertificateFacts) =>
  chainProblems(c)
    .map((p) => CHAIN_WORDS[p] ?? p)
    .join('; ');

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
      summary: `The Remote Desktop certificate says it has a private key, but its key file (container ${key.container ?? 'unknown'}, ${keyName}) is missing from the server, so it cannot be used.`,
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
  if (!isSelfSigned(f) && !servesRemoteDesktop(cert)) {
    return {
      problem: 'wrong-purpose',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate${source} is not made for proving a server's identity: its purposes are ${(cert.enhancedKeyUsages ?? []).join(', ') || 'none'}, without Server Authentication or Remote Desktop Authentication.`,
    };
  }
  if (!isSelfSigned(f) && cert.chain && (!cert.chain.trusted || chainProblems(cert).length > 0)) {
    return {
      problem: 'untrusted-chain',
      cert,
      status: 'warn',
      summary: `The Remote Desktop certificate${source} is not trusted on the server itself: ${chainInWords(cert) || 'its chain does not reach a trusted root'}.`,
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
function notSelfSignedAdvice(facts: RdpCertificateFacts | null): { plain: string; technical: string } {
  if (facts?.hashType === 2)
    return {
      plain:
        "A group policy chooses this certificate, so Windows will not make a new one and RDP Doctor does not change it: pointing Remote Desktop elsewhere would only last until the policy puts it back. On the server, an administrator asks for a new one from the company's certificate authority (or the people who run it fix why the server cannot get one), and the server then picks it up.",
      technical:
        'SSLCertificateSHA1HashType 2 ("Default group policy enforced", Win32_TSGeneralSetting): the certificate comes from the "Server authentication certificate template" policy (Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Security), enrolled by the Remote Desktop Configuration service (SessionEnv). On the server: gpupdate /force, then certutil -pulse, or restart SessionEnv; check the Application log for CertificateServicesClient-AutoEnrollment 6 / 13 and the System log for RemoteConnectionManager 1064 / 1065. On the CA: the template must grant the server\'s computer account Enroll, be published on an enterprise CA, and carry Server Authentication or Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2). Re-pointing SSLCertificateSHA1Hash is not offered: the policy applies its own certificate again.',
    };
  const repoint = repointable(facts);
  return {
    plain: repoint
      ? 'An administrator installed this certificate, so Windows will not make a new one and RDP Doctor does not remove it. The server has another valid certificate Remote Desktop can use instead; RDP Doctor can point Remote Desktop at it, and put the old choice back later.'
      : 'An administrator installed this certificate, so Windows will not make a new one and RDP Doctor does not remove it: on the server, renew it where it came from (or import a valid one with its private key), then point Remote Desktop at it.',
    technical: `SSLCertificateSHA1HashType 3: a custom certificate in Cert:\\LocalMachine\\My. ${
      repoint
        ? `The server's own choice of a valid one is ${facts!.replacement!.thumbprint} (${facts!.replacement!.subject}, in ${facts!.replacement!.store}): Set-CimInstance on Win32_TSGeneralSetting with SSLCertificateSHA1Hash set to it.`
        : 'Renew or import a valid one with its private key, give NETWORK SERVICE Read on its key, then set Win32_TSGeneralSetting SSLCertificateSHA1Hash to its thumbprint (Set-CimInstance).'
    } Regenerating does not apply.`,
  };
}

/** The repoint fix applies: no policy enforces the certificate, and the server found a valid other one. */
export function repointable(facts: RdpCertificateFacts | null): boolean {
  if (!facts || facts.hashType === 2 || !facts.replacement) return false;
  return facts.replacement.thumbprint !== facts.listenerThumbprint;
}

/** Automatic enrolment and template certificate failures among the server's certificate events. */
const ENROLMENT_EVENTS: Record<string, number[]> = {
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager': [1064, 1065],
  'Microsoft-Windows-CertificateServicesClient-AutoEnrollment': [6, 13],
};
export function enrolmentFailures(facts: RdpCertificateFacts | null): NonNullable<RdpCertificateFacts['events']> {
  return (facts?.events ?? []).filter((e) => ENROLMENT_EVENTS[e.provider]?.includes(e.id));
}
const eventEvidence = (e: NonNullable<RdpCertificateFacts['events']>[number]): Evidence => ({
  checkId: 'server-certificate',
  label: `Event ${e.id}`,
  value: `${e.provider.replace('Microsoft-Windows-', '')}, ${e.time.slice(0, 16).replace('T', ' ')}: ${e.message}`,
});

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
  const certBroken = (failed(cert) && p?.problem !== 'key-unreadable' && p?.problem !== 'wrong-purpose') || keyMissing;
  const probeEvidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  const selfSigned = !facts || isSelfSigned(facts);
  // The key is the cause: the certificate itself is fine (or only says it cannot read the key).
  if (!certBroken && keyUnreadable) return null;
  if (!certBroken && !probe.failure3) {
    if (!cert || cert.status !== 'warn' || (p !== null && p.problem !== 'expiring')) return null;
    const advice = selfSigned ? null : notSelfSignedAdvice(facts);
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
      evidence: [evidenceOf(cert, 'Certificate'), ...probeEvidence, ...enrolmentFailures(facts).map(eventEvidence)],
      fixIds: selfSigned ? ['regenerate-rdp-certificate'] : repointable(facts) ? ['repoint-rdp-certificate'] : [],
    };
  }
  const fixIds: FixId[] = [];
  if (keyAcl) fixIds.push('repair-rdp-key-permissions');
  // Windows cannot make the new certificate while KeyIso / CertPropSvc / CryptSvc cannot start.
  if (selfSigned && !certificateServicesDown(r)) fixIds.push('regenerate-rdp-certificate');
  if (repointable(facts)) fixIds.push('repoint-rdp-certificate');
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [...probeEvidence];
  if (cert && (cert.status === 'fail' || cert.status === 'warn')) evidence.push(evidenceOf(cert, 'Certificate'));
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file'));
  const enrolment = enrolmentFailures(facts);
  evidence.push(...enrolment.map(eventEvidence));
  const advice = selfSigned ? null : notSelfSignedAdvice(facts);
  return {
    id: 'certificate-unusable',
    title: "The server's Remote Desktop certificate is unusable",
    plain: [
      'Remote Desktop encrypts the connection with a certificate. When it is missing, has expired or has lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7.',
      keyMissing ? "Here the certificate's private key file is gone from the server, although the certificate still says it has one." : '',
      selfSigned ? 'Windows makes a new self-signed one, with a new key, when the old one is removed with its key.' : advice!.plain,
      keyAcl ? 'Remote Desktop may not read its private key either, which is often why Windows could not renew it: repair that first.' : '',
      enrolment.length > 0 && !selfSigned
        ? "The server's own log shows why no new one came: asking the company's certificate authority for it failed."
        : '',
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

/** What the server should do about a certificate of the wrong kind or an untrusted one, where no fix of ours applies. */
function renewAdvice(facts: RdpCertificateFacts | null, what: 'purpose' | 'chain'): string {
  if (facts?.hashType === 2)
    return what === 'purpose'
      ? "A group policy chooses this certificate: the people who run the company's certificate authority must add Server Authentication (or Remote Desktop Authentication) to the certificate template, and then the server gets a new one."
      : "A group policy chooses this certificate: on the server, an administrator must install the missing certificate of the company's certificate authority (its intermediate certificate), or ask the people who run it.";
  return what === 'purpose'
    ? 'On the server, an administrator must install a certificate made for server authentication, with its private key, and point Remote Desktop at it.'
    : 'On the server, an administrator must install the missing certificate of the authority that issued it (its intermediate certificate), or replace it with one from an authority the server and its users trust.';
}

const wrongPurpose: Rule = (r) => {
  const cert = r['server-certificate'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  if (!cert || !facts) return null;
  const p = certificateProblem(facts);
  if (p.problem !== 'wrong-purpose' || !p.cert) return null;
  const repoint = repointable(facts);
  return {
    id: 'certificate-wrong-purpose',
    title: "The server's Remote Desktop certificate is made for something else",
    plain: [
      "The certificate Remote Desktop is set to use was not made for proving a server's identity (for example, it is a certificate for signing in users or signing code). Windows does not accept it for a secure connection, so the connection fails or shows a certificate error.",
      repoint
        ? 'The server has another valid certificate Remote Desktop can use; RDP Doctor can point Remote Desktop at it, and put the old choice back later.'
        : renewAdvice(facts, 'purpose'),
    ].join(' '),
    technical: `Listener certificate ${p.cert.thumbprint} (${p.cert.subject}, issuer ${p.cert.issuer ?? '?'}) has Enhanced Key Usage ${(p.cert.enhancedKeyUsages ?? []).join(', ')}: neither Server Authentication (1.3.6.1.5.5.7.3.1) nor Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2). RemoteConnectionManager logs 1051 ("no usable certificate was found") / 1054 for such a certificate (Remote Desktop Services Authentication and Encryption events). ${
      facts.hashType === 2
        ? 'SSLCertificateSHA1HashType 2: fix the template (Application Policies) on the CA; re-pointing is not offered against the policy.'
        : repoint
          ? `Re-point Win32_TSGeneralSetting SSLCertificateSHA1Hash to ${facts.replacement!.thumbprint} (${facts.replacement!.store}).`
          : 'Install a certificate with Server Authentication and its private key in Cert:\\LocalMachine\\My, then set SSLCertificateSHA1Hash to it.'
    }`,
    learnMore: learnMore.listenerCertificate,
    likelihood: 'likely',
    score: 90,
    evidence: [evidenceOf(cert, 'Certificate')],
    fixIds: repoint ? ['repoint-rdp-certificate'] : [],
  };
};

const untrustedChain: Rule = (r) => {
  const cert = r['server-certificate'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  if (!cert || !facts) return null;
  const p = certificateProblem(facts);
  if (p.problem !== 'untrusted-chain' || !p.cert) return null;
  const repoint = repointable(facts);
  return {
    id: 'certificate-untrusted-chain',
    title: 'The server does not trust its own Remote Desktop certificate',
    plain: [
      `The certificate Remote Desktop uses cannot be traced to an authority the server trusts (${chainInWords(p.cert) || 'its chain is incomplete'}). Computers that connect then warn that the server's identity cannot be verified, and those set to refuse such servers do not connect at all.`,
      repoint
        ? 'The server has another valid, trusted certificate; RDP Doctor can point Remote Desktop at it, and put the old choice back later.'
        : renewAdvice(facts, 'chain'),
    ].join(' '),
    technical: `X509Chain.Build on the server for ${p.cert.thumbprint} (${p.cert.subject}, issuer ${p.cert.issuer ?? '?'}): ${chainProblems(p.cert).join(', ') || 'not trusted'} (revocation checked from cached lists only). The listener sends the chain it can build; clients with "Configure server authentication for client" set to "Do not connect if authentication fails" refuse it. Import the issuing CA certificate into Cert:\\LocalMachine\\CA (intermediate) or Root as appropriate, or replace the certificate.`,
    learnMore: learnMore.listenerCertificate,
    likelihood: 'possible',
    score: 35,
    evidence: [evidenceOf(cert, 'Certificate')],
    fixIds: repoint ? ['repoint-rdp-certificate'] : [],
  };
};

/** The certificate works today, but the server's own log shows that getting its next one fails. */
const enrolmentFailing: Rule = (r) => {
  const cert = r['server-certificate'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  if (!cert || !facts || isSelfSigned(facts)) return null;
  const events = enrolmentFailures(facts);
  if (events.length === 0) return null;
  // A certificate that is broken now carries these events in its own finding.
  if (cert.status === 'fail' || (cert.status === 'warn' && certificateProblem(facts).problem === 'expiring')) return null;
  return {
    id: 'certificate-enrolment-failing',
    title: 'The server cannot get its next Remote Desktop certificate',
    plain:
      "Remote Desktop works with the certificate it has, but the server's own log shows that asking the company's certificate authority for a new one failed. When the current one expires, connections will fail. On the server, an administrator should look at why (the certificate template's permissions, or reaching the certificate authority) before then.",
    technical: `Events on the server: ${events.map((e) => `${e.id} (${e.provider.replace('Microsoft-Windows-', '')})`).join(', ')}. RemoteConnectionManager 1064 EVENT_TS_SSL_TEMPLATE_CERT_CREATE_FAILED / 1065 EVENT_TS_SSL_TEMPLATE_CERT_REPLACE_FAILED ("Event ID 1064/1065 — Terminal Services Authentication and Encryption"); AutoEnrollment 6 / 13. Check the template's Enroll permission for the computer account, that an enterprise CA publishes it, then certutil -pulse on the server.`,
    learnMore: learnMore.listenerCertificate,
    likelihood: 'possible',
    score: 25,
    evidence: [evidenceOf(cert, 'Certificate'), ...events.map(eventEvidence)],
    fixIds: [],
  };
};

export const serverCertificateDiagnosis = defineCheckDiagnosis({
  id: 'server-certificate',
  evaluate: evaluateCertificate,
  rules: [certificateUnusable, wrongPurpose, untrustedChain, enrolmentFailing],
});
