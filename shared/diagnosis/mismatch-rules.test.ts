import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import { clientApp, clientTls, handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { clientTlsOffers, serverCredSspFix } from './mismatch-rules';
import { diagnose } from './rules';

const find = (id: string, results: CheckResult[], networkType: 'home' | 'domain' = 'home') =>
  diagnose(results, { networkType }).find((f) => f.id === id);
const OFF = { enabled: 0, disabledByDefault: null };

describe('client TLS offers', () => {
  it('reads a missing key as the Windows default, Enabled = 0 or DisabledByDefault = 1 as off, and no TLS 1.3 before Server 2022', () => {
    const offers = clientTlsOffers(
      {
        protocols: [
          { version: 'TLS 1.0', keyExists: true, enabled: 0, disabledByDefault: 0 },
          { version: 'TLS 1.1', keyExists: true, enabled: 1, disabledByDefault: 1 },
          { version: 'TLS 1.2', keyExists: true, enabled: 1, disabledByDefault: 0 },
        ],
      },
      19045,
    );
    expect(offers).toEqual({ 'TLS 1.0': 'off', 'TLS 1.1': 'off', 'TLS 1.2': 'on', 'TLS 1.3': 'unsupported' });
    expect(clientTlsOffers({ protocols: [] }, null)).toEqual({
      'TLS 1.0': 'default',
      'TLS 1.1': 'default',
      'TLS 1.2': 'default',
      'TLS 1.3': 'default',
    });
  });
});

describe('TLS version mismatch', () => {
  it('a server that only speaks TLS 1.0 against a client with TLS 1.0 off: certain, first, with both sides, and the server-only symptom folded in', () => {
    const findings = diagnose([clientTls({ 'TLS 1.0': OFF }), handshake({ TLSv1: 'yes' })]);
    const top = findings[0]!;
    expect(top.id).toBe('tls-version-mismatch');
    expect(top.likelihood).toBe('certain');
    expect(top.plain).toMatch(/only accepts TLS 1\.0, and TLS 1\.0 is switched off on this computer/);
    expect(top.plain).toMatch(/that is why you see error 0x904/);
    expect(top.evidence.map((e) => e.checkId)).toEqual(expect.arrayContaining(['client-tls', 'rdp-handshake']));
    expect(top.technical).toContain('TLS 1.0\\Client Enabled = 0');
    // "The server only speaks old TLS" is the same cause: folded into this finding, not shown twice.
    expect(findings.map((f) => f.id)).not.toContain('old-tls-only');
  });

  it('the same server against a client on Windows defaults: no mismatch, the old-TLS finding stays', () => {
    const ids = diagnose([clientTls(), handshake({ TLSv1: 'yes' })]).map((f) => f.id);
    expect(ids).not.toContain('tls-version-mismatch');
    expect(ids).toContain('old-tls-only');
  });

  it('a version the sweep could not try that this computer still offers makes it likely, and says which', () => {
    const f = find('tls-version-mismatch', [clientTls({ 'TLS 1.0': OFF }), handshake({ TLSv1: 'yes', 'TLSv1.1': 'unknown' })]);
    expect(f?.likelihood).toBe('likely');
    expect(f?.plain).toMatch(/could not try TLS 1\.1/);
  });

  it('a TLS 1.3-only server against Windows 10: certain, because that Windows has no TLS 1.3; unknown build: no claim', () => {
    const f = find('tls-version-mismatch', [clientTls(), clientApp(19045), handshake({ 'TLSv1.3': 'yes' })]);
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(/cannot use TLS 1\.3 at all/);
    expect(find('tls-version-mismatch', [clientTls(), clientApp(26100), handshake({ 'TLSv1.3': 'yes' })])).toBeUndefined();
    expect(find('tls-version-mismatch', [clientTls(), handshake({ 'TLSv1.3': 'yes' })])).toBeUndefined();
  });

  it('TLS 1.2 switched off by DisabledByDefault against a TLS 1.2-only server; the server fix is offered only when its own check found TLS 1.2 off', () => {
    const results = [clientTls({ 'TLS 1.2': { enabled: null, disabledByDefault: 1 } }), handshake({ 'TLSv1.2': 'yes' })];
    expect(find('tls-version-mismatch', results)?.fixIds).toEqual([]);
    // "TLS 1.2 is off on this computer" alone is the same cause, now with the server's side: one finding.
    const ids = diagnose(results).map((f) => f.id);
    expect(ids).not.toContain('client-tls-disabled');
    expect(find('tls-version-mismatch', results)?.evidence.filter((e) => e.checkId === 'client-tls')).toHaveLength(2);
    const serverTls12Off: CheckResult = {
      checkId: 'server-tls-versions',
      status: 'fail',
      summary: 'TLS 1.2 is switched off.',
      durationMs: 1,
    };
    expect(find('tls-version-mismatch', [...results, serverTls12Off])?.fixIds).toEqual(['enable-tls12-server']);
  });

  it("no finding without this computer's TLS facts or without the probe", () => {
    expect(find('tls-version-mismatch', [handshake({ TLSv1: 'yes' })])).toBeUndefined();
    expect(find('tls-version-mismatch', [clientTls({ 'TLS 1.0': OFF })])).toBeUndefined();
  });
});

describe('CredSSP mismatch', () => {
  const credssp = (v: number | null) => result('client-credssp', { allowEncryptionOracle: v });

  it('reads the server: a TSRequest below version 5 proves the fix missing; version 5+ proves it there whatever the build says', () => {
    expect(serverCredSspFix([nla(3, 14393)])?.state).toBe('missing');
    // FreeRDP reports 6.1.7601 whatever it runs on; its CredSSP version tells the truth.
    expect(serverCredSspFix([nla(6, 7601)])).toBeNull();
    expect(serverCredSspFix([nla(null, 14393)])?.state).toBe('maybe-missing');
    expect(serverCredSspFix([nla(null, 17763)])).toBeNull();
  });

  it('an unpatched server against this updated computer on the default "Mitigated": certain, with both sides and the temporary fix', () => {
    // The wire proves the server lacks the fix (TSRequest version 3): the cause is the server's
    // missing update, told in the mismatch's words (both ends), never as two findings.
    const all = diagnose([credssp(null), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(3, 9600))]);
    expect(all.filter((x) => x.id.startsWith('credssp')).map((x) => x.id)).toEqual(['credssp-outdated']);
    const f = find('credssp-outdated', [credssp(null), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(3, 9600))]);
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(/"Mitigated" \(the Windows default\)/);
    // Both ends are evidence (the server's sign-in step, this computer's policy), and the wire's
    // "NLA required" is part of the story: every line once.
    expect(new Set(f?.evidence.map((e) => e.checkId))).toEqual(new Set(['client-credssp', 'rdp-handshake']));
    expect(f?.evidence.find((e) => e.checkId === 'client-credssp')?.value).toMatch(/Mitigated/);
    expect(new Set(f?.evidence.map((e) => `${e.label}=${e.value}`)).size).toBe(f?.evidence.length);
    expect(f?.fixIds).toEqual(['credssp-allow-vulnerable']);
    // On a company PC the policy is IT's: no local fix offered.
    expect(
      find('credssp-outdated', [credssp(null), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(3, 9600))], 'domain')?.fixIds,
    ).toEqual([]);
  });

  it('"Force Updated Clients" here and an unpatched server: one finding, the certain one, with the client rule\'s evidence merged in', () => {
    const findings = diagnose([credssp(0), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(4, 14393))]);
    const f = findings.filter((x) => x.id.startsWith('credssp'));
    expect(f.map((x) => x.id)).toEqual(['credssp-outdated']);
    expect(f[0]?.likelihood).toBe('certain');
    expect(f[0]?.plain).toMatch(/"Force Updated Clients"/);
    expect(f[0]?.evidence.map((e) => e.checkId)).toContain('client-credssp');
    expect(findings[0]?.id).toBe('credssp-outdated');
  });

  it('only an old build (the update level unknown) or an unknown client build: likely, not certain', () => {
    expect(
      find('credssp-policy-blocks', [credssp(1), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(null, 7601))])?.likelihood,
    ).toBe('likely');
    expect(find('credssp-outdated', [credssp(1), handshake({ 'TLSv1.2': 'yes' }, nla(3, 7601))])?.likelihood).toBe('likely');
  });

  it('"Vulnerable" here, a patched server, or no sign-in step reached: no mismatch', () => {
    expect(find('credssp-policy-blocks', [credssp(2), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(3, 9600))])).toBeUndefined();
    expect(find('credssp-policy-blocks', [credssp(1), clientApp(26100), handshake({ 'TLSv1.2': 'yes' }, nla(6, 20348))])).toBeUndefined();
    expect(find('credssp-policy-blocks', [credssp(1), clientApp(26100), handshake({ 'TLSv1.2': 'yes' })])).toBeUndefined();
  });
});
