import { describe, expect, it } from 'vitest';
import { certHashMatches, seenThumbprints } from '../../shared/probe-facts';
import { address, cert, report, tls } from './fixtures';

/** Part of the pinned-certificate trap: what the probe saw, in the form the client pins it. */

describe('certHashMatches', () => {
  const r = report({ addresses: [address({ tls: tls({ certificate: cert({ sha1: '0A1B'.repeat(10) }) }) })] });

  it('matches the thumbprint however the pinned bytes were written out', () => {
    expect(certHashMatches('0a1b'.repeat(10), r)).toBe('match');
    expect(certHashMatches('0A 1B '.repeat(10), r)).toBe('match');
    expect(certHashMatches('0a:1b:'.repeat(9) + '0a:1b', r)).toBe('match');
  });

  it('a different certificate is a mismatch: the server got a new certificate since it was pinned', () => {
    expect(certHashMatches('FF'.repeat(20), r)).toBe('mismatch');
  });

  it('unknown when the probe saw no certificate or the value is not a SHA-1 hash', () => {
    expect(certHashMatches('FF'.repeat(20), report({ addresses: [address({ tls: null, negotiation: [] })] }))).toBe('unknown');
    expect(certHashMatches('FF'.repeat(32), r)).toBe('unknown');
    expect(certHashMatches('', r)).toBe('unknown');
  });

  it('every distinct certificate on every address counts (load-balanced servers)', () => {
    const two = report({
      addresses: [address({ tls: tls({ certificate: cert({ sha1: 'AA'.repeat(20) }) }) }), address({ address: '10.0.0.6', tls: tls({ certificate: cert({ sha1: 'BB'.repeat(20) }) }) })],
    });
    expect(seenThumbprints(two)).toEqual(['AA'.repeat(20), 'BB'.repeat(20)]);
    expect(certHashMatches('BB'.repeat(20), two)).toBe('match');
  });
});
