import { describe, expect, it } from 'vitest';
import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import type { Finding } from '../../shared/results';
import { fixes } from '../../shared/catalog/fixes';
import { address, attempt, cert, report, tls } from './fixtures';

const ids = (f: Finding[]) => f.map((x) => x.id);

describe('probe findings', () => {
  it('a healthy server gives only the "handshake works" note, verdict ok', () => {
    const r = report();
    expect(ids(probeFindings(r))).toEqual(['handshake-works']);
    expect(probeVerdict(r)).toEqual({
      severity: 'ok',
      headline: 'Remote Desktop answers and completes the security handshake',
    });
  });

  it('a TLS reset seen alone is a symptom: no fix, and it says where on the server to look', () => {
    const t = tls({ outcome: 'reset', version: null, cipher: null, certificate: null, error: 'ECONNRESET' });
    const r = report({
      addresses: [address({ tls: t, accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } })],
    });
    const [top] = probeFindings(r);
    // Which fix acts depends on the cause behind it (the certificate, its key, TLS switched off):
    // the wire alone cannot tell, so it offers none and names the places instead.
    expect(top).toMatchObject({ id: 'tls-reset', likelihood: 'likely', kind: 'symptom', fixIds: [] });
    expect(top!.plain).toMatch(
      /What can cause this: on the server, its Remote Desktop certificate, the certificate's private key .*which TLS versions are switched on/,
    );
    expect(top!.rankReason).toMatch(/not read/);
    expect(top!.technical).toMatch(/NETWORK SERVICE cannot read the MachineKeys file/);
    expect(top!.evidence).toContainEqual({ checkId: 'rdp-handshake', label: 'TLS handshake', value: 'reset (ECONNRESET)' });
    expect(probeVerdict(r).severity).toBe('refused');
  });

  it('a server refusing every TLS version reads as TLS disabled, not as a certificate problem', () => {
    const t = tls({ outcome: 'alert', version: null, certificate: null, error: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' });
    const a = address({ tls: t, accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } });
    a.tlsVersions = a.tlsVersions.map((v) => ({ ...v, accepted: 'no', outcome: 'alert' }));
    const [top] = probeFindings(report({ addresses: [a] }));
    expect(top).toMatchObject({ id: 'tls-refused', title: 'The server accepts no TLS version', fixIds: [] });
    expect(top!.plain).toMatch(/TLS is probably switched off on the server/);
    expect(top!.technical).toMatch(/SCHANNEL/);
  });

  it('failure 3 is certain and scores highest; the wire alone offers no fix (the certificate may come from a policy or a CA)', () => {
    const fail = { kind: 'failure', code: 3, codeName: 'SSL_CERT_NOT_ON_SERVER', flags: 0 } as const;
    const r = report({
      addresses: [
        address({
          tls: null,
          negotiation: [attempt(3, fail), attempt(0, fail)],
          tlsVersions: [],
          accepted: { RDP: 'no', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
        }),
      ],
    });
    expect(probeFindings(r)[0]).toMatchObject({
      id: 'certificate-unusable',
      likelihood: 'certain',
      score: 100,
      fixIds: [],
    });
  });

  it('an expired certificate outranks a name mismatch; evidence shows the thumbprint', () => {
    const r = report({ addresses: [address({ tls: tls({ certificate: cert({ expired: true, daysLeft: -3, nameMatches: false }) }) })] });
    const f = probeFindings(r);
    expect(ids(f)).toEqual(['certificate-unusable', 'certificate-name-mismatch']);
    expect(f[0]!.evidence.some((e) => e.value.includes('AB'.repeat(20)))).toBe(true);
    expect(probeVerdict(r).severity).toBe('warning');
  });

  it('a weak certificate (1024-bit RSA, SHA-1) is flagged', () => {
    const r = report({
      addresses: [address({ tls: tls({ certificate: cert({ keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption' }) }) })],
    });
    const weak = probeFindings(r).find((f) => f.id === 'certificate-weak');
    expect(weak?.technical).toMatch(/1024-bit RSA key and a sha1WithRSAEncryption signature/);
  });

  it("filtered everywhere points at the server's firewall (no fix from the wire alone); some addresses blocked is only a note", () => {
    const filtered = report({
      addresses: [],
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'filtered', ms: 3000, error: 'no answer within 3000 ms' }] },
    });
    expect(probeFindings(filtered)[0]).toMatchObject({
      id: 'port-filtered',
      kind: 'symptom',
      plain: expect.stringMatching(/What can cause this: on the server, its firewall\./),
      fixIds: [],
      evidence: [expect.objectContaining({ checkId: 'tcp-port' })],
    });
    const mixed = report({
      dns: {
        host: 'h',
        addresses: [
          { address: '10.0.0.5', family: 4 },
          { address: 'fe80::1', family: 6 },
        ],
        error: null,
      },
      tcp: {
        port: 3389,
        attempts: [
          { address: '10.0.0.5', state: 'open', ms: 1, error: null },
          { address: 'fe80::1', state: 'filtered', ms: 3000, error: null },
        ],
      },
    });
    expect(ids(probeFindings(mixed))).toEqual(['some-addresses-blocked', 'handshake-works']);
    expect(probeVerdict(mixed).severity).toBe('warning');
  });

  it('merges the same cause seen on two addresses into one finding with both addresses as evidence', () => {
    const fail = { kind: 'closed', afterBytes: 0 } as const;
    const a = (ip: string) => address({ address: ip, tls: null, negotiation: [attempt(3, fail)], tlsVersions: [] });
    const r = report({ addresses: [a('10.0.0.5'), a('10.0.0.6')] });
    const f = probeFindings(r);
    expect(ids(f)).toEqual(['closed-before-negotiation']);
    expect(f[0]!.evidence.map((e) => e.label)).toEqual(['First reply (10.0.0.5)', 'First reply (10.0.0.6)']);
  });

  it('an interrupted probe says it is incomplete', () => {
    const r = report({
      addresses: [],
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'error', ms: 5, error: 'cancelled' }] },
      interrupted: 'cancelled',
    });
    expect(ids(probeFindings(r))).toEqual(['probe-incomplete']);
    expect(probeVerdict(r)).toMatchObject({ severity: 'incomplete' });
  });

  it('every finding is plain, scored 0-100 and only names fixes the catalog has', () => {
    const catalog = new Set<string>(fixes.map((f) => f.id));
    const many = [
      report(),
      report({ dns: { host: 'x', addresses: [], error: 'ENOTFOUND' }, tcp: { port: 3389, attempts: [] }, addresses: [] }),
      report({ addresses: [address({ tls: tls({ outcome: 'timeout', version: null, certificate: null }) })] }),
    ];
    for (const f of many.flatMap((r) => probeFindings(r))) {
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(100);
      expect(f.plain.length).toBeGreaterThan(40);
      for (const id of f.fixIds) expect(catalog.has(id)).toBe(true);
    }
  });
});
