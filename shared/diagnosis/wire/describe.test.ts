import { describe, expect, it } from 'vitest';
import { PROTOCOL } from '../../probe-facts';
import { address, attempt, tls } from '../../../test/probe/fixtures';
import { describeConfirm, describeTls, hs, mainAttempt } from './describe';
import { firstReplyFinding } from './negotiation';

/** The evidence lines helpdesk staff read: each reply the server gave, in the protocol's own words. */

describe('describeConfirm: every X.224 reply, as the evidence says it', () => {
  it.each([
    [{ kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 }, 'selected HYBRID'],
    [{ kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER', flags: 0 }, 'RDP_NEG_FAILURE 5 HYBRID_REQUIRED_BY_SERVER'],
    [{ kind: 'legacy' }, 'legacy Connection Confirm (no negotiation)'],
    [{ kind: 'not-rdp', looksLike: 'http', sample: 'HTTP/1.1 400' }, 'not RDP (http): HTTP/1.1 400'],
    [{ kind: 'rejected', how: 'x224-disconnect', sample: '03' }, 'X.224 Disconnect Request'],
    [{ kind: 'rejected', how: 'mcs-disconnect', sample: '03' }, 'MCS Disconnect Provider Ultimatum'],
    [{ kind: 'malformed', reason: 'TPKT length 3', sample: '03' }, 'malformed reply: TPKT length 3'],
    [{ kind: 'closed', afterBytes: 0 }, 'connection closed after 0 bytes'],
    [{ kind: 'reset', afterBytes: 4 }, 'connection reset after 4 bytes'],
    [{ kind: 'silent', afterBytes: 0, waitedMs: 5000 }, 'no answer within 5000 ms'],
    [{ kind: 'silent', afterBytes: 7, waitedMs: 5000 }, 'stalled after 7 bytes (5000 ms)'],
    [{ kind: 'connect-failed', state: 'refused', error: 'ECONNREFUSED' }, 'connection failed: refused (ECONNREFUSED)'],
    [{ kind: 'connect-failed', state: 'filtered', error: null }, 'connection failed: filtered'],
    [{ kind: 'cancelled' }, 'cancelled'],
  ] as const)('%j reads "%s"', (confirm, text) => {
    expect(describeConfirm(confirm)).toBe(text);
  });
});

describe('describeTls', () => {
  it('names the version and cipher of a finished handshake, and how an unfinished one ended', () => {
    expect(describeTls(tls())).toBe('TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    expect(describeTls(tls({ version: null, cipher: null }))).toBe('?');
    expect(describeTls(tls({ outcome: 'alert', error: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR' }))).toBe(
      'alert (ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR)',
    );
    expect(describeTls(tls({ outcome: 'timeout', error: null }))).toBe('timeout');
  });
});

describe('hs and mainAttempt', () => {
  it('files an evidence line under the handshake check', () => {
    expect(hs('First reply', 'selected SSL')).toEqual({ checkId: 'rdp-handshake', label: 'First reply', value: 'selected SSL' });
  });

  it("reads the attempt mstsc's own request made (SSL|HYBRID), else the first attempt", () => {
    const ssl = attempt(PROTOCOL.SSL, { kind: 'selected', protocol: 1, protocolName: 'SSL', flags: 0 });
    const mstsc = attempt(PROTOCOL.SSL | PROTOCOL.HYBRID, { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 });
    expect(mainAttempt(address({ negotiation: [ssl, mstsc] }))).toBe(mstsc);
    expect(mainAttempt(address({ negotiation: [ssl] }))).toBe(ssl);
    expect(mainAttempt(address({ negotiation: [] }))).toBeUndefined();
  });
});

describe('what answered instead of Remote Desktop, in plain words', () => {
  it.each([
    ['http', /answered by a web server \(a router or NAS admin page, a Remote Desktop Gateway web page, or a proxy\), not/],
    ['ssh', /answered by an SSH server, not/],
    ['tls', /answered by a TLS service that is not Remote Desktop \(for example a VPN, an RD Gateway or a web server on HTTPS\), not/],
    ['text', /answered by another program that greets with text, not/],
    ['binary', /answered by another program, not/],
  ] as const)('%s', (looksLike, words) => {
    const f = firstReplyFinding({ kind: 'not-rdp', looksLike, sample: 'x' }, [], 3389);
    expect(f?.plain).toMatch(words);
  });
});
