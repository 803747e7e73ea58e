import { describe, expect, it } from 'vitest';
import { ids, HOST, credentials, credssp, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';

describe('client-credssp', () => {
  it('words the CredSSP values, and passes the temporary workaround 2 with a warning in its text', () => {
    expect(credssp(null).status).toBe('pass');
    expect(credssp(0).status).toBe('fail');
    expect(credssp(2)).toMatchObject({ status: 'pass', summary: expect.stringMatching(/temporary workaround/) });
  });

  it('word domain advice as group policy and leave the CredSSP change to IT', () => {
    const results = healthyClient().map((r) => (r.checkId === 'client-credssp' ? credssp(0) : r));
    const [f] = diagnose(results, { networkType: 'domain' });
    expect(f?.plain).toMatch(/company policy: ask IT/);
    expect(f?.fixIds).toEqual([]);
  });

  it('mention a CredSSP workaround left at 2, at the bottom', () => {
    const results = [...healthyClient().filter((r) => r.checkId !== 'client-credssp'), credssp(2), credentials(`TERMSRV/${HOST}`)];
    expect(ids(results)).toEqual(['stale-saved-credentials', 'credssp-left-vulnerable']);
  });
});
