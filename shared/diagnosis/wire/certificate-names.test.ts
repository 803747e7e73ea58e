import { describe, expect, it } from 'vitest';
import { certificateNames, dnsNameCovers, nameThatWouldWork } from './certificate-names';

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
