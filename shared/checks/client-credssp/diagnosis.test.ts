import { describe, expect, it } from 'vitest';
import { ids, HOST, credentials, credssp, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';
import { learnMore } from '../../catalog/learn-more';
import type { NetworkType } from '../../network-type';

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

describe('client-credssp, as the user reads it', () => {
  const withPolicy = (v: number | null) => healthyClient().map((r) => (r.checkId === 'client-credssp' ? credssp(v) : r));
  const finding = (id: string, v: number | null, networkType: NetworkType = 'home') =>
    diagnose(withPolicy(v), { networkType }).find((f) => f.id === id);

  it('says what each value means', () => {
    expect(credssp(null).summary).toBe('Not set: Windows uses its default ("Mitigated" since the May 2018 updates).');
    expect(credssp(0).summary).toBe(
      'Set to 0 ("Force Updated Clients"): this computer refuses servers that miss the May 2018 CredSSP update.',
    );
    expect(credssp(2).summary).toMatch(/^Set to 2 \("Vulnerable"\): this computer also talks to unpatched servers\./);
    expect(credssp(1).status).toBe('pass');
    expect(credssp(1).summary).toBe('Set to 1 ("Mitigated").');
    expect(credssp(7).summary).toBe('Set to 7 ("unknown").');
  });

  it('names "Force Updated Clients" as a possible cause, says the real fix is the server, and offers the temporary workaround', () => {
    const f = finding('credssp-policy-blocks', 0);
    expect(f?.title).toBe('This computer refuses servers without the CredSSP security update');
    expect(f?.plain).toMatch(/The real fix is updating the server\..* allow it temporarily and undo that right after\.$/);
    expect(f?.technical).toMatch(/AllowEncryptionOracle = 0 \(Force Updated Clients\).*CVE-2018-0886/);
    expect(f?.learnMore).toBe(learnMore.credSsp);
    expect(f?.likelihood).toBe('possible');
    expect(f?.fixIds).toEqual(['credssp-allow-vulnerable']);
    expect(f?.evidence).toEqual([{ checkId: 'client-credssp', label: 'CredSSP policy', value: credssp(0).summary }]);
    expect(finding('credssp-policy-blocks', 0, 'azure')?.plain).toMatch(
      /right after\. For an Azure VM, install the updates without Remote Desktop: use "Run command"/,
    );
    expect(finding('credssp-policy-blocks', 0, 'vpn')?.plain).toMatch(
      /right after\. If your company manages this PC, a company policy may set this/,
    );
    expect(finding('credssp-policy-blocks', 0, 'vpn')?.fixIds).toEqual(['credssp-allow-vulnerable']);
  });

  it('names each finding only for its own value', () => {
    for (const v of [null, 1, 2]) expect(finding('credssp-policy-blocks', v), String(v)).toBeUndefined();
    for (const v of [null, 0, 1]) expect(finding('credssp-left-vulnerable', v), String(v)).toBeUndefined();
    const noCheck = healthyClient().filter((r) => r.checkId !== 'client-credssp');
    expect(ids(noCheck)).toEqual([]);
  });

  it('says a workaround left at 2 is not the cause, how to set it back, and offers no fix of its own', () => {
    const f = finding('credssp-left-vulnerable', 2);
    expect(f?.title).toBe('A CredSSP security workaround is switched on');
    expect(f?.plain).toMatch(/^A security policy on this computer is set to "Vulnerable"\. That is not what breaks this connection/);
    expect(f?.technical).toMatch(/AllowEncryptionOracle = 2 \(Vulnerable\).*Default \(absent\) is 1, Mitigated\./);
    expect(f?.learnMore).toBe(learnMore.credSsp);
    expect(f?.likelihood).toBe('possible');
    expect(f?.fixIds).toEqual([]);
    expect(f?.evidence).toEqual([{ checkId: 'client-credssp', label: 'CredSSP policy', value: credssp(2).summary }]);
  });
});
