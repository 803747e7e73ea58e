import { describe, expect, it } from 'vitest';
import { certificateFindings } from './certificate';
import { cert } from '../../../test/probe/fixtures';
import type { CertificateFacts } from '../../probe-facts';

/*
 * What the certificate the server showed says by itself, as the user reads it: each problem alone
 * (not hidden behind another), its date or size in the words, and whether a fix is offered.
 */

const HOST = 'server.example.com';
const findings = (over: Partial<CertificateFacts>, host = HOST) => certificateFindings(cert(over), host, []);
const only = (over: Partial<CertificateFacts>) => {
  const f = findings(over);
  expect(f).toHaveLength(1);
  return f[0]!;
};

describe("the server's certificate on the wire", () => {
  it('a healthy certificate for the name typed: nothing to say', () => {
    expect(findings({})).toEqual([]);
  });

  it('expired: likely, the date it expired, the regeneration offered, and the certificate in the evidence', () => {
    const f = only({ expired: true, daysLeft: -3, validTo: '2026-05-29T00:00:00.000Z' });
    expect(f).toMatchObject({ id: 'certificate-unusable', likelihood: 'likely', score: 85, fixIds: ['regenerate-rdp-certificate'] });
    expect(f.title).toBe("The server's Remote Desktop certificate has expired");
    expect(f.plain).toContain('expired on 2026-05-29');
    expect(f.technical).toContain('NotAfter 2026-05-29T00:00:00.000Z');
    expect(f.evidence).toEqual([
      {
        checkId: 'rdp-handshake',
        label: 'Certificate',
        value: `CN=server.example.com; valid 2026-01-01 to 2026-05-29; SHA-1 ${'AB'.repeat(20)}`,
      },
    ]);
  });

  it('not valid yet: likely, tells the user to fix the clock first and names the day it becomes valid', () => {
    const f = only({ notYetValid: true, validFrom: '2026-12-24T00:00:00.000Z' });
    expect(f).toMatchObject({
      id: 'certificate-not-yet-valid',
      title: "The server's certificate is not valid yet",
      likelihood: 'likely',
      score: 70,
      fixIds: ['regenerate-rdp-certificate'],
    });
    expect(f.plain).toMatch(/^The certificate only becomes valid on 2026-12-24\. Usually the clock/);
    expect(f.technical).toContain('NotBefore 2026-12-24T00:00:00.000Z is in the future');
  });

  it('expiring within 30 days: only a possible note, the days left in the title, no fix; 31 days: nothing', () => {
    const f = only({ daysLeft: 30, validTo: '2026-07-01T00:00:00.000Z' });
    expect(f).toMatchObject({ id: 'certificate-expiring-soon', likelihood: 'possible', score: 30, fixIds: [] });
    expect(f.title).toBe("The server's certificate expires in 30 days");
    expect(f.plain).toContain('expires on 2026-07-01');
    expect(f.technical).toBe(
      'TLS certificate NotAfter 2026-07-01T00:00:00.000Z (30 days), issuer CN=server.example.com, self-signed: true.',
    );
    expect(only({ daysLeft: 1 }).title).toBe("The server's certificate expires in 1 day");
    expect(findings({ daysLeft: 31 })).toEqual([]);
  });

  it('expired wins over "expiring soon" and "not valid yet": one finding about the date, the worst one', () => {
    expect(findings({ expired: true, notYetValid: true, daysLeft: -1 }).map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings({ notYetValid: true, daysLeft: 10 }).map((f) => f.id)).toEqual(['certificate-not-yet-valid']);
  });

  it('a weak key alone (1024-bit RSA, SHA-256): flagged, with only the key named', () => {
    const f = only({ keyBits: 1024 });
    expect(f).toMatchObject({
      id: 'certificate-weak',
      title: 'The certificate uses weak cryptography',
      likelihood: 'possible',
      score: 40,
      fixIds: ['regenerate-rdp-certificate'],
    });
    expect(f.technical).toBe('The certificate uses a 1024-bit RSA key; use 2048-bit RSA (or ECDSA) with SHA-256.');
    expect(f.evidence.at(-1)).toEqual({
      checkId: 'rdp-handshake',
      label: 'Key and signature',
      value: 'rsa 1024 bits, sha256WithRSAEncryption',
    });
  });

  it('a weak signature alone (SHA-1 or MD5 with a 2048-bit key): flagged, with only the signature named', () => {
    expect(only({ signatureAlgorithm: 'sha1WithRSAEncryption' }).technical).toBe(
      'The certificate uses a sha1WithRSAEncryption signature; use 2048-bit RSA (or ECDSA) with SHA-256.',
    );
    expect(only({ signatureAlgorithm: 'md5WithRSAEncryption' }).id).toBe('certificate-weak');
  });

  it('a 2048-bit RSA key, a small EC key, or a key of unknown size is not called weak', () => {
    expect(findings({ keyBits: 2048 })).toEqual([]);
    expect(findings({ keyType: 'ec', keyBits: 256, curve: 'prime256v1' })).toEqual([]);
    expect(findings({ keyBits: null })).toEqual([]);
    expect(findings({ keyType: null, keyBits: 512, signatureAlgorithm: null })).toEqual([]);
  });

  it('an unknown key and signature read as question marks in the evidence', () => {
    const f = only({ keyType: 'rsa', keyBits: 512, signatureAlgorithm: null });
    expect(f.evidence.at(-1)?.value).toBe('rsa 512 bits, ?');
  });
});

describe('the name in the certificate and the name typed', () => {
  it('another name: says which names it is for, suggests the first that works, and that it alone is not 0x904', () => {
    const f = only({
      nameMatches: false,
      commonName: 'srv01',
      subjectAltNames: ['DNS:srv01.corp.example', 'DNS:rdp.corp.example'],
      selfSigned: false,
    });
    expect(f).toMatchObject({
      id: 'certificate-name-mismatch',
      title: 'The certificate is for a different name',
      likelihood: 'possible',
      fixIds: [],
    });
    expect(f.plain).toBe(
      'The server\'s certificate is for "srv01.corp.example", "rdp.corp.example", not "server.example.com". Connect to "srv01.corp.example" instead: that name is in the certificate. Remote Desktop warns about a name that does not match and lets you continue (unless this computer is set to refuse such servers); it does not cause error 0x904 by itself.',
    );
    expect(f.technical).toMatch(/^Subject CN=server.example.com; SANs DNS:srv01.corp.example, DNS:rdp.corp.example\. RFC 6125/);
    expect(f.evidence.slice(-2)).toEqual([
      { checkId: 'rdp-handshake', label: 'Names in the certificate', value: 'srv01.corp.example, rdp.corp.example' },
      { checkId: 'rdp-handshake', label: 'A name that would work', value: 'srv01.corp.example' },
    ]);
  });

  it('a short name that the certificate covers in full: "connect to" that name, in the words and the evidence', () => {
    const f = certificateFindings(cert({ nameMatches: false, commonName: 'office-pc.corp.example', subjectAltNames: [] }), 'office-pc', []);
    expect(f).toHaveLength(1);
    expect(f[0]!.plain).toContain('Connect to "office-pc.corp.example" instead: that name is in the certificate.');
    expect(f[0]!.technical).toContain('"office-pc.corp.example" matches. ');
    expect(f[0]!.evidence.at(-1)).toEqual({ checkId: 'rdp-handshake', label: 'A name that would work', value: 'office-pc.corp.example' });
  });

  it("by address, Windows' own certificate says nothing (it proves no address), one from an authority that proves a name does", () => {
    expect(findings({ nameMatches: false, commonName: 'srv01', selfSigned: true }, '10.0.0.5')).toEqual([]);
    expect(findings({ nameMatches: false, commonName: 'srv01', selfSigned: true }, 'fe80::1')).toEqual([]);
    // localhost is the loopback address by name: the same (the demo's server-itself case).
    expect(findings({ nameMatches: false, commonName: 'srv-app01.corp.example', selfSigned: true }, 'localhost')).toEqual([]);
    expect(findings({ nameMatches: false, commonName: 'srv-app01.corp.example', selfSigned: true }, 'LOCALHOST')).toEqual([]);
    expect(findings({ nameMatches: false, commonName: 'srv-app01.corp.example', selfSigned: true }, 'localhost.example')).not.toEqual([]);
    const ca = findings({ nameMatches: false, commonName: 'srv01.corp.example', selfSigned: false }, '10.0.0.5');
    expect(ca.map((f) => f.id)).toEqual(['certificate-name-mismatch']);
    expect(findings({ nameMatches: false, commonName: null, selfSigned: false }, '10.0.0.5')).toEqual([]);
  });

  it('a certificate with no names at all is named by its subject', () => {
    const f = only({ nameMatches: false, commonName: null, subjectAltNames: [], subject: 'O=Example' });
    expect(f.plain).toMatch(/^The server's certificate is for "O=Example", not "server.example.com"\./);
    expect(f.technical).toContain('SANs none.');
    expect(f.evidence.at(-1)?.value).toBe('O=Example');
  });
});
