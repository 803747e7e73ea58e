import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';

describe('dns', () => {
  it('fails a name with no address, naming the resolver code, or "no answer" when it gave none', () => {
    const notFound = evaluate('dns', { host: 'rdp.contoso.com', addresses: [], error: 'ENOTFOUND' });
    expect(notFound.status).toBe('fail');
    expect(notFound.summary).toBe('"rdp.contoso.com" does not resolve to any address (ENOTFOUND).');
    expect(evaluate('dns', { host: 'rdp.contoso.com', addresses: [], error: null }).summary).toBe(
      '"rdp.contoso.com" does not resolve to any address (no answer).',
    );
  });

  it('passes a resolved name and lists every address it resolved to, in order', () => {
    const e = evaluate('dns', {
      host: 'rdp.contoso.com',
      addresses: [
        { address: '10.0.0.5', family: 4 },
        { address: 'fe80::5', family: 6 },
      ],
      error: null,
    });
    expect(e.status).toBe('pass');
    expect(e.summary).toBe('"rdp.contoso.com" resolves to 10.0.0.5, fe80::5.');
  });
});
