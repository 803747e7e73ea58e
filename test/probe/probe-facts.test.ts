import { describe, expect, it } from 'vitest';
import { certHashMatches, seenThumbprints, windowsRelease } from '../../shared/probe-facts';
import { address, cert, report, tls } from './fixtures';

/** Helpers over probe facts: the pinned-certificate comparison, the Windows release of a build. */

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
      addresses: [
        address({ tls: tls({ certificate: cert({ sha1: 'AA'.repeat(20) }) }) }),
        address({ address: '10.0.0.6', tls: tls({ certificate: cert({ sha1: 'BB'.repeat(20) }) }) }),
      ],
    });
    expect(seenThumbprints(two)).toEqual(['AA'.repeat(20), 'BB'.repeat(20)]);
    expect(certHashMatches('BB'.repeat(20), two)).toBe('match');
  });
});

describe('windowsRelease', () => {
  it('names the release a server reports in NTLM, client and server together where they share a build', () => {
    expect(windowsRelease({ major: 6, minor: 1, build: 7601 })).toBe('Windows 7 SP1 / Server 2008 R2 SP1');
    expect(windowsRelease({ major: 10, minor: 0, build: 20348 })).toBe('Windows Server 2022');
    expect(windowsRelease({ major: 10, minor: 0, build: 17763 })).toBe('Windows 10 1809 / Server 2019');
  });

  it('an unknown build, or a version that does not fit its build, is not given a name', () => {
    expect(windowsRelease({ major: 10, minor: 0, build: 12345 })).toBeNull();
    expect(windowsRelease({ major: 10, minor: 0, build: 7601 })).toBeNull();
    expect(windowsRelease({ major: 6, minor: 3, build: 20348 })).toBeNull();
    expect(windowsRelease(null)).toBeNull();
  });
});
