import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import { result } from '../../../test/support/client-results';
import type { CheckResult } from '../../results';

const facts = (over: object = {}) => ({
  defaultBlockProfiles: [],
  blockRules: [],
  securityProducts: [{ name: 'ESET Security', kind: 'antivirus', enabled: true }],
  ...over,
});

describe('outbound blocking on this computer', () => {
  it('names the rule that blocks mstsc.exe, and the security software', () => {
    const e = evaluate(
      'client-outbound-security',
      facts({ blockRules: [{ name: 'x', displayName: 'Block RDP', program: 'C:\\Windows\\system32\\mstsc.exe', remotePort: null }] }),
    );
    expect(e).toEqual({
      status: 'fail',
      summary: 'The Windows Firewall rule "Block RDP" blocks mstsc.exe going out. Security software: ESET Security.',
    });
  });

  it('warns when outbound traffic is blocked by default, passes otherwise', () => {
    expect(evaluate('client-outbound-security', facts({ defaultBlockProfiles: ['Public'] })).status).toBe('warn');
    expect(evaluate('client-outbound-security', facts()).summary).toBe(
      'No firewall rule blocks Remote Desktop going out. Security software: ESET Security.',
    );
  });

  it('is a possible cause, ranked below a broken server certificate', () => {
    const outbound = { checkId: 'client-outbound-security' as const, status: 'fail' as const, summary: 's', durationMs: 1 };
    const cert = { checkId: 'server-certificate' as const, status: 'fail' as const, summary: 'expired', durationMs: 1 };
    const ids = diagnose([outbound, cert]).map((f) => f.id);
    expect(ids.indexOf('outbound-blocked')).toBeGreaterThan(ids.indexOf('certificate-unusable'));
    expect(diagnose([outbound])[0]).toMatchObject({ id: 'outbound-blocked', likelihood: 'possible' });
  });
});

describe('outbound blocking, as the user reads it', () => {
  const rule = (over: object = {}) => ({ name: 'x', displayName: 'Block RDP', program: null, remotePort: '3389', ...over });
  const outbound = (over: object) => result('client-outbound-security', facts(over));

  it('names a port rule by its port, and only the first rule', () => {
    expect(outbound({ blockRules: [rule(), rule({ displayName: 'Second' })] }).summary).toBe(
      'The Windows Firewall rule "Block RDP" blocks port 3389 going out. Security software: ESET Security.',
    );
  });

  it('lists each security product that is not turned off, once, and says nothing of software when there is none', () => {
    const products = [
      { name: 'ESET Security', kind: 'antivirus', enabled: true },
      { name: 'ESET Security', kind: 'firewall', enabled: null },
      { name: 'Windows Defender', kind: 'antivirus', enabled: false },
      { name: 'Norton', kind: 'firewall', enabled: true },
    ];
    expect(outbound({ securityProducts: products }).summary).toBe(
      'No firewall rule blocks Remote Desktop going out. Security software: ESET Security, Norton.',
    );
    expect(outbound({ securityProducts: [] }).summary).toBe('No firewall rule blocks Remote Desktop going out.');
    expect(outbound({ securityProducts: [] }).status).toBe('pass');
  });

  it('names the profiles that block by default', () => {
    const r = outbound({ defaultBlockProfiles: ['Domain', 'Public'], securityProducts: [] });
    expect(r.status).toBe('warn');
    expect(r.summary).toBe(
      'Windows Firewall blocks all outbound traffic by default (Domain, Public); Remote Desktop works only if a rule allows it.',
    );
    // A rule that blocks outright is the stronger statement.
    expect(outbound({ defaultBlockProfiles: ['Public'], blockRules: [rule()] }).status).toBe('fail');
  });

  it('tells where to turn the rule off, offers no fix, and on a company PC sends the user to IT', () => {
    const results = [outbound({ blockRules: [rule()] })];
    const [home] = diagnose(results, { networkType: 'home' });
    expect(home?.id).toBe('outbound-blocked');
    expect(home?.title).toBe('A firewall rule on this computer blocks Remote Desktop');
    expect(home?.plain).toMatch(/Outbound Rules/);
    expect(home?.plain).not.toMatch(/ask IT/);
    expect(home?.technical).toMatch(/usually show as 0x204/);
    expect(home?.fixIds).toEqual([]);
    expect(home?.evidence).toEqual([{ checkId: 'client-outbound-security', label: 'Outbound firewall', value: results[0]!.summary }]);
    expect(diagnose(results, { networkType: 'domain' })[0]?.plain).toMatch(/ rules come from a company policy: ask IT\.$/);
  });

  it('names no cause when outbound traffic is only blocked by default, nothing blocks, or the check did not run', () => {
    const found = (r: CheckResult[]) => diagnose(r).map((f) => f.id);
    expect(found([outbound({ defaultBlockProfiles: ['Public'] })])).not.toContain('outbound-blocked');
    expect(found([outbound({})])).not.toContain('outbound-blocked');
    expect(found([result('client-tls', { protocols: [] })])).not.toContain('outbound-blocked');
  });
});
