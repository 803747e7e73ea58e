import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import { result } from '../../../test/support/client-results';
import type { NlaFacts, NtlmChallenge, ProbeReport } from '../../probe-facts';
import { address, attempt, report, tls } from '../../../test/probe/fixtures';

const handshake = (r: ProbeReport) => evaluate('rdp-handshake', r);
const WORKS = 'Remote Desktop answers and completes the security handshake';

/** An NLA server's answer to the NTLM NEGOTIATE (MS-NLMP 2.2.1.2), as a Windows server fills it in. */
function challenge(over: Partial<NtlmChallenge> = {}): NlaFacts {
  return {
    outcome: 'challenge',
    credsspVersion: 6,
    errorCode: null,
    error: null,
    ms: 3,
    challenge: {
      targetName: 'CONTOSO',
      netbiosComputer: 'RDS01',
      netbiosDomain: 'CONTOSO',
      dnsComputer: 'rds01.contoso.com',
      dnsDomain: 'contoso.com',
      dnsTree: 'contoso.com',
      serverTime: null,
      clockSkewMs: null,
      osVersion: { major: 10, minor: 0, build: 20348, ntlmRevision: 15 },
      targetType: 'domain',
      negotiateFlags: 0,
      ...over,
    },
  };
}
const withNla = (nla: NlaFacts | undefined) => report({ addresses: [address({ nla })] });

describe('rdp-handshake', () => {
  it('passes a working handshake with its TLS version and cipher, and says who answered', () => {
    const e = handshake(withNla(challenge()));
    expect(e.status).toBe('pass');
    expect(e.summary).toBe(
      `${WORKS}: TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384. The server calls itself rds01.contoso.com (Windows Server 2022), a member of the domain contoso.com.`,
    );
  });

  it('names the server by the best name its challenge gives, and its version by number when the release is unknown', () => {
    const netbios = handshake(
      withNla(challenge({ dnsComputer: null, osVersion: { major: 10, minor: 0, build: 99999, ntlmRevision: 15 } })),
    );
    expect(netbios.summary).toMatch(/The server calls itself RDS01 \(Windows 10\.0 build 99999\), a member of the domain contoso\.com\.$/);
    const target = handshake(
      withNla(challenge({ dnsComputer: null, netbiosComputer: null, netbiosDomain: null, osVersion: null, targetType: 'unknown' })),
    );
    expect(target.summary).toMatch(/: TLSv1\.2 \S+\. The server calls itself CONTOSO\.$/);
  });

  it('tells a domain member by its flags or by a domain name unlike its own, and a workgroup computer by its flags', () => {
    const flagsOnly = challenge({ targetType: 'domain', netbiosDomain: null, dnsDomain: null });
    // Flagged a member but no domain named (a non-Windows server may do this): no "domain null".
    expect(handshake(withNla(flagsOnly)).summary).toMatch(/\(Windows Server 2022\), a member of a domain\.$/);
    expect(handshake(withNla(challenge({ dnsDomain: null }))).summary).toMatch(/, a member of the domain CONTOSO\.$/);
    const byName = challenge({ targetType: 'unknown', dnsDomain: null, netbiosDomain: 'FABRIKAM', netbiosComputer: 'RDS01' });
    expect(handshake(withNla(byName)).summary).toMatch(/rds01\.contoso\.com \(Windows Server 2022\), a member of the domain FABRIKAM\.$/);
    const workgroup = challenge({ targetType: 'server', netbiosDomain: 'RDS01', netbiosComputer: 'RDS01', dnsDomain: null });
    expect(handshake(withNla(workgroup)).summary).toMatch(/\(Windows Server 2022\), in a workgroup\.$/);
    const sameName = challenge({ targetType: 'unknown', netbiosDomain: 'RDS01', netbiosComputer: 'RDS01' });
    expect(handshake(withNla(sameName)).summary).toMatch(/rds01\.contoso\.com \(Windows Server 2022\)\.$/);
    const noComputer = challenge({ targetType: 'unknown', netbiosComputer: null, netbiosDomain: 'FABRIKAM' });
    expect(handshake(withNla(noComputer)).summary).toMatch(/rds01\.contoso\.com \(Windows Server 2022\)\.$/);
  });

  it('says nothing about who answered when the sign-in stage gave no challenge or no name', () => {
    expect(handshake(withNla(undefined)).summary).toBe(`${WORKS}: TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.`);
    expect(handshake(withNla({ ...challenge(), outcome: 'error-code', challenge: null })).summary).toBe(
      `${WORKS}: TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.`,
    );
    const nameless = challenge({ dnsComputer: null, netbiosComputer: null, targetName: null });
    expect(handshake(withNla(nameless)).summary).toBe(`${WORKS}: TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.`);
  });

  it('reads the challenge of whichever address has one', () => {
    const second = address({ address: '10.0.0.6', nla: challenge() });
    const e = handshake(report({ addresses: [address(), second] }));
    expect(e.summary).toMatch(/The server calls itself rds01\.contoso\.com/);
  });

  it('passes a server that takes standard RDP security when TLS was not tried, with no TLS words', () => {
    const rdpOnly = address({
      tls: null,
      negotiation: [attempt(0, { kind: 'selected', protocol: 0, protocolName: 'RDP', flags: 0 })],
      tlsVersions: [],
      accepted: { RDP: 'yes', SSL: 'unknown', HYBRID: 'unknown', RDSTLS: 'unknown', HYBRID_EX: 'unknown' },
    });
    expect(handshake(report({ addresses: [rdpOnly] }))).toEqual({ status: 'pass', summary: `${WORKS}.` });
  });

  it('in a scan, a working handshake gives no finding, and a reset one its symptom', () => {
    const scan = (r: ProbeReport) =>
      diagnose([result('dns', r.dns), result('tcp-port', r.tcp), result('rdp-handshake', r)], { networkType: 'home' }).map((f) => f.id);
    expect(scan(report())).toEqual([]);
    const t = tls({ outcome: 'reset', version: null, cipher: null, certificate: null, error: 'ECONNRESET' });
    const reset = report({
      addresses: [address({ tls: t, accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } })],
    });
    expect(scan(reset)[0]).toBe('tls-reset');
  });

  it("warns when the server takes only standard RDP security, in the finding's words", () => {
    const rdpOnly = address({
      tls: null,
      negotiation: [attempt(0, { kind: 'selected', protocol: 0, protocolName: 'RDP', flags: 0 })],
      tlsVersions: [],
      accepted: { RDP: 'yes', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
    });
    const e = handshake(report({ addresses: [rdpOnly] }));
    // Standard RDP security alone is a finding (rdp-security-only): a warning, worded by its title.
    expect(e.status).toBe('warn');
    expect(e.summary).toBe('The server only offers the old RDP security layer (no TLS).');
  });

  it('fails a refused handshake with the top finding as its line', () => {
    const t = tls({ outcome: 'reset', version: null, cipher: null, certificate: null, error: 'ECONNRESET' });
    const e = handshake(
      report({ addresses: [address({ tls: t, accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } })] }),
    );
    expect(e.status).toBe('fail');
    expect(e.summary).toBe('The server hangs up when encryption starts.');
  });

  it('skips when the port did not open or the name did not resolve', () => {
    const closed = report({
      addresses: [],
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'refused', ms: 1, error: null }] },
    });
    const unresolved = report({ addresses: [], dns: { host: 'x', addresses: [], error: 'ENOTFOUND' }, tcp: { port: 3389, attempts: [] } });
    for (const r of [closed, unresolved]) {
      expect(handshake(r)).toEqual({ status: 'skipped', summary: 'Skipped: the port did not open, so there was no handshake to try.' });
    }
  });

  it('reports a handshake that did not finish as an error, with why', () => {
    const cut = report({
      addresses: [],
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'error', ms: 5, error: null }] },
      interrupted: 'timeout',
    });
    expect(handshake(cut)).toEqual({ status: 'error', summary: 'The handshake test did not finish (timeout).' });
    const cancelled = report({ addresses: [address({ negotiation: [attempt(3, { kind: 'cancelled' })] })] });
    expect(handshake(cancelled)).toEqual({ status: 'error', summary: 'The handshake test did not finish (no answer).' });
  });
});
