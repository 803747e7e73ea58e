import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';

const hash = 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334';
const pinned = (servers: { name: string; certHash: string | null; usernameHint: string | null }[]) =>
  evaluate('client-pinned-certificate', { host: 'rdp.contoso.com', port: 3390, servers });

describe('client-pinned-certificate', () => {
  it('says nothing was remembered when no saved entry holds a thumbprint', () => {
    const e = pinned([{ name: 'rdp.contoso.com', certHash: null, usernameHint: 'CONTOSO\\anna' }]);
    expect(e.status).toBe('pass');
    expect(e.summary).toBe(
      'Remote Desktop has not remembered a certificate for rdp.contoso.com: it asks when a certificate cannot be verified.',
    );
  });

  it('names only the entries that remembered a certificate, with their thumbprints', () => {
    const other = 'FFEEDDCCBBAA99887766554433221100FFEEDDCC';
    expect(
      pinned([
        { name: 'rdp.contoso.com', certHash: null, usernameHint: null },
        { name: 'rdp.contoso.com:3390', certHash: hash, usernameHint: null },
      ]).summary,
    ).toBe(`Remote Desktop remembers the certificate you accepted for rdp.contoso.com:3390 (thumbprint ${hash}).`);
    const both = pinned([
      { name: 'rdp.contoso.com', certHash: hash, usernameHint: null },
      { name: 'rdp.contoso.com:3390', certHash: other, usernameHint: null },
    ]);
    expect(both.status).toBe('pass');
    expect(both.summary).toBe(
      `Remote Desktop remembers the certificate you accepted for rdp.contoso.com and rdp.contoso.com:3390 (thumbprint ${hash}, ${other}).`,
    );
  });
});
