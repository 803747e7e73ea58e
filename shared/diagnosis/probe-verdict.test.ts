import { describe, expect, it } from 'vitest';
import type { Finding } from '../results';
import { address, attempt, report, tls } from '../../test/probe/fixtures';
import { probeFindings, probeVerdict } from './probe-verdict';

/*
 * The probe on its own, as `rdp-doctor probe` and the handshake check's line show it: the note
 * that the handshake works, how bad the target is (the exit code follows it), and the one line.
 */

const WORKS = 'Remote Desktop answers and completes the security handshake';
const finding = (score: number, title = `A finding scored ${score}`): Finding => ({
  id: `f${score}`,
  title,
  plain: '',
  technical: '',
  likelihood: 'possible',
  score,
  evidence: [],
  fixIds: [],
});
/** An address that answered X.224 and then closed: neither TLS nor standard RDP security works. */
const refusing = (addr = '10.0.0.5') =>
  address({
    address: addr,
    tls: tls({ outcome: 'reset', version: null, cipher: null, error: 'ECONNRESET', certificate: null }),
    accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
  });

describe('the note that the handshake works', () => {
  it('says the TLS version and how long the certificate is valid, and where to look next', () => {
    const [note] = probeFindings(report());
    expect(note).toEqual({
      id: 'handshake-works',
      title: WORKS,
      plain:
        "The server answered as Remote Desktop and completed the security setup (TLSv1.2, certificate valid until 2027-01-01). The network and the server's certificate are not the cause; look at this computer next (saved passwords, the license cache, the CredSSP security updates).",
      technical: `TLS TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; certificate CN=server.example.com, SHA-1 ${'AB'.repeat(20)}.`,
      likelihood: 'possible',
      score: 5,
      evidence: [{ checkId: 'rdp-handshake', label: 'Handshake', value: 'TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' }],
      fixIds: [],
    });
  });

  it('without a certificate to show, names the version only', () => {
    const [note] = probeFindings(report({ addresses: [address({ tls: tls({ certificate: null }) })] }));
    expect(note?.plain).toMatch(/^The server answered as Remote Desktop and completed the security setup \(TLSv1\.2\)\. The network/);
    expect(note?.technical).toBe('TLS TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.');
  });

  it('where no TLS handshake was tried but RDP was accepted: no version, and says which security it was', () => {
    const noTls = address({ tls: null, accepted: { RDP: 'yes', SSL: 'yes', HYBRID: 'yes', RDSTLS: 'no', HYBRID_EX: 'no' } });
    const [note] = probeFindings(report({ addresses: [noTls] }));
    expect(note?.plain).toMatch(/^The server answered as Remote Desktop and completed the security setup\. The network/);
    expect(note?.technical).toBe('PROTOCOL_RDP accepted (standard RDP security).');
    expect(note?.evidence).toEqual([{ checkId: 'rdp-handshake', label: 'Handshake', value: 'RDP security' }]);
    // Standard RDP security alone is a finding of its own that outweighs the note.
    const rdpOnly = address({ tls: null, accepted: { RDP: 'yes', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } });
    expect(probeFindings(report({ addresses: [rdpOnly] })).map((f) => f.id)).toEqual(['rdp-security-only']);
  });

  it('is not there when nothing worked', () => {
    expect(probeFindings(report({ addresses: [refusing()] })).map((f) => f.id)).not.toContain('handshake-works');
  });
});

describe('how bad the target is, and its one line', () => {
  it('a name that does not resolve, a port nobody answers, and a probe stopped early', () => {
    const noName = { dns: { host: 'server.example.com', addresses: [], error: 'ENOTFOUND' }, addresses: [] };
    expect(probeVerdict(report(noName))).toEqual({ severity: 'unresolved', headline: 'The computer name cannot be found' });
    expect(probeVerdict(report({ ...noName, interrupted: 'timeout' })).severity).toBe('incomplete');
    const closed = { tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'refused' as const, ms: 1, error: 'ECONNREFUSED' }] } };
    expect(probeVerdict(report({ ...closed, addresses: [] })).severity).toBe('unreachable');
    expect(probeVerdict(report({ ...closed, addresses: [], interrupted: 'cancelled' })).severity).toBe('incomplete');
  });

  it('a port that answers: works, refuses, is another program, or was cancelled mid-way', () => {
    expect(probeVerdict(report())).toEqual({ severity: 'ok', headline: WORKS });
    const refused = report({ addresses: [refusing()] });
    const top = probeFindings(refused)[0]!;
    expect(probeVerdict(refused)).toEqual({ severity: 'refused', headline: top.title });
    expect(top.title).not.toBe(WORKS);
    const notRdp = address({
      negotiation: [attempt(3, { kind: 'not-rdp', looksLike: 'http', sample: 'HTTP/1.1 400' })],
      tls: null,
      accepted: { RDP: 'no', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
    });
    expect(probeVerdict(report({ addresses: [notRdp] })).severity).toBe('not-rdp');
    const cancelled = address({ negotiation: [attempt(3, { kind: 'cancelled' })], tls: null });
    expect(probeVerdict(report({ addresses: [cancelled] })).severity).toBe('incomplete');
  });

  it('the worst address decides: one that works and one that refuses is refused', () => {
    const two = report({
      dns: {
        host: 'server.example.com',
        addresses: [
          { address: '10.0.0.5', family: 4 },
          { address: '10.0.0.6', family: 4 },
        ],
        error: null,
      },
      tcp: {
        port: 3389,
        attempts: [
          { address: '10.0.0.5', state: 'open', ms: 1, error: null },
          { address: '10.0.0.6', state: 'open', ms: 1, error: null },
        ],
      },
      addresses: [address(), refusing('10.0.0.6')],
    });
    expect(probeVerdict(two).severity).toBe('refused');
    expect(probeVerdict({ ...two, addresses: [refusing('10.0.0.6'), address()] }).severity).toBe('refused');
  });

  it('a working target with a finding that scores 20 or more is a warning, headed by that finding; below 20 it is fine', () => {
    expect(probeVerdict(report(), [finding(20, 'The certificate expires in 10 days')])).toEqual({
      severity: 'warning',
      headline: 'The certificate expires in 10 days',
    });
    expect(probeVerdict(report(), [finding(19)])).toEqual({ severity: 'ok', headline: WORKS });
  });

  it('without a finding to name, the line says what was seen, never that the handshake works', () => {
    const line = (r: Parameters<typeof probeVerdict>[0]) => probeVerdict(r, []).headline;
    expect(line(report({ addresses: [refusing()] }))).toBe('Remote Desktop answers but does not complete the security handshake');
    expect(line(report({ dns: { host: 'server.example.com', addresses: [], error: 'ENOTFOUND' }, addresses: [] }))).toBe(
      'The computer name does not resolve to an address',
    );
    const closed = { tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'refused' as const, ms: 1, error: 'ECONNREFUSED' }] } };
    expect(line(report({ ...closed, addresses: [] }))).toBe('Nothing answers on the Remote Desktop port');
    expect(line(report({ ...closed, addresses: [], interrupted: 'timeout' }))).toBe('The check stopped before it finished');
    const notRdp = address({ negotiation: [attempt(3, { kind: 'not-rdp', looksLike: 'ssh', sample: 'SSH-2.0' })], tls: null });
    expect(line(report({ addresses: [notRdp] }))).toBe('Another program answers on this port, not Remote Desktop');
    expect(line(report())).toBe(WORKS);
  });
});
