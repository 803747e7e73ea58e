import { describe, expect, it } from 'vitest';
import { learnMore } from '../../catalog/learn-more';
import { PROTOCOL, type AddressProbe, type Confirm, type NlaFacts } from '../../probe-facts';
import { address, attempt, tls } from '../../../test/probe/fixtures';
import { hs } from './describe';
import { firstReplyFinding, negotiationFindings } from './negotiation';

/** What the server answered to the X.224 Connection Request (MS-RDPBCGR 2.2.1.2), request by request. */

const first = hs('First reply', 'x');
const MSTSC = PROTOCOL.SSL | PROTOCOL.HYBRID;
const failure = (code: number, codeName = `CODE_${code}`): Confirm => ({ kind: 'failure', code, codeName, flags: 0 });
const selected = (protocol: number, protocolName: string): Confirm => ({ kind: 'selected', protocol, protocolName, flags: 0 });
const none = { RDP: 'no', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' } as const;
const ids = (a: AddressProbe) => negotiationFindings(a, [first]).map((f) => f.id);

describe('the first reply that is not a negotiation', () => {
  it('something else on the port is certain, naming the port and what answered', () => {
    const f = firstReplyFinding({ kind: 'not-rdp', looksLike: 'ssh', sample: 'SSH-2.0-OpenSSH_9.6' }, [first], 3390);
    expect(f).toMatchObject({
      id: 'not-rdp',
      title: 'Something other than Remote Desktop answers on this port',
      plain: expect.stringMatching(
        /^Port 3390 is answered by an SSH server, not by Remote Desktop\. Check the port number .*port forwarding/,
      ),
      technical: 'The reply to the X.224 Connection Request is not TPKT (first bytes: SSH-2.0-OpenSSH_9.6; looks like ssh).',
      learnMore: learnMore.listeningPort,
      likelihood: 'certain',
      score: 95,
      evidence: [first],
      fixIds: [],
    });
  });

  it('a broken reply points at a device in the middle or a buggy server', () => {
    const f = firstReplyFinding({ kind: 'malformed', reason: 'TPKT version 2', sample: '02' }, [first], 3389);
    expect(f).toMatchObject({
      id: 'broken-rdp-reply',
      title: 'The server sends a broken Remote Desktop reply',
      plain: expect.stringMatching(
        /^Something answered like Remote Desktop but the reply does not follow the protocol\. A proxy, load balancer/,
      ),
      technical: 'Malformed X.224 Connection Confirm: TPKT version 2 (MS-RDPBCGR 2.2.1.2).',
      likelihood: 'likely',
      score: 70,
      evidence: [first],
      fixIds: [],
    });
  });

  it('a hang-up before the confirm is 0x904 in its plainest form, with RST or FIN named', () => {
    for (const [kind, tcp] of [
      ['reset', 'RST'],
      ['closed', 'FIN'],
    ] as const) {
      const f = firstReplyFinding({ kind, afterBytes: 0 }, [first], 3389);
      expect(f).toMatchObject({
        id: 'closed-before-negotiation',
        title: 'The server hangs up before the security setup starts',
        plain: expect.stringMatching(
          /^The port accepts the connection, then the server closes it without answering the Remote Desktop greeting: error 0x904 in its plainest form\./,
        ),
        technical: expect.stringMatching(
          new RegExp(`^TCP ${tcp} after 0 bytes, before an X\\.224 Connection Confirm\\. Server side: MaxOutstandingConnections`),
        ),
        learnMore: learnMore.bruteForce,
        likelihood: 'likely',
        score: 85,
        evidence: [first],
        fixIds: [],
      });
    }
  });

  it("a disconnect in RDP's own protocol is a refusal without a reason", () => {
    const f = firstReplyFinding({ kind: 'rejected', how: 'mcs-disconnect', sample: '03' }, [first], 3389);
    expect(f).toMatchObject({
      id: 'refused-without-reason',
      title: 'The server refuses the connection without a reason',
      plain: expect.stringMatching(
        /^The server answered in Remote Desktop's own protocol and then hung up without saying why\. Connection limits/,
      ),
      technical: 'MCS Disconnect Provider Ultimatum in reply to the Connection Request.',
      likelihood: 'likely',
      score: 75,
      evidence: [first],
      fixIds: [],
    });
  });

  it('silence after connecting names how long it waited', () => {
    const f = firstReplyFinding({ kind: 'silent', afterBytes: 0, waitedMs: 5000 }, [first], 3389);
    expect(f).toMatchObject({
      id: 'no-answer-after-connect',
      title: 'The port accepts connections but nothing answers',
      plain: expect.stringMatching(
        /^The connection opens, but nothing answers the Remote Desktop greeting\. A proxy or firewall that inspects traffic/,
      ),
      technical: 'No X.224 Connection Confirm: no answer within 5000 ms.',
      likelihood: 'likely',
      score: 75,
      evidence: [first],
      fixIds: [],
    });
  });

  it('a negotiation answer (or a cancelled or failed connect) is left to the negotiation rules', () => {
    for (const c of [
      selected(1, 'SSL'),
      failure(5),
      { kind: 'legacy' },
      { kind: 'cancelled' },
      { kind: 'connect-failed', state: 'refused', error: null },
    ] as Confirm[]) {
      expect(firstReplyFinding(c, [first], 3389)).toBeNull();
    }
  });
});

describe('the negotiation answers', () => {
  it('failure 3 is certain: no usable certificate, with every request and its answer as evidence', () => {
    const a = address({
      tls: null,
      negotiation: [attempt(MSTSC, failure(3, 'SSL_CERT_NOT_ON_SERVER')), attempt(PROTOCOL.RDP, selected(0, 'RDP'))],
      accepted: { ...none, RDP: 'yes' },
    });
    const found = negotiationFindings(a, [first]);
    // RDP still works, but the certificate is the cause: no "RDP security only" beside it.
    expect(found.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(found[0]).toMatchObject({
      title: 'The server has no usable certificate',
      plain: expect.stringMatching(
        /^The server itself says it has no certificate it can use .*classic cause of error 0x904 \/ 0x7.*such as xrdp on Linux/,
      ),
      technical: expect.stringMatching(
        /^RDP_NEG_FAILURE code 3, SSL_CERT_NOT_ON_SERVER \(MS-RDPBCGR 2\.2\.1\.2\.2\)\. Server: Win32_TSGeneralSetting/,
      ),
      learnMore: learnMore.listenerCertificate,
      likelihood: 'certain',
      score: 100,
      fixIds: [],
    });
    expect(found[0]!.evidence).toEqual([
      first,
      hs('Asked for SSL|HYBRID', 'RDP_NEG_FAILURE 3 SSL_CERT_NOT_ON_SERVER'),
      hs('Asked for RDP', 'selected RDP'),
    ]);
  });

  const nlaOnly = (over: Partial<AddressProbe> = {}) =>
    address({
      negotiation: [attempt(MSTSC, selected(2, 'HYBRID'), tls()), attempt(PROTOCOL.SSL, failure(5, 'HYBRID_REQUIRED_BY_SERVER'))],
      accepted: { ...none, HYBRID: 'yes' },
      ...over,
    });
  const answered: NlaFacts = { outcome: 'challenge', credsspVersion: 6, errorCode: null, challenge: null, error: null, ms: 1 };

  it('NLA required is only a possible cause, and only while the sign-in stage did not answer', () => {
    const [f] = negotiationFindings(nlaOnly(), [first]);
    expect(f).toMatchObject({
      id: 'nla-required',
      title: 'The server requires sign-in before the session (Network Level Authentication)',
      plain: expect.stringMatching(
        /^The server only accepts connections that sign in first \(Network Level Authentication\)\. That is normal, but .*May 2018/,
      ),
      technical: expect.stringMatching(
        /^HYBRID \(CredSSP\) accepted, SSL refused or RDP_NEG_FAILURE 5 HYBRID_REQUIRED_BY_SERVER\. Client policy: AllowEncryptionOracle/,
      ),
      learnMore: learnMore.credSsp,
      likelihood: 'possible',
      score: 45,
      fixIds: [],
    });
    expect(f!.evidence.map((e) => e.label)).toEqual(['First reply', 'Asked for SSL|HYBRID', 'Asked for SSL']);
    // The sign-in stage answered with a CHALLENGE (on the address, or on one attempt): NLA works.
    expect(ids(nlaOnly({ nla: answered }))).toEqual([]);
    const perAttempt = nlaOnly();
    perAttempt.negotiation[0] = { ...perAttempt.negotiation[0]!, nla: answered };
    expect(ids(perAttempt)).toEqual([]);
    expect(ids(nlaOnly({ nla: { ...answered, outcome: 'closed' } }))).toEqual(['nla-required']);
    // TLS itself failed: that is the story, the sign-in stage never began.
    expect(ids(nlaOnly({ tls: tls({ outcome: 'reset' }) }))).toEqual([]);
    expect(ids(nlaOnly({ tls: null }))).toEqual(['nla-required']);
  });

  it('NLA required needs HYBRID accepted and TLS alone refused (or failure 5)', () => {
    const sslAlsoWorks = nlaOnly({
      negotiation: [attempt(MSTSC, selected(2, 'HYBRID'))],
      accepted: { ...none, HYBRID: 'yes', SSL: 'yes' },
    });
    expect(ids(sslAlsoWorks)).toEqual([]);
    const sslUnknownButFailure5 = nlaOnly({ accepted: { ...none, HYBRID: 'yes', SSL: 'unknown' } });
    expect(ids(sslUnknownButFailure5)).toEqual(['nla-required']);
    const sslRefusedNoCode = nlaOnly({ negotiation: [attempt(MSTSC, selected(2, 'HYBRID'))] });
    expect(ids(sslRefusedNoCode)).toEqual(['nla-required']);
    expect(ids(nlaOnly({ accepted: { ...none, HYBRID: 'unknown' } }))).toEqual([]);
  });

  it("failure 6 requires TLS with user authentication, in the specification's words", () => {
    const a = address({ tls: null, negotiation: [attempt(PROTOCOL.SSL, failure(6))], accepted: { ...none, HYBRID: 'yes', SSL: 'yes' } });
    const [f, ...more] = negotiationFindings(a, [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'user-auth-required',
      title: 'The server requires TLS with user authentication',
      plain:
        'The server requires TLS with user authentication. Clients that do not offer it are refused; use a current Remote Desktop app with Network Level Authentication on.',
      technical: 'RDP_NEG_FAILURE 6, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER (MS-RDPBCGR 2.2.1.2.2).',
      likelihood: 'possible',
      score: 45,
      fixIds: [],
    });
    expect(f!.evidence).toEqual([first, hs('Asked for SSL', 'RDP_NEG_FAILURE 6 CODE_6')]);
  });

  it('failure 4 says the security settings contradict each other', () => {
    const a = address({ tls: null, negotiation: [attempt(MSTSC, failure(4))], accepted: { ...none, SSL: 'yes' } });
    const [f, ...more] = negotiationFindings(a, [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'inconsistent-flags',
      title: 'The server rejects the requested security settings',
      plain:
        'The server found the requested security protocols inconsistent with its settings. Its security settings may contradict each other.',
      technical: expect.stringMatching(/^RDP_NEG_FAILURE 4, INCONSISTENT_FLAGS\. Check SecurityLayer and UserAuthentication/),
      likelihood: 'possible',
      score: 40,
      fixIds: [],
    });
    expect(f!.evidence.at(-1)).toEqual(hs('Asked for SSL|HYBRID', 'RDP_NEG_FAILURE 4 CODE_4'));
  });

  it('a code the specification does not define names it, once, as a non-Microsoft server or a device in the middle', () => {
    const a = address({
      tls: null,
      negotiation: [attempt(MSTSC, failure(9)), attempt(PROTOCOL.SSL, failure(9)), attempt(PROTOCOL.HYBRID, failure(12))],
      accepted: { ...none, SSL: 'yes' },
    });
    const [f, ...more] = negotiationFindings(a, [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'unknown-negotiation-failure',
      title: 'The server refuses with an unknown reason code',
      plain: expect.stringMatching(
        /^The server refused the security negotiation with code 9, 12, which the Remote Desktop specification does not define: a non-Microsoft server/,
      ),
      technical: 'RDP_NEG_FAILURE with failureCode 9, 12: not one of 1..6 in MS-RDPBCGR 2.2.1.2.2.',
      likelihood: 'possible',
      score: 50,
      fixIds: [],
    });
    expect(f!.evidence).toHaveLength(4);
    // The codes the specification defines are not "unknown".
    for (const code of [1, 2, 3, 4, 5, 6]) {
      const known = address({ tls: null, negotiation: [attempt(MSTSC, failure(code))], accepted: { ...none, SSL: 'yes' } });
      expect(ids(known)).not.toContain('unknown-negotiation-failure');
    }
  });

  it('standard RDP security alone (or failure 2) is the old RDP security layer, worded for a legacy confirm', () => {
    const rdpOnly = address({
      tls: null,
      negotiation: [attempt(MSTSC, failure(2, 'SSL_NOT_ALLOWED_BY_SERVER')), attempt(PROTOCOL.RDP, selected(0, 'RDP'))],
      accepted: { ...none, RDP: 'yes' },
    });
    const [f, ...more] = negotiationFindings(rdpOnly, [first]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      id: 'rdp-security-only',
      title: 'The server only offers the old RDP security layer (no TLS)',
      plain: expect.stringMatching(
        /^The server refuses TLS and offers only the old "RDP security layer"\. Windows does this when its security is set to RDP/,
      ),
      technical: expect.stringMatching(/^PROTOCOL_RDP only, or RDP_NEG_FAILURE 2 SSL_NOT_ALLOWED_BY_SERVER\. SecurityLayer = 0 under/),
      likelihood: 'likely',
      score: 60,
      fixIds: [],
    });
    expect(f!.evidence).toHaveLength(3);

    const legacy = address({ tls: null, negotiation: [attempt(MSTSC, { kind: 'legacy' })], accepted: { ...none, RDP: 'yes' } });
    const [old] = negotiationFindings(legacy, [first]);
    expect(old?.plain).toMatch(
      /^The server is very old or ignores security negotiation, and refuses TLS and offers only the old "RDP security layer"\./,
    );
    expect(old?.technical).toMatch(/^PROTOCOL_RDP only \(legacy Connection Confirm without RDP_NEG_RSP\), or RDP_NEG_FAILURE 2/);

    // One legacy confirm among the answers is enough to say the server ignores negotiation.
    const mixed = address({
      tls: null,
      negotiation: [attempt(MSTSC, { kind: 'legacy' }), attempt(PROTOCOL.SSL, failure(2))],
      accepted: { ...none, RDP: 'yes' },
    });
    expect(negotiationFindings(mixed, [first])[0]?.plain).toMatch(/^The server is very old or ignores security negotiation/);

    // Failure 2 alone, even when nothing else is known, is enough; RDP beside TLS or NLA is not.
    const failure2 = address({ tls: null, negotiation: [attempt(MSTSC, failure(2))], accepted: { ...none, RDP: 'unknown' } });
    expect(ids(failure2)).toEqual(['rdp-security-only']);
    expect(ids(address({ accepted: { ...none, RDP: 'yes', SSL: 'yes' } }))).toEqual([]);
    expect(ids(address({ tls: null, negotiation: [], accepted: { ...none, RDP: 'yes', HYBRID: 'yes' } }))).not.toContain(
      'rdp-security-only',
    );
  });
});
