import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../catalog/checks';
import type { CheckResult } from '../../results';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import type { RdpCertificateFacts, StoreCertificateFacts } from './catalog';
import { certificateProblem, handshakeCertificateEvidence } from './diagnosis';
import { report, address, attempt, tls, cert as wireCert } from '../../../test/probe/fixtures';
import * as serverResult from '../../../test/support/server-results';

/*
 * What the server's certificate check and its findings say, as the user reads them: the check
 * line for each state of the listener certificate, which certificate is the listener's, and the
 * words, score and fixes of each finding.
 */
const NOW = '2026-11-21T09:00:00.000Z';
const THUMB = 'E'.repeat(40);
const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });

const certificate = (o: Partial<StoreCertificateFacts> = {}): StoreCertificateFacts => ({
  thumbprint: THUMB,
  subject: 'CN=office-pc',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  hasPrivateKey: true,
  keyReadable: true,
  keyFile: null,
  ...o,
});
const facts = (c: StoreCertificateFacts | null, o: Partial<RdpCertificateFacts> = {}): RdpCertificateFacts => ({
  listenerThumbprint: THUMB,
  hashType: 1,
  store: c ? [c] : [],
  myStore: [],
  now: NOW,
  ...o,
});
const line = (f: RdpCertificateFacts) => {
  const p = certificateProblem(f);
  return `${p.status}: ${p.summary}`;
};

describe('the check line', () => {
  it('valid, with where the certificate comes from', () => {
    expect(line(facts(certificate()))).toBe('pass: The Remote Desktop certificate is valid until 2027-06-01 and has its private key.');
    expect(line(facts(null, { hashType: 2, myStore: [certificate()] }))).toBe(
      'pass: The Remote Desktop certificate (set by group policy) is valid until 2027-06-01 and has its private key.',
    );
    expect(line(facts(null, { hashType: 3, myStore: [certificate()] }))).toBe(
      'pass: The Remote Desktop certificate (installed by an administrator) is valid until 2027-06-01 and has its private key.',
    );
  });

  it('no certificate, or the configured one not in either store', () => {
    expect(line(facts(null, { listenerThumbprint: null }))).toBe(
      'fail: Remote Desktop has no certificate in its store, so the server cannot start the encrypted connection.',
    );
    expect(line(facts(certificate({ thumbprint: 'F'.repeat(40) }), { hashType: 2 }))).toBe(
      `fail: Remote Desktop is set to use certificate ${THUMB} (set by group policy), but it is not in the certificate store, so the server cannot start the encrypted connection.`,
    );
  });

  it('without a configured thumbprint, the newest certificate in the Remote Desktop store is the one', () => {
    const older = certificate({ thumbprint: '1'.repeat(40), notAfter: '2026-11-01T00:00:00.000Z' });
    const newer = certificate({ thumbprint: '2'.repeat(40), notAfter: '2027-03-01T00:00:00.000Z' });
    for (const store of [
      [older, newer],
      [newer, older],
    ])
      expect(certificateProblem(facts(null, { listenerThumbprint: null, store })).cert?.thumbprint).toBe('2'.repeat(40));
  });

  it('expired on the day it ends; not valid before the day it starts (the server clock named)', () => {
    expect(line(facts(certificate({ notAfter: NOW })))).toBe('fail: The Remote Desktop certificate expired on 2026-11-21.');
    expect(line(facts(certificate({ notBefore: '2026-11-22T00:00:00.000Z' })))).toBe(
      "fail: The Remote Desktop certificate is not valid until 2026-11-22 (check the server's clock).",
    );
    expect(certificateProblem(facts(certificate({ notBefore: NOW }))).problem).toBe('none');
  });

  it('its key: lost, its file missing (container and file named), a folder or a foreign file in its place, unreadable', () => {
    expect(line(facts(certificate({ hasPrivateKey: false })))).toBe(
      'fail: The Remote Desktop certificate has lost its private key, so it cannot be used.',
    );
    const key = {
      container: 'TSSecKeySet1',
      provider: 'CAPI' as const,
      path: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace_1234',
      exists: true,
      regularFile: true,
      ownerSid: 'S-1-5-18',
      ownerTrusted: true,
      networkServiceCanRead: true,
    };
    expect(line(facts(certificate({ key: { ...key, exists: false } })))).toBe(
      'fail: The Remote Desktop certificate says it has a private key, but its key file (container TSSecKeySet1, f686aace_1234) is missing from the server, so it cannot be used.',
    );
    expect(line(facts(certificate({ key: { ...key, exists: false, container: null } })))).toMatch(/\(container unknown, f686aace_1234\)/);
    expect(line(facts(certificate({ key: { ...key, regularFile: false } })))).toBe(
      "fail: Where the Remote Desktop certificate's key file (f686aace_1234) should be, there is a folder or a link: not the key Windows made.",
    );
    expect(line(facts(certificate({ key: { ...key, ownerTrusted: false } })))).toBe(
      "fail: Where the Remote Desktop certificate's key file (f686aace_1234) should be, there is a file not owned by SYSTEM or Administrators: not the key Windows made.",
    );
    expect(line(facts(certificate({ keyReadable: false })))).toBe(
      'fail: The Remote Desktop certificate is valid, but NETWORK SERVICE (the account Remote Desktop runs as) may not read its private key.',
    );
    // A key file whose path is unknown is not called missing.
    expect(certificateProblem(facts(certificate({ key: { ...key, exists: false, path: null } }))).problem).toBe('none');
  });

  it("a certificate Windows does not make: its purpose and its chain; Windows' own is judged by neither", () => {
    const ca = (o: Partial<StoreCertificateFacts>) => facts(null, { hashType: 3, myStore: [certificate(o)] });
    expect(line(ca({ enhancedKeyUsages: [] }))).toBe(
      "fail: The Remote Desktop certificate (installed by an administrator) is not made for proving a server's identity: its purposes are none, without Server Authentication or Remote Desktop Authentication.",
    );
    expect(line(ca({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.3'] }))).toMatch(
      /its purposes are 1\.3\.6\.1\.5\.5\.7\.3\.2, 1\.3\.6\.1\.5\.5\.7\.3\.3,/,
    );
    expect(line(ca({ chain: { trusted: false, problems: [] } }))).toBe(
      'warn: The Remote Desktop certificate (installed by an administrator) is not trusted on the server itself: its chain does not reach a trusted root.',
    );
    expect(
      line(ca({ chain: { trusted: false, problems: ['UntrustedRoot', 'Revoked', 'NotTimeValid', 'NotSignatureValid', 'Cyclic', 'Odd'] } })),
    ).toBe(
      'warn: The Remote Desktop certificate (installed by an administrator) is not trusted on the server itself: its root certificate is not trusted by the server; it has been revoked; a certificate in its chain has expired; a signature in its chain is not valid; its chain loops; Odd.',
    );
    // A trusted chain with only a revocation check that could not be made is fine.
    expect(certificateProblem(ca({ chain: { trusted: true, problems: ['OfflineRevocation', 'RevocationStatusUnknown'] } })).problem).toBe(
      'none',
    );
    expect(certificateProblem(ca({ chain: { trusted: true, problems: ['PartialChain'] } })).problem).toBe('untrusted-chain');
    // Self-signed (hash type 0, 1 or unknown): no purpose or chain judged.
    for (const hashType of [0, 1, null, undefined])
      expect(
        certificateProblem(
          facts(certificate({ enhancedKeyUsages: [], chain: { trusted: false, problems: ['UntrustedRoot'] } }), { hashType }),
        ).problem,
      ).toBe('none');
  });

  it('expiring: warns under 30 days with the days left; 30 days is fine', () => {
    expect(line(facts(certificate({ notAfter: '2026-12-20T09:00:00.000Z' })))).toBe(
      'warn: The Remote Desktop certificate expires in 29 days (2026-12-20).',
    );
    expect(certificateProblem(facts(certificate({ notAfter: '2026-12-21T09:00:00.000Z' }))).problem).toBe('none');
  });
});

describe('what the connection test saw of the certificate', () => {
  it('failure 3 and an expired certificate, in words, wherever they sit in the report', () => {
    const fail3 = { kind: 'failure', code: 3, codeName: 'SSL_CERT_NOT_ON_SERVER', flags: 0 } as const;
    const r = result(
      'rdp-handshake',
      report({
        addresses: [
          address({ negotiation: [attempt(3, fail3)], tls: null }),
          address({ tls: tls({ certificate: wireCert({ expired: true, validTo: '2026-10-01T00:00:00.000Z' }) }) }),
        ],
      }),
    );
    expect(handshakeCertificateEvidence({ 'rdp-handshake': r })).toEqual({
      failure3: {
        checkId: 'rdp-handshake',
        label: 'Handshake',
        value: 'The server answered the Remote Desktop request with failure 3, SSL_CERT_NOT_ON_SERVER: it has no certificate it can use.',
      },
      expired: { checkId: 'rdp-handshake', label: 'Handshake', value: 'The server presented a certificate that expired on 2026-10-01.' },
    });
    expect(handshakeCertificateEvidence({ 'rdp-handshake': result('rdp-handshake', report()) })).toEqual({ failure3: null, expired: null });
    // An older report's shape: a failure code on its own.
    expect(handshakeCertificateEvidence({ 'rdp-handshake': { ...r, facts: { stages: [{ failureCode: 3 }] } } }).failure3).not.toBeNull();
  });
});

describe('the findings', () => {
  const THE_CAUSE =
    'Remote Desktop encrypts the connection with a certificate. When it is missing, has expired or has lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7.';

  it("Windows' own certificate expired: certain, the regeneration, in words that say what Windows does", () => {
    const [f] = diagnose([result('server-certificate', facts(certificate({ notAfter: '2026-11-01T00:00:00.000Z' })))]);
    expect(f).toMatchObject({
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate is unusable",
      likelihood: 'certain',
      score: 98,
      fixIds: ['regenerate-rdp-certificate'],
    });
    expect(f!.plain).toBe(`${THE_CAUSE} Windows makes a new self-signed one, with a new key, when the old one is removed with its key.`);
    expect(f!.technical).toMatch(
      /Self-signed: remove it with its key \(Remove-Item -DeleteKey\) and restart TermService and SessionEnv; Windows makes a new one\.$/,
    );
    expect(f!.evidence.map((e) => e.label)).toEqual(['Certificate']);
  });

  it('the connection test saw failure 3: scored highest, with what it saw among the evidence', () => {
    const fail3 = { kind: 'failure', code: 3, codeName: 'SSL_CERT_NOT_ON_SERVER', flags: 0 } as const;
    const wire = result(
      'rdp-handshake',
      report({ addresses: [address({ negotiation: [attempt(3, fail3)], tls: null, tlsVersions: [] })] }),
    );
    const [f] = diagnose([wire, result('server-certificate', facts(null, { listenerThumbprint: null }))]);
    expect(f).toMatchObject({ id: 'certificate-unusable', score: 100 });
    expect(f!.evidence.map((e) => e.value)).toContain(
      'The server answered the Remote Desktop request with failure 3, SSL_CERT_NOT_ON_SERVER: it has no certificate it can use.',
    );
  });

  it('a key file gone: says so, and offers making a new certificate', () => {
    const key = {
      container: 'TSSecKeySet1',
      provider: 'CAPI' as const,
      path: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace_1234',
      exists: false,
      regularFile: null,
      ownerSid: null,
      ownerTrusted: null,
      networkServiceCanRead: null,
    };
    const [f] = diagnose([result('server-certificate', facts(certificate({ key })))]);
    expect(f!.plain).toBe(
      `${THE_CAUSE} Here the certificate's private key file is gone from the server, although the certificate still says it has one. Windows makes a new self-signed one, with a new key, when the old one is removed with its key.`,
    );
  });

  it("expiring soon, Windows' own: possible, the regeneration; an administrator's with no other: no fix, what to do", () => {
    const soon = certificate({ notAfter: '2026-12-01T00:00:00.000Z' });
    const [own] = diagnose([result('server-certificate', facts(soon))]);
    expect(own).toMatchObject({
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate expires soon",
      likelihood: 'possible',
      score: 20,
      fixIds: ['regenerate-rdp-certificate'],
      plain: 'The certificate still works, but once it expires the connection will fail with 0x904/0x7.',
    });
    expect(own!.technical).toMatch(/^NotAfter of the listener certificate .* is within the warning window\./);
    const [admin] = diagnose([result('server-certificate', facts(null, { hashType: 3, myStore: [soon] }))]);
    expect(admin!.fixIds).toEqual([]);
    expect(admin!.plain).toBe(
      'The certificate still works, but once it expires the connection will fail with 0x904/0x7. An administrator installed this certificate, so Windows will not make a new one and RDP Doctor does not remove it: on the server, renew it where it came from (or import a valid one with its private key), then point Remote Desktop at it.',
    );
    expect(admin!.technical).toMatch(
      /^SSLCertificateSHA1HashType 3: a custom certificate in Cert:\\LocalMachine\\My\. Renew or import a valid one/,
    );
  });

  it('the server cannot get its next certificate: possible, the events named, nothing to fix from here', () => {
    const events = [
      {
        id: 1064,
        provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
        time: '2026-11-20T10:15:00.000Z',
        message: 'Template failed.',
      },
      {
        id: 13,
        provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment',
        time: '2026-11-20T10:16:00.000Z',
        message: 'Enrol failed.',
      },
      {
        id: 7,
        provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment',
        time: '2026-11-20T10:17:00.000Z',
        message: 'Other.',
      },
    ];
    const ok = certificate({ enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1'], chain: { trusted: true, problems: [] } });
    const found = diagnose([result('server-certificate', facts(null, { hashType: 2, myStore: [ok], events }))]);
    const f = found.find((x) => x.id === 'certificate-enrolment-failing')!;
    expect(f).toMatchObject({
      title: 'The server cannot get its next Remote Desktop certificate',
      likelihood: 'possible',
      score: 25,
      fixIds: [],
    });
    expect(f.technical).toMatch(
      /^Events on the server: 1064 \(TerminalServices-RemoteConnectionManager\), 13 \(CertificateServicesClient-AutoEnrollment\)\./,
    );
    expect(f.evidence.slice(1)).toEqual([
      {
        checkId: 'server-certificate',
        label: 'Event 1064',
        value: 'TerminalServices-RemoteConnectionManager, 2026-11-20 10:15: Template failed.',
      },
      {
        checkId: 'server-certificate',
        label: 'Event 13',
        value: 'CertificateServicesClient-AutoEnrollment, 2026-11-20 10:16: Enrol failed.',
      },
    ]);
    // Windows' own certificate does not enrol; without those events, nothing.
    expect(diagnose([result('server-certificate', facts(ok, { events }))]).map((x) => x.id)).not.toContain('certificate-enrolment-failing');
    expect(
      diagnose([result('server-certificate', facts(null, { hashType: 2, myStore: [ok], events: [events[2]!] }))]).map((x) => x.id),
    ).toEqual([]);
  });
});

describe('an unusable certificate with more found beside it', () => {
  it('a key Remote Desktop may not read either: the permission repair first, said so, with the key file as evidence', () => {
    const expired = serverResult.cert({ notAfter: '2026-11-01T00:00:00.000Z' });
    const [f] = diagnose([expired, serverResult.lockedKey()]);
    expect(f!.id).toBe('certificate-unusable');
    expect(f!.fixIds).toEqual(['repair-rdp-key-permissions', 'regenerate-rdp-certificate']);
    expect(f!.plain).toContain(
      'Remote Desktop may not read its private key either, which is often why Windows could not renew it: repair that first.',
    );
    expect(f!.evidence.map((e) => e.label)).toEqual(['Certificate', 'Key file']);
    expect(f!.technical).toMatch(
      /^The listener certificate \(Win32_TSGeneralSetting SSLCertificateSHA1Hash, in Cert:\\LocalMachine\\Remote Desktop or \\My\) is missing, past NotAfter, or has no usable private key .* Schannel 36870\. Self-signed: /,
    );
  });

  it('with the security settings read and set here, the isolation test is offered too', () => {
    const [f] = diagnose([serverResult.cert({ notAfter: '2026-11-01T00:00:00.000Z' }), serverResult.security()]);
    expect(f!.fixIds).toEqual(['regenerate-rdp-certificate', 'rdp-security-isolation-test']);
  });

  it("Windows' own certificate with enrolment events: they are evidence, but the words about the authority are not said", () => {
    const events = [
      { id: 13, provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment', time: '2026-11-20T10:16:00.000Z', message: 'x' },
    ];
    const [f] = diagnose([result('server-certificate', facts(certificate({ notAfter: '2026-11-01T00:00:00.000Z' }), { events }))]);
    expect(f!.evidence.map((e) => e.label)).toEqual(['Certificate', 'Event 13']);
    expect(f!.plain).not.toContain('certificate authority for it failed');
  });

  it('expiring soon with what the wire saw: the certificate and the wire as evidence', () => {
    const wire = result(
      'rdp-handshake',
      report({ addresses: [address({ tls: tls({ certificate: wireCert({ expired: true, validTo: '2026-11-20T00:00:00.000Z' }) }) })] }),
    );
    const found = diagnose([wire, result('server-certificate', facts(certificate({ notAfter: '2026-12-01T00:00:00.000Z' })))]);
    const f = found.find((x) => x.id === 'certificate-unusable')!;
    expect(f.evidence.map((e) => e.value)).toEqual(
      expect.arrayContaining([
        'The server presented a certificate that expired on 2026-11-20.',
        'The Remote Desktop certificate expires in 9 days (2026-12-01).',
      ]),
    );
  });
});
