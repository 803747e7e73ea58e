import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../catalog/checks';
import type { CheckResult } from '../../results';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import type { RdpCertificateFacts, StoreCertificateFacts } from './catalog';

/*
 * Certificates issued by a CA or bound by policy (issue 24 §1): what they are for, whether the
 * server trusts their chain, the server's enrolment events, and when the repoint fix is offered
 * (never against a group policy, which would put its own certificate back).
 */
const NOW = '2026-11-21T09:00:00.000Z';
const LISTENER = 'C'.repeat(40);
const OTHER = 'D'.repeat(40);
const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });

const caCertificate = (o: Partial<StoreCertificateFacts> = {}): StoreCertificateFacts => ({
  thumbprint: LISTENER,
  subject: 'CN=office-pc.corp.example',
  issuer: 'CN=Corp Issuing CA 1, DC=corp, DC=example',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  hasPrivateKey: true,
  keyReadable: true,
  keyFile: 'C:\\ProgramData\\Microsoft\\Crypto\\Keys\\0123456789abcdef0123456789abcdef_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d',
  enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1'],
  dnsNames: ['office-pc.corp.example'],
  ipAddresses: [],
  chain: { trusted: true, problems: [] },
  ...o,
});

function scan(listener: StoreCertificateFacts, o: Partial<RdpCertificateFacts> = {}) {
  const facts: RdpCertificateFacts = {
    listenerThumbprint: listener.thumbprint,
    hashType: 3,
    store: [],
    myStore: [listener],
    now: NOW,
    replacement: null,
    events: [],
    ...o,
  };
  return diagnose([result('server-certificate', facts)]);
}
const replacement = { ...caCertificate({ thumbprint: OTHER, subject: 'CN=office-pc (2027)' }), store: 'My' as const };

describe('what the certificate is made for', () => {
  it('a certificate made for client sign-in only is a finding of its own, with the repoint fix when there is a valid other one', () => {
    const findings = scan(caCertificate({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2'] }), { replacement });
    expect(findings[0]?.id).toBe('certificate-wrong-purpose');
    expect(findings[0]?.fixIds).toEqual(['repoint-rdp-certificate']);
    expect(findings[0]?.technical).toContain('1.3.6.1.5.5.7.3.2');
    // Not also called "missing, expired or lost its key".
    expect(findings.map((f) => f.id)).not.toContain('certificate-unusable');
  });

  it('Remote Desktop Authentication, any purpose, or no usage extension at all are fine', () => {
    for (const usages of [['1.3.6.1.4.1.311.54.1.2'], ['2.5.29.37.0'], null]) {
      expect(scan(caCertificate({ enhancedKeyUsages: usages })).map((f) => f.id)).toEqual([]);
    }
  });

  it('under a group policy there is no fix, and the text says where to change it', () => {
    const findings = scan(caCertificate({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2'] }), { hashType: 2, replacement });
    expect(findings[0]?.id).toBe('certificate-wrong-purpose');
    expect(findings[0]?.fixIds).toEqual([]);
    expect(findings[0]?.plain).toMatch(/certificate template/);
  });
});

describe('the chain on the server', () => {
  it('an issuing certificate missing on the server is a possible cause, in words', () => {
    const findings = scan(caCertificate({ chain: { trusted: false, problems: ['PartialChain', 'RevocationStatusUnknown'] } }));
    expect(findings[0]?.id).toBe('certificate-untrusted-chain');
    expect(findings[0]?.likelihood).toBe('possible');
    expect(findings[0]?.plain).toContain('an issuing certificate is missing on the server');
    expect(findings[0]?.plain).not.toContain('revocation');
  });

  it('revocation that could not be checked offline is no problem', () => {
    expect(scan(caCertificate({ chain: { trusted: true, problems: ['RevocationStatusUnknown', 'OfflineRevocation'] } }))).toEqual([]);
  });

  it("Windows' own self-signed certificate is never judged by its chain", () => {
    const own = caCertificate({ issuer: 'CN=office-pc', chain: { trusted: false, problems: ['UntrustedRoot'] } });
    expect(scan(own, { hashType: 1, store: [own], myStore: [] })).toEqual([]);
  });
});

describe('the repoint fix', () => {
  const expired = caCertificate({ notAfter: '2026-10-01T00:00:00.000Z' });

  it('is offered for an expired certificate an administrator chose, when the server has a valid other one', () => {
    const findings = scan(expired, { replacement });
    expect(findings[0]?.id).toBe('certificate-unusable');
    expect(findings[0]?.fixIds).toContain('repoint-rdp-certificate');
    expect(findings[0]?.fixIds).not.toContain('regenerate-rdp-certificate');
    expect(findings[0]?.technical).toContain(OTHER);
  });

  it('is not offered without a valid other certificate, and says what to do on the server', () => {
    const findings = scan(expired);
    expect(findings[0]?.fixIds).toEqual([]);
    expect(findings[0]?.plain).toMatch(/on the server, renew it where it came from/);
  });

  it('is never offered against a group policy, which would put its own certificate back', () => {
    const findings = scan(expired, { hashType: 2, replacement });
    expect(findings[0]?.id).toBe('certificate-unusable');
    expect(findings[0]?.fixIds).toEqual([]);
    expect(findings[0]?.plain).toMatch(/only last until the policy puts it back/);
  });

  it("is offered for Windows' own broken certificate too, beside making a new one", () => {
    const own = caCertificate({ issuer: 'CN=office-pc', notAfter: '2026-10-01T00:00:00.000Z', chain: undefined });
    const findings = scan(own, { hashType: 1, store: [own], myStore: [], replacement });
    expect(findings[0]?.fixIds).toEqual(['regenerate-rdp-certificate', 'repoint-rdp-certificate']);
  });
});

describe("the server's enrolment events", () => {
  const failed13 = {
    id: 13,
    provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment',
    time: '2026-11-20T07:00:00.000Z',
    message: 'Certificate enrollment for Local system failed to enroll for a RemoteDesktopComputer certificate (0x80094012).',
  };
  const failed1065 = {
    id: 1065,
    provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
    time: '2026-11-20T07:01:00.000Z',
    message: 'The template-based certificate ... has expired and cannot be replaced by the terminal server.',
  };

  it('explain why a policy certificate expired: they are its evidence, and the text says so', () => {
    const findings = scan(caCertificate({ notAfter: '2026-10-01T00:00:00.000Z' }), { hashType: 2, events: [failed1065, failed13] });
    expect(findings[0]?.id).toBe('certificate-unusable');
    expect(findings[0]?.evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['Event 1065', 'Event 13']));
    expect(findings[0]?.plain).toContain("asking the company's certificate authority for it failed");
    expect(findings.map((f) => f.id)).not.toContain('certificate-enrolment-failing');
  });

  it('warn before the certificate expires', () => {
    const findings = scan(caCertificate(), { hashType: 2, events: [failed13] });
    expect(findings[0]?.id).toBe('certificate-enrolment-failing');
    expect(findings[0]?.likelihood).toBe('possible');
    expect(findings[0]?.fixIds).toEqual([]);
  });
});

describe('a certificate of the wrong kind or chain, in the words the user reads', () => {
  const signIn = caCertificate({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.4.1.311.20.2.2'] });

  it('made for something else: likely, the certificate as evidence, what to do by who chose it', () => {
    const [repoint] = scan(signIn, { replacement });
    expect(repoint).toMatchObject({
      title: "The server's Remote Desktop certificate is made for something else",
      likelihood: 'likely',
      score: 90,
      evidence: [{ checkId: 'server-certificate', label: 'Certificate' }],
    });
    expect(repoint!.plain).toBe(
      "The certificate Remote Desktop is set to use was not made for proving a server's identity (for example, it is a certificate for signing in users or signing code). Windows does not accept it for a secure connection, so the connection fails or shows a certificate error. The server has another valid certificate Remote Desktop can use; RDP Doctor can point Remote Desktop at it, and put the old choice back later.",
    );
    expect(repoint!.technical).toMatch(
      new RegExp(
        `^Listener certificate ${LISTENER} \\(CN=office-pc\\.corp\\.example, issuer CN=Corp Issuing CA 1, DC=corp, DC=example\\) has Enhanced Key Usage 1\\.3\\.6\\.1\\.5\\.5\\.7\\.3\\.2, 1\\.3\\.6\\.1\\.4\\.1\\.311\\.20\\.2\\.2: `,
      ),
    );
    expect(repoint!.technical).toMatch(new RegExp(`Re-point Win32_TSGeneralSetting SSLCertificateSHA1Hash to ${OTHER} \\(My\\)\\.$`));
    const [alone] = scan(signIn);
    expect(alone!.fixIds).toEqual([]);
    expect(alone!.plain).toMatch(
      / On the server, an administrator must install a certificate made for server authentication, with its private key, and point Remote Desktop at it\.$/,
    );
    expect(alone!.technical).toMatch(
      /Install a certificate with Server Authentication and its private key in Cert:\\LocalMachine\\My, then set SSLCertificateSHA1Hash to it\.$/,
    );
    const [policy] = scan(signIn, { hashType: 2, replacement });
    expect(policy!.plain).toMatch(
      / A group policy chooses this certificate: the people who run the company's certificate authority must add Server Authentication \(or Remote Desktop Authentication\) to the certificate template, and then the server gets a new one\.$/,
    );
    expect(policy!.technical).toMatch(
      /SSLCertificateSHA1HashType 2: fix the template \(Application Policies\) on the CA; re-pointing is not offered against the policy\.$/,
    );
    // Without an issuer, a question mark.
    const [noIssuer] = scan({ ...signIn, issuer: undefined });
    expect(noIssuer!.technical).toContain(`(CN=office-pc.corp.example, issuer ?)`);
  });

  it('not trusted on the server: possible, the chain problems in the technical words, what to do by who chose it', () => {
    const untrusted = caCertificate({ chain: { trusted: false, problems: ['PartialChain', 'OfflineRevocation'] } });
    const [f] = scan(untrusted);
    expect(f).toMatchObject({
      title: 'The server does not trust its own Remote Desktop certificate',
      score: 35,
      fixIds: [],
      evidence: [{ checkId: 'server-certificate', label: 'Certificate' }],
    });
    expect(f!.plain).toMatch(
      / On the server, an administrator must install the missing certificate of the authority that issued it \(its intermediate certificate\), or replace it with one from an authority the server and its users trust\.$/,
    );
    expect(f!.technical).toMatch(
      new RegExp(
        `^X509Chain\\.Build on the server for ${LISTENER} \\(CN=office-pc\\.corp\\.example, issuer CN=Corp Issuing CA 1, DC=corp, DC=example\\): PartialChain \\(revocation checked from cached lists only\\)\\.`,
      ),
    );
    const [twoProblems] = scan(caCertificate({ chain: { trusted: false, problems: ['PartialChain', 'Revoked'] } }));
    expect(twoProblems!.technical).toContain('): PartialChain, Revoked (revocation');
    const [notTrusted] = scan(caCertificate({ issuer: undefined, chain: { trusted: false, problems: [] } }));
    expect(notTrusted!.technical).toContain('issuer ?): not trusted (revocation');
    expect(notTrusted!.plain).toContain('(its chain is incomplete)');
    const [policy] = scan(untrusted, { hashType: 2 });
    expect(policy!.plain).toMatch(
      / A group policy chooses this certificate: on the server, an administrator must install the missing certificate of the company's certificate authority \(its intermediate certificate\), or ask the people who run it\.$/,
    );
    const [repoint] = scan(untrusted, { replacement });
    expect(repoint!.fixIds).toEqual(['repoint-rdp-certificate']);
    expect(repoint!.plain).toMatch(
      / The server has another valid, trusted certificate; RDP Doctor can point Remote Desktop at it, and put the old choice back later\.$/,
    );
  });

  it('a replacement that is the listener itself is no replacement', () => {
    const [f] = scan(signIn, { replacement: { ...caCertificate(), store: 'My' } });
    expect(f!.fixIds).toEqual([]);
  });

  it('events of other sources or ids are not enrolment failures', () => {
    const other = { id: 6, provider: 'Microsoft-Windows-Something-Else', time: '2026-11-20T07:00:00.000Z', message: 'x' };
    const wrongId = {
      id: 1063,
      provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
      time: '2026-11-20T07:00:00.000Z',
      message: 'x',
    };
    expect(scan(caCertificate(), { hashType: 2, events: [other, wrongId] })).toEqual([]);
  });

  it('a certificate broken now, or expiring, carries the enrolment events in its own finding instead', () => {
    const failed6 = {
      id: 6,
      provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment',
      time: '2026-11-20T07:00:00.000Z',
      message: 'x',
    };
    const soon = scan(caCertificate({ notAfter: '2026-12-01T00:00:00.000Z' }), { hashType: 2, events: [failed6] });
    expect(soon.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(soon[0]!.evidence.map((e) => e.label)).toEqual(['Certificate', 'Event 6']);
    // Untrusted (a warning of another kind): the enrolment finding stands beside it.
    const untrusted = scan(caCertificate({ chain: { trusted: false, problems: ['PartialChain'] } }), { hashType: 2, events: [failed6] });
    expect(untrusted.map((f) => f.id).sort()).toEqual(['certificate-enrolment-failing', 'certificate-untrusted-chain']);
  });
});
