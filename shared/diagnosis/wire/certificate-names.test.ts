import { describe, expect, it } from 'vitest';
import { certificateNames, dnsNameCovers, nameThatWouldWork } from './certificate-names';
import { certificateFindings } from './certificate';
import { cert } from '../../../test/probe/fixtures';

describe('the names a certificate proves (RFC 6125)', () => {
  it('reads the DNS names of the Subject Alternative Name and ignores the common name when there are some', () => {
    const names = certificateNames({ commonName: 'legacy-name', subjectAltNames: ['DNS:Office-PC.corp.example', 'IP Address:10.0.0.5'] });
    expect(names).toEqual({ dns: ['office-pc.corp.example'], ips: ['10.0.0.5'] });
  });

  it("falls back to the common name only when there is no DNS name (Windows' own certificate)", () => {
    expect(certificateNames({ commonName: 'OFFICE-PC.corp.example', subjectAltNames: [] }).dns).toEqual(['office-pc.corp.example']);
  });

  it('lets a wildcard stand for exactly one left-most label', () => {
    expect(dnsNameCovers('*.corp.example', 'office-pc.corp.example')).toBe(true);
    expect(dnsNameCovers('*.corp.example', 'a.b.corp.example')).toBe(false);
    expect(dnsNameCovers('*.corp.example', 'corp.example')).toBe(false);
    expect(dnsNameCovers('*.example', 'corp.example')).toBe(false);
    expect(dnsNameCovers('office-pc.corp.example', 'OFFICE-PC.corp.example.')).toBe(true);
  });
});

describe('the name that would work instead', () => {
  it('is the full name of the short one typed', () => {
    const names = certificateNames({ commonName: null, subjectAltNames: ['DNS:files.corp.example', 'DNS:office-pc.corp.example'] });
    expect(nameThatWouldWork(names, 'office-pc')).toBe('office-pc.corp.example');
  });

  it('is the typed short name under the wildcard', () => {
    expect(nameThatWouldWork({ dns: ['*.corp.example'], ips: [] }, 'office-pc')).toBe('office-pc.corp.example');
  });

  it('is the name the certificate proves when the address was typed', () => {
    expect(nameThatWouldWork({ dns: ['office-pc.corp.example'], ips: [] }, '10.0.0.5')).toBe('office-pc.corp.example');
  });

  it('is nothing when the certificate proves no name', () => {
    expect(nameThatWouldWork({ dns: [], ips: ['10.0.0.5'] }, 'office-pc')).toBeNull();
  });
});

describe('the name finding from the wire (the client side of the names check)', () => {
  const caCert = cert({
    subject: 'CN=office-pc.corp.example',
    commonName: 'office-pc.corp.example',
    subjectAltNames: ['DNS:office-pc.corp.example'],
    issuer: 'CN=Corp Issuing CA 1',
    selfSigned: false,
  });

  it('says which name would work when the short name was typed', () => {
    const [f] = certificateFindings({ ...caCert, nameMatches: false }, 'office-pc', []);
    expect(f?.id).toBe('certificate-name-mismatch');
    expect(f?.plain).toContain('Connect to "office-pc.corp.example" instead');
    expect(f?.evidence.map((e) => e.value)).toContain('office-pc.corp.example');
  });

  it("by address: a certificate from an authority gets the name to use; Windows' own self-signed one is left alone", () => {
    expect(certificateFindings({ ...caCert, nameMatches: false }, '10.0.0.5', [])[0]?.plain).toContain(
      'Connect to "office-pc.corp.example"',
    );
    expect(certificateFindings({ ...caCert, selfSigned: true, nameMatches: false }, '10.0.0.5', [])).toEqual([]);
  });

  it('nothing when the typed name matches', () => {
    expect(certificateFindings({ ...caCert, nameMatches: true }, 'office-pc.corp.example', [])).toEqual([]);
  });
});
