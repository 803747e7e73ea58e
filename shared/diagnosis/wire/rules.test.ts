import { describe, expect, it } from 'vitest';
import { defaultDiagnosisContext } from '../../network-type';
import { PROTOCOL, type Confirm, type ProbeReport } from '../../probe-facts';
import type { CheckResult } from '../../results';
import type { Results } from '../rule-kit';
import { address, attempt, cert, report, tls } from '../../../test/probe/fixtures';
import { hs } from './describe';
import { wireFindings, wireRules } from './rules';

/** The probe's stages read together: which findings one report supports, per address. */

const ids = (r: ProbeReport) => wireFindings(r).map((f) => f.id);
const MSTSC = PROTOCOL.SSL | PROTOCOL.HYBRID;
const none = { RDP: 'no', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } as const;
const failure = (code: number): Confirm => ({ kind: 'failure', code, codeName: `CODE_${code}`, flags: 0 });

describe('wireFindings', () => {
  it('a healthy server supports no finding at all', () => {
    expect(wireFindings(report())).toEqual([]);
  });

  it("reads mstsc's own request first: its answer is the first evidence line, with the address when there are several", () => {
    const closed = (ip: string) => address({ address: ip, tls: null, negotiation: [attempt(MSTSC, { kind: 'closed', afterBytes: 0 })] });
    const one = wireFindings(report({ addresses: [closed('10.0.0.5')] }));
    expect(one.map((f) => f.id)).toEqual(['closed-before-negotiation']);
    expect(one[0]!.evidence).toEqual([hs('First reply', 'connection closed after 0 bytes')]);
    const two = wireFindings(report({ addresses: [closed('10.0.0.5'), closed('10.0.0.6')] }));
    expect(two.map((f) => f.evidence[0]!.label)).toEqual(['First reply (10.0.0.5)', 'First reply (10.0.0.6)']);
  });

  it('a first reply that is not a negotiation ends the reading of that address', () => {
    const a = address({
      negotiation: [attempt(MSTSC, { kind: 'not-rdp', looksLike: 'http', sample: 'HTTP/1.1' }), attempt(PROTOCOL.SSL, failure(3))],
      tls: tls({ outcome: 'reset' }),
      accepted: none,
    });
    expect(ids(report({ addresses: [a], target: { host: 'h', port: 8080 } }))).toEqual(['not-rdp']);
    expect(wireFindings(report({ addresses: [a], target: { host: 'h', port: 8080 } }))[0]!.plain).toMatch(
      /^Port 8080 is answered by a web server/,
    );
  });

  it('an address with no attempt at all supports nothing', () => {
    expect(ids(report({ addresses: [address({ negotiation: [], tls: null, accepted: none })] }))).toEqual([]);
  });

  it('after the negotiation, a failed TLS handshake, then what a working one showed: versions and the certificate', () => {
    const reset = address({
      tls: tls({ outcome: 'reset', version: null, cipher: null, certificate: null }),
      accepted: { ...none, SSL: 'yes' },
    });
    expect(ids(report({ addresses: [reset] }))).toEqual(['tls-reset']);
    const oldAndExpired = address({
      tls: tls({ version: 'TLSv1', certificate: cert({ expired: true, daysLeft: -3 }) }),
      tlsVersions: [
        { version: 'TLSv1.2', accepted: 'no', outcome: 'alert', cipher: null, error: null, ms: 1 },
        { version: 'TLSv1', accepted: 'yes', outcome: 'ok', cipher: 'x', error: null, ms: 1 },
      ],
    });
    const found = wireFindings(report({ addresses: [oldAndExpired] }));
    expect(found.map((f) => f.id)).toEqual(['old-tls-only', 'certificate-unusable']);
    // The certificate's name is checked against the host the user typed.
    const otherName = address({ tls: tls({ certificate: cert({ nameMatches: false }) }) });
    expect(ids(report({ addresses: [otherName], target: { host: 'rdp.contoso.com', port: 3389 } }))).toEqual(['certificate-name-mismatch']);
    // A TLS handshake without a certificate (nothing to read) adds nothing.
    expect(ids(report({ addresses: [address({ tls: tls({ certificate: null }) })] }))).toEqual([]);
    // No TLS stage at all, with standard RDP security working: nothing about TLS.
    const rdpAndSsl = address({ tls: null, accepted: { ...none, RDP: 'yes', SSL: 'yes' } });
    expect(ids(report({ addresses: [rdpAndSsl] }))).toEqual([]);
  });

  const refusedEverything = (over = {}) =>
    address({
      tls: null,
      negotiation: [attempt(MSTSC, failure(1)), attempt(PROTOCOL.SSL, failure(1)), attempt(PROTOCOL.RDP, failure(1))],
      tlsVersions: [],
      accepted: none,
      ...over,
    });

  it('a server that refuses every option, with nothing stronger found, says so and lists every answer', () => {
    const [f, ...more] = wireFindings(report({ addresses: [refusedEverything()] }));
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'handshake-refused',
      title: 'The server refuses every security option offered',
      plain: expect.stringMatching(
        /^Remote Desktop answers but refuses every way of securing the connection that was offered .*FIPS settings/,
      ),
      technical: expect.stringMatching(/^Every RDP_NEG_REQ refused\. Check SecurityLayer, UserAuthentication and MinEncryptionLevel/),
      likelihood: 'likely',
      score: 70,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([
      hs('First reply', 'RDP_NEG_FAILURE 1 CODE_1'),
      hs('Asked for SSL|HYBRID', 'RDP_NEG_FAILURE 1 CODE_1'),
      hs('Asked for SSL', 'RDP_NEG_FAILURE 1 CODE_1'),
      hs('Asked for RDP', 'RDP_NEG_FAILURE 1 CODE_1'),
    ]);
  });

  it('is not said when something works, a stronger finding explains it, or the check was cancelled', () => {
    expect(ids(report({ addresses: [refusedEverything({ accepted: { ...none, RDP: 'yes' } })] }))).not.toContain('handshake-refused');
    expect(ids(report({ addresses: [refusedEverything({ tls: tls() })] }))).not.toContain('handshake-refused');
    // Failure 4 scores 40: strong enough to stand for the refusal on its own.
    const inconsistent = refusedEverything({ negotiation: [attempt(MSTSC, failure(4))] });
    expect(ids(report({ addresses: [inconsistent] }))).toEqual(['inconsistent-flags']);
    // A cancelled check was refused nothing.
    const cancelled = refusedEverything({ negotiation: [attempt(MSTSC, { kind: 'cancelled' })] });
    expect(ids(report({ addresses: [cancelled] }))).toEqual([]);
  });

  it('an interrupted check says it is incomplete, cancelled or out of time, beside what it did see', () => {
    const cut = (interrupted: ProbeReport['interrupted']) =>
      wireFindings(
        report({ addresses: [], tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'error', ms: 5, error: 'x' }] }, interrupted }),
      );
    const [cancelled] = cut('cancelled');
    expect(cancelled).toMatchObject({
      id: 'probe-incomplete',
      title: 'The check was cancelled',
      plain: 'Not every step finished, so this picture is incomplete. Run it again, with a longer time limit if the network is slow.',
      technical: 'Probe interrupted: cancelled.',
      likelihood: 'possible',
      score: 20,
      evidence: [hs('Stopped', 'cancelled')],
      fixIds: [],
    });
    expect(cut('timeout')[0]).toMatchObject({ title: 'The check ran out of time', technical: 'Probe interrupted: timeout.' });
    // Socket errors of an interrupted run are not blamed on the network.
    expect(cut('timeout').map((f) => f.id)).toEqual(['probe-incomplete']);
    const seen = wireFindings(report({ addresses: [address({ tls: tls({ outcome: 'timeout' }) })], interrupted: 'timeout' }));
    expect(seen.map((f) => f.id)).toEqual(['tls-stalled', 'probe-incomplete']);
  });

  it('reads the name and port stages before the addresses', () => {
    const mixed = report({
      tcp: {
        port: 3389,
        attempts: [
          { address: '10.0.0.5', state: 'open', ms: 1, error: null },
          { address: 'fe80::1', state: 'filtered', ms: 3000, error: null },
        ],
      },
      addresses: [address({ tls: tls({ outcome: 'timeout' }) })],
    });
    expect(ids(mixed)).toEqual(['some-addresses-blocked', 'tls-stalled']);
  });
});

describe('the wire rule of a scan', () => {
  const result = (checkId: CheckResult['checkId'], facts: unknown, status: CheckResult['status'] = 'fail'): CheckResult => ({
    checkId,
    status,
    summary: '',
    facts,
    durationMs: 1,
  });
  const run = (r: Results) => [wireRules].flat().flatMap((rule) => [rule(r, defaultDiagnosisContext) ?? []].flat());

  it("reads the handshake check's report when it ran", () => {
    const probe = report({ addresses: [address({ tls: tls({ outcome: 'timeout' }) })] });
    const found = run({
      'rdp-handshake': result('rdp-handshake', probe),
      dns: result('dns', { host: 'h', addresses: [], error: 'ENOTFOUND' }),
    });
    expect(found.map((f) => f.id)).toEqual(['tls-stalled']);
  });

  it("without it, reads the name and port checks' facts", () => {
    const refused = { port: 3389, attempts: [{ address: '10.0.0.5', state: 'refused', ms: 1, error: null }] };
    expect(run({ 'tcp-port': result('tcp-port', refused) }).map((f) => f.id)).toEqual(['port-closed']);
    expect(run({ dns: result('dns', { host: 'h', addresses: [], error: 'ENOTFOUND' }) }).map((f) => f.id)).toEqual([
      'name-does-not-resolve',
    ]);
    // A handshake check that did not run (its facts are not a report) falls back the same way.
    const notChecked = { 'rdp-handshake': result('rdp-handshake', undefined, 'skipped'), 'tcp-port': result('tcp-port', refused) };
    expect(run(notChecked).map((f) => f.id)).toEqual(['port-closed']);
    // Socket errors are blamed when the scan was not interrupted.
    const errors = { port: 3389, attempts: [{ address: '10.0.0.5', state: 'error', ms: 1, error: 'EACCES' }] };
    expect(run({ 'tcp-port': result('tcp-port', errors) }).map((f) => f.id)).toEqual(['connection-error']);
    expect(run({})).toEqual([]);
  });
});
