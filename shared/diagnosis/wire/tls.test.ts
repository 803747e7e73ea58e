import { describe, expect, it } from 'vitest';
import { learnMore } from '../../catalog/learn-more';
import type { TlsVersion, Verdict } from '../../probe-facts';
import { address, tls } from '../../../test/probe/fixtures';
import { hs } from './describe';
import { tlsFailureFinding, tlsVersionFindings } from './tls';

/** The TLS stage after the X.224 confirm: how it failed, and which versions the server takes. */

const first = hs('First reply', 'selected SSL');
/** A server whose sweep (TLS 1.3 .. 1.0, one handshake each) answered as given. */
const sweep = (accepted: Partial<Record<TlsVersion, Verdict>>) =>
  address({
    tlsVersions: (['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const).map((version) => ({
      version,
      accepted: accepted[version] ?? 'no',
      outcome: accepted[version] === 'yes' ? 'ok' : 'alert',
      cipher: null,
      error: null,
      ms: 2,
    })),
  });

describe('which TLS versions the server takes', () => {
  it('TLS 1.0 or 1.1 alone is old TLS only, with the update for 2008 R2 named and the sweep as evidence', () => {
    const [f, ...more] = tlsVersionFindings(sweep({ 'TLSv1.1': 'yes', TLSv1: 'yes' }), [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'old-tls-only',
      title: 'The server only speaks old TLS (1.0 / 1.1)',
      plain: expect.stringMatching(
        /^The server encrypts Remote Desktop with TLS 1\.0 or 1\.1 only\. .*error 0x904 \/ 0x7\. On Windows 7 or Server 2008 R2, install update KB3080079/,
      ),
      technical: expect.stringMatching(/^TLS sweep: 1\.2 and 1\.3 refused, 1\.0 or 1\.1 accepted\. .*KB3080079 for RDP on 2008 R2/),
      learnMore: learnMore.tlsRegistry,
      likelihood: 'likely',
      score: 80,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([first, hs('TLS versions', 'TLSv1.3 no, TLSv1.2 no, TLSv1.1 yes, TLSv1 yes')]);
    expect(tlsVersionFindings(sweep({ TLSv1: 'yes' }), [])[0]?.id).toBe('old-tls-only');
  });

  it('is not old TLS only while TLS 1.2 was not clearly refused, or a modern version works', () => {
    expect(tlsVersionFindings(sweep({ 'TLSv1.2': 'unknown', TLSv1: 'yes' }), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.2': 'yes', TLSv1: 'yes' }), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.2': 'yes' }), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.3': 'yes', 'TLSv1.1': 'yes' }), [])).toEqual([]);
    // No version at all, or none known: the TLS failure finding tells that story, not the versions.
    expect(tlsVersionFindings(sweep({}), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.3': 'unknown' }), [])).toEqual([]);
  });

  it('TLS 1.3 alone cuts off Windows 10 and Server 2019, a possible cause', () => {
    const [f, ...more] = tlsVersionFindings(sweep({ 'TLSv1.3': 'yes' }), [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'tls13-only',
      title: 'The server only speaks TLS 1.3',
      plain: expect.stringMatching(
        /^The server refuses TLS 1\.2\. Windows 10, Windows Server 2019 and older computers do not use TLS 1\.3/,
      ),
      technical: expect.stringMatching(/^TLS sweep: only TLS 1\.3 accepted\. Enable SCHANNEL\\Protocols\\TLS 1\.2\\Server/),
      learnMore: learnMore.tlsRegistry,
      likelihood: 'possible',
      score: 55,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([first, hs('TLS versions', 'TLSv1.3 yes, TLSv1.2 no, TLSv1.1 no, TLSv1 no')]);
    // With TLS 1.2 merely unknown, or old versions beside 1.3, it is not "1.3 only".
    expect(tlsVersionFindings(sweep({ 'TLSv1.3': 'yes', 'TLSv1.2': 'unknown' }), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.3': 'yes', 'TLSv1.1': 'yes' }), [])).toEqual([]);
    expect(tlsVersionFindings(sweep({ 'TLSv1.3': 'yes', TLSv1: 'yes' }), [])).toEqual([]);
  });
});

describe('a TLS handshake that failed', () => {
  const failed = (over: Parameters<typeof tls>[0], a = address()) =>
    tlsFailureFinding(tls({ version: null, cipher: null, certificate: null, ...over }), a, [first]);

  it('that worked, was cancelled, or could not be offered from here, is no finding', () => {
    expect(tlsFailureFinding(tls(), address(), [])).toBeNull();
    expect(failed({ outcome: 'cancelled' })).toBeNull();
    expect(failed({ outcome: 'unsupported-locally' })).toBeNull();
  });

  it('a reset or close when encryption starts is the classic 0x904 / 0x7, pointing at the certificate and its key', () => {
    for (const outcome of ['reset', 'closed'] as const) {
      const f = failed({ outcome, error: 'ECONNRESET' });
      expect(f).toMatchObject({
        id: 'tls-reset',
        title: 'The server hangs up when encryption starts',
        plain: expect.stringMatching(
          /^The server agreed to encrypt the connection and then closed it .*exactly error 0x904 \/ 0x7.*Remote Desktop cannot read its private key/,
        ),
        technical: expect.stringMatching(
          /^SSL or HYBRID selected, then TCP RST \/ FIN on the ClientHello\. Server side: events 1057 \/ 1058.*Schannel 36870/,
        ),
        learnMore: learnMore.internalError,
        likelihood: 'likely',
        score: 92,
        fixIds: [],
      });
      expect(f!.evidence).toEqual([first, hs('TLS handshake', `${outcome} (ECONNRESET)`)]);
    }
  });

  it('an alert on every version of the sweep reads as TLS switched off', () => {
    const a = sweep({});
    const f = failed({ outcome: 'alert', error: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' }, a);
    expect(f).toMatchObject({
      id: 'tls-refused',
      title: 'The server accepts no TLS version',
      plain: expect.stringMatching(
        /^The server said yes to encryption but then refused TLS 1\.0, 1\.1, 1\.2 and 1\.3 alike\. TLS is probably switched off/,
      ),
      technical:
        'TLS alert on every version of the sweep (alert (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)). HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols; System log Schannel 36871.',
      learnMore: learnMore.tlsRegistry,
      likelihood: 'likely',
      score: 85,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([first, hs('TLS handshake', 'alert (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)')]);
  });

  it('an alert while some version works, or with no sweep, points at the certificate or the ciphers', () => {
    for (const a of [sweep({ 'TLSv1.2': 'yes' }), address({ tlsVersions: [] })]) {
      const f = failed({ outcome: 'alert', error: 'internal_error' }, a);
      expect(f).toMatchObject({
        id: 'tls-refused',
        title: 'The server refuses the TLS handshake',
        plain: expect.stringMatching(/^The server broke off the TLS handshake with an error\. .*Check the server's certificate first\.$/),
        technical:
          'TLS alert: alert (internal_error). Certificate or private key unusable (Schannel 36870), or no common cipher suite (36874 / 36888).',
        learnMore: learnMore.internalError,
        score: 85,
      });
    }
  });

  it('a reply that is not TLS is a broken handshake: something in the middle, or not a real RDP server', () => {
    for (const outcome of ['not-tls', 'error'] as const) {
      const f = failed({ outcome, error: 'wrong version number' });
      expect(f).toMatchObject({
        id: 'tls-broken',
        title: 'The encrypted part of the handshake is broken',
        plain: expect.stringMatching(
          /^The server agreed to use TLS but what came back is not a valid TLS handshake\. A proxy, load balancer/,
        ),
        technical: `TLS after the X.224 Connection Confirm failed: ${outcome} (wrong version number).`,
        likelihood: 'likely',
        score: 70,
        fixIds: [],
      });
      expect(f!.evidence.at(-1)).toEqual(hs('TLS handshake', `${outcome} (wrong version number)`));
    }
  });

  it('no ServerHello in time is a stalled handshake: MTU, inspection or a hung service', () => {
    const f = failed({ outcome: 'timeout' });
    expect(f).toMatchObject({
      id: 'tls-stalled',
      title: 'The encrypted handshake never finishes',
      plain: expect.stringMatching(/^The server agreed to use TLS and then stopped answering\. A VPN or firewall that drops large packets/),
      technical: expect.stringMatching(/^No ServerHello before the timeout after the ClientHello: path MTU/),
      likelihood: 'likely',
      score: 70,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([first, hs('TLS handshake', 'timeout')]);
  });
});
