import { describe, expect, it } from 'vitest';
import { NEGOTIATION_REQUESTS, acceptedProtocols, mainHandshake } from '../../electron/main/probe/verdict';
import { PROTOCOL, type NegotiationAttempt } from '../../shared/probe-facts';
import { attempt, tls } from './fixtures';

/*
 * What the report's "Accepted protocols" line says, from the answers to the five requests the
 * probe sends (MS-RDPBCGR 2.2.1.2.1 RDP_NEG_RSP: the server picks one of the offered protocols;
 * 2.2.1.2.2 RDP_NEG_FAILURE: it refuses the request; an 11-byte confirm without negotiation data is
 * a server that knows only standard RDP security).
 */

const SSL_HYBRID = PROTOCOL.SSL | PROTOCOL.HYBRID;
const HYBRID_EX_REQUEST = PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;
const RDSTLS_REQUEST = PROTOCOL.SSL | PROTOCOL.RDSTLS;

const selected = (protocol: number) =>
  ({ kind: 'selected', protocol, protocolName: String(protocol), flags: 0 }) as const satisfies NegotiationAttempt['confirm'];
const failure = { kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER', flags: 0 } as const;

describe('the requests', () => {
  it('asks first what mstsc offers (SSL|HYBRID), then each protocol in the one request that proves it', () => {
    expect(NEGOTIATION_REQUESTS.map((r) => [r.requested, r.proves, r.tls])).toEqual([
      [SSL_HYBRID, 'HYBRID', true],
      [PROTOCOL.RDP, 'RDP', false],
      [PROTOCOL.SSL, 'SSL', false],
      [HYBRID_EX_REQUEST, 'HYBRID_EX', false],
      [RDSTLS_REQUEST, 'RDSTLS', false],
    ]);
  });
});

describe('accepted protocols', () => {
  it('a Windows server with NLA: HYBRID, SSL, HYBRID_EX and RDSTLS yes; standard RDP security refused', () => {
    expect(
      acceptedProtocols([
        attempt(SSL_HYBRID, selected(PROTOCOL.HYBRID)),
        attempt(PROTOCOL.RDP, failure),
        attempt(PROTOCOL.SSL, selected(PROTOCOL.SSL)),
        attempt(HYBRID_EX_REQUEST, selected(PROTOCOL.HYBRID_EX)),
        attempt(RDSTLS_REQUEST, selected(PROTOCOL.RDSTLS)),
      ]),
    ).toEqual({ RDP: 'no', SSL: 'yes', HYBRID: 'yes', RDSTLS: 'yes', HYBRID_EX: 'yes' });
  });

  it('xrdp picking SSL from every TLS request: only SSL and RDP are yes (picking SSL proves nothing about HYBRID)', () => {
    expect(
      acceptedProtocols([
        attempt(SSL_HYBRID, selected(PROTOCOL.SSL)),
        attempt(PROTOCOL.RDP, selected(PROTOCOL.RDP)),
        attempt(PROTOCOL.SSL, selected(PROTOCOL.SSL)),
        attempt(HYBRID_EX_REQUEST, selected(PROTOCOL.SSL)),
        attempt(RDSTLS_REQUEST, { kind: 'rejected', how: 'mcs-disconnect', sample: '' }),
      ]),
    ).toEqual({ RDP: 'yes', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' });
  });

  it('HYBRID shows as accepted when the HYBRID_EX request falls back to it, even if the first request failed', () => {
    const out = acceptedProtocols([
      attempt(SSL_HYBRID, { kind: 'reset', afterBytes: 0 }),
      attempt(HYBRID_EX_REQUEST, selected(PROTOCOL.HYBRID)),
    ]);
    expect(out.HYBRID).toBe('yes');
    expect(out.HYBRID_EX).toBe('no');
    // What was never asked, or got no answer, stays unknown rather than "no".
    expect(out.RDP).toBe('unknown');
    expect(out.SSL).toBe('unknown');
  });

  it('a HYBRID_EX request answered with SSL does not make HYBRID accepted', () => {
    const out = acceptedProtocols([attempt(SSL_HYBRID, failure), attempt(HYBRID_EX_REQUEST, selected(PROTOCOL.SSL))]);
    expect(out.HYBRID).toBe('no');
  });

  it('a legacy server (11-byte confirm) speaks standard RDP security only', () => {
    const legacy = { kind: 'legacy' } as const;
    expect(
      acceptedProtocols([
        attempt(SSL_HYBRID, legacy),
        attempt(PROTOCOL.RDP, legacy),
        attempt(PROTOCOL.SSL, legacy),
        attempt(HYBRID_EX_REQUEST, legacy),
        attempt(RDSTLS_REQUEST, legacy),
      ]),
    ).toEqual({ RDP: 'yes', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' });
  });

  it('a refusal in any form is "no"; an answer that is not RDP, a reset or silence is "unknown"', () => {
    const out = acceptedProtocols([
      attempt(SSL_HYBRID, { kind: 'rejected', how: 'x224-disconnect', sample: '' }),
      attempt(PROTOCOL.RDP, failure),
      attempt(PROTOCOL.SSL, { kind: 'not-rdp', looksLike: 'http', sample: '' }),
      attempt(HYBRID_EX_REQUEST, { kind: 'silent', afterBytes: 0, waitedMs: 5000 }),
      attempt(RDSTLS_REQUEST, { kind: 'malformed', reason: 'x', sample: '' }),
    ]);
    expect(out).toEqual({ RDP: 'no', SSL: 'unknown', HYBRID: 'no', RDSTLS: 'unknown', HYBRID_EX: 'unknown' });
  });

  it('nothing asked: everything unknown', () => {
    expect(acceptedProtocols([])).toEqual({ RDP: 'unknown', SSL: 'unknown', HYBRID: 'unknown', RDSTLS: 'unknown', HYBRID_EX: 'unknown' });
  });
});

describe('the handshake a current client would get', () => {
  it('is the first TLS stage that worked, even after one that failed', () => {
    const failed = tls({ outcome: 'reset', error: 'ECONNRESET', certificate: null });
    const ok = tls({ version: 'TLSv1.3' });
    const later = tls({ version: 'TLSv1.2' });
    expect(
      mainHandshake([
        attempt(PROTOCOL.RDP, selected(PROTOCOL.RDP)),
        attempt(SSL_HYBRID, selected(PROTOCOL.SSL), failed),
        attempt(PROTOCOL.SSL, selected(PROTOCOL.SSL), ok),
        attempt(HYBRID_EX_REQUEST, selected(PROTOCOL.SSL), later),
      ]),
    ).toBe(ok);
  });
  it('is the first failed one when none worked, and none without any TLS stage', () => {
    const first = tls({ outcome: 'reset', error: 'ECONNRESET', certificate: null });
    const second = tls({ outcome: 'alert', error: 'x', certificate: null });
    expect(mainHandshake([attempt(SSL_HYBRID, selected(1), first), attempt(PROTOCOL.SSL, selected(1), second)])).toBe(first);
    expect(mainHandshake([attempt(PROTOCOL.RDP, selected(PROTOCOL.RDP))])).toBeNull();
  });
});
