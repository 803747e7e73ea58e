import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';

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
