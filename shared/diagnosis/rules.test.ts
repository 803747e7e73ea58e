import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import { defaultDiagnosisContext } from '../network-type';
import { diagnose } from './rules';
import { evaluate } from './evaluate';

const tcp = (state: 'open' | 'refused' | 'filtered'): CheckResult => {
  const facts = { port: 3389, attempts: [{ address: '10.0.0.5', state, ms: 4000, error: null }] };
  return { checkId: 'tcp-port', ...evaluate('tcp-port', facts), facts, durationMs: 1 };
};
const firewall = (enabled: boolean, profiles: Array<'Domain' | 'Private' | 'Public' | 'Any'> = ['Any']): CheckResult => {
  const facts = {
    activeProfiles: ['Public'],
    rules: [
      { name: 'RemoteDesktop-UserMode-In-TCP', displayName: 'Remote Desktop - User Mode (TCP-In)', enabled, profiles, protocol: 'TCP' },
    ],
  };
  return { checkId: 'server-firewall', ...evaluate('server-firewall', facts), facts, durationMs: 1 };
};
const certificate = (notAfter: string, hasPrivateKey = true): CheckResult => {
  const facts = {
    listenerThumbprint: 'A'.repeat(40),
    store: [{ thumbprint: 'A'.repeat(40), subject: 'CN=srv', notBefore: '2025-01-01T00:00:00.000Z', notAfter, hasPrivateKey }],
    now: '2026-11-21T09:00:00.000Z',
  };
  return { checkId: 'server-certificate', ...evaluate('server-certificate', facts), facts, durationMs: 1 };
};

describe('evaluate', () => {
  it('words each TCP state plainly', () => {
    expect(tcp('open').status).toBe('pass');
    expect(tcp('refused').summary).toMatch(/closed/);
    expect(tcp('filtered').summary).toMatch(/silently drops/);
  });

  it('fails a firewall rule that is on only for another profile', () => {
    const r = firewall(true, ['Domain']);
    expect(r.status).toBe('fail');
    expect(r.summary).toBe('The rule "Remote Desktop - User Mode (TCP-In)" is on only for Domain, but the server is on a Public network.');
  });

  it('judges the certificate: expired, key lost, expiring soon, fine', () => {
    expect(certificate('2026-11-14T00:00:00.000Z').summary).toBe('The Remote Desktop certificate expired on 2026-11-14.');
    expect(certificate('2027-11-14T00:00:00.000Z', false).status).toBe('fail');
    expect(certificate('2026-12-01T09:00:00.000Z').status).toBe('warn');
    expect(certificate('2027-11-14T00:00:00.000Z').status).toBe('pass');
  });
});

describe('diagnose', () => {
  it('finds nothing on a healthy set', () => {
    expect(diagnose([tcp('open'), firewall(true), certificate('2027-11-14T00:00:00.000Z')])).toEqual([]);
  });

  it('makes a filtered port and a disabled firewall rule one finding with both pieces of evidence', () => {
    const findings = diagnose([tcp('filtered'), firewall(false)]);
    expect(findings.map((f) => f.id)).toEqual(['firewall-blocks-rdp']);
    // The port check's line, the firewall's, and the per-address fact the wire finding carried in.
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['tcp-port', 'server-firewall', 'tcp-port']);
    expect(findings[0]?.evidence[2]?.label).toBe('Port 3389 on 10.0.0.5');
    expect(findings[0]?.likelihood).toBe('certain');
    expect(findings[0]?.fixIds).toEqual(['enable-firewall-rdp']);
  });

  it('ranks an expired certificate above a closed port', () => {
    const findings = diagnose([tcp('refused'), certificate('2026-11-14T00:00:00.000Z')]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable', 'port-closed']);
  });

  it('offers no fix for a filtered port when the server firewall is fine', () => {
    const [f] = diagnose([tcp('filtered'), firewall(true)]);
    expect(f?.id).toBe('firewall-blocks-rdp');
    expect(f?.likelihood).toBe('likely');
    expect(f?.fixIds).toEqual([]);
  });

  it('the error the user sees now reorders the findings: a connection that never opened puts reach above the certificate', () => {
    const found = [tcp('filtered'), certificate('2026-11-14T00:00:00.000Z')];
    expect(diagnose(found).map((f) => f.id)).toEqual(['certificate-unusable', 'firewall-blocks-rdp']);
    const after = diagnose(found, { ...defaultDiagnosisContext, reportedError: '0x204' });
    expect(after.map((f) => f.id)).toEqual(['firewall-blocks-rdp', 'certificate-unusable']);
    expect(after[0]!.score).toBeGreaterThan(after[1]!.score);
  });
});
