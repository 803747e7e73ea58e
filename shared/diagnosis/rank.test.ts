import { describe, expect, it } from 'vitest';
import type { CheckId } from '../catalog/checks';
import type { CheckResult, Evidence, Finding } from '../results';
import { result } from '../../test/support/diagnosis-fixtures';
import { report } from '../../test/probe/fixtures';
import { mergeSameCause, placeOf, rankFindings } from './rank';
import type { Results } from './rule-kit';

/*
 * The ranking as the user reads it: the order, which finding takes in which, its score, and the
 * sentence under each finding that says why it ranks where it does. Findings are made by hand here
 * (the rules have their own tests), so each rule of the ranking is seen alone.
 */

const ev = (checkId: CheckId, value = 'seen'): Evidence => ({ checkId, label: 'Seen', value });
const finding = (id: string, score: number, evidence: Evidence[], over: Partial<Finding> = {}): Finding => ({
  id,
  title: `${id} title.`,
  plain: `${id} plain.`,
  technical: `${id} technical.`,
  likelihood: 'likely',
  score,
  evidence,
  fixIds: [],
  ...over,
});
const wire = () => [ev('rdp-handshake')];
const ran = (checkId: CheckId, status: CheckResult['status'] = 'pass'): CheckResult => ({ checkId, status, summary: '', durationMs: 1 });
const healthyWire: Results = { 'rdp-handshake': result('rdp-handshake', report()) };

describe('where each piece of evidence was read', () => {
  it('the wire, the server (settings or event logs), this computer (settings or its Remote Desktop log)', () => {
    expect(placeOf('rdp-handshake')).toBe('wire');
    expect(placeOf('tcp-port')).toBe('wire');
    expect(placeOf('server-certificate')).toBe('server-settings');
    expect(placeOf('server-rdp-events')).toBe('server-events');
    expect(placeOf('server-connection-pressure')).toBe('server-events');
    expect(placeOf('client-rdp-log')).toBe('client-log');
    expect(placeOf('client-tls')).toBe('client-settings');
  });
});

describe('why a finding ranks where it does', () => {
  it('names every place its evidence was read, and says when the wire neither confirms nor contradicts it', () => {
    const [f] = rankFindings(
      [finding('rdp-disabled', 60, [ev('server-rdp-enabled'), ev('server-rdp-events'), ev('client-rdp-log'), ev('client-tls')])],
      {},
    );
    expect(f!.rankReason).toBe(
      "Read in the server's own settings, the server's event logs, this computer's Remote Desktop log and this computer's settings; the connection test neither confirms nor contradicts it.",
    );
    const [one] = rankFindings([finding('credssp-policy-blocks', 60, [ev('client-credssp')])], {});
    expect(one!.rankReason).toBe("Read in this computer's settings; the connection test neither confirms nor contradicts it.");
  });

  it('a cause seen on the wire alone stays a cause (with its fix) and says no setting or log was needed', () => {
    const [f] = rankFindings(
      [finding('certificate-unusable', 100, wire(), { likelihood: 'certain', fixIds: ['regenerate-rdp-certificate'] })],
      {},
    );
    expect(f).toMatchObject({ id: 'certificate-unusable', fixIds: ['regenerate-rdp-certificate'], likelihood: 'certain' });
    expect(f!.kind).toBeUndefined();
    expect(f!.rankReason).toBe('Seen by the connection test from here; no setting or log on either computer was needed to see it.');
  });

  it("a symptom nobody explains: the server's checks read or not decide what it says", () => {
    const symptom = finding('tls-reset', 70, wire());
    const notRead = rankFindings([symptom], {
      'server-certificate': ran('server-certificate', 'not-checked'),
      'client-tls': ran('client-tls'),
    });
    expect(notRead[0]).toMatchObject({ kind: 'symptom', fixIds: [] });
    expect(notRead[0]!.rankReason).toBe(
      "What the connection test showed; the server's own settings and logs were not read, so the cause behind it is not known yet.",
    );
    const read = rankFindings([symptom], { 'server-certificate': ran('server-certificate') });
    expect(read[0]!.rankReason).toBe("What the connection test showed; nothing found in the server's settings or logs explains it.");
  });
});

describe('a cause takes in the symptoms it explains', () => {
  it('one finding, certain (two places agree), above the strongest part, each part named in the reason once', () => {
    const cause = finding('certificate-unusable', 80, [ev('server-certificate')], { fixIds: ['regenerate-rdp-certificate'] });
    const reset = finding('tls-reset', 90, wire(), { title: 'The server hangs up at TLS v1.2.' });
    const refused = finding('handshake-refused', 50, [ev('rdp-handshake', 'refused')], { title: 'Refused.' });
    const out = rankFindings([cause, reset, refused], {});
    expect(out.map((f) => f.id)).toEqual(['certificate-unusable']);
    // The strongest part's score and 6 for the first agreeing part, 2 for each further one.
    expect(out[0]).toMatchObject({
      score: 98,
      likelihood: 'certain',
      fixIds: ['regenerate-rdp-certificate'],
      title: 'certificate-unusable title.',
    });
    expect(out[0]!.evidence).toEqual([ev('server-certificate'), ev('rdp-handshake'), ev('rdp-handshake', 'refused')]);
    expect(out[0]!.rankReason).toBe(
      "Read in the server's own settings, and it explains what the connection test showed just now (The server hangs up at TLS v1.2; Refused).",
    );
    const single = rankFindings([cause, reset], {});
    expect(single[0]!.score).toBe(96);
  });

  it('of two causes that explain it, the higher score takes it, whatever their order', () => {
    const cert = finding('certificate-unusable', 60, [ev('server-certificate')]);
    const flood = finding('connection-flood', 90, [ev('server-connection-pressure')]);
    const out = rankFindings([cert, flood, finding('tls-reset', 70, wire())], {});
    expect(out.map((f) => f.id)).toEqual(['connection-flood', 'certificate-unusable']);
    expect(out[0]!.evidence.map((e) => e.checkId)).toEqual(['server-connection-pressure', 'rdp-handshake']);
    expect(out[1]!.evidence.map((e) => e.checkId)).toEqual(['server-certificate']);
  });

  it('a part read on the computer itself that joins two places and says more keeps its words; the cause keeps its id', () => {
    const outdated = finding('credssp-outdated', 60, [ev('server-credssp')], { fixIds: ['start-rdp-services'] });
    const mismatch = finding('credssp-policy-blocks', 80, [ev('client-credssp'), ev('server-credssp', 'old')], {
      title: 'Both ends disagree.',
      fixIds: ['credssp-allow-vulnerable'],
    });
    const [f] = rankFindings([outdated, mismatch], {});
    expect(f).toMatchObject({ id: 'credssp-outdated', title: 'Both ends disagree.', plain: 'credssp-policy-blocks plain.', score: 86 });
    // Read on the computer itself: its fixes join the cause's.
    expect(f!.fixIds).toEqual(['start-rdp-services', 'credssp-allow-vulnerable']);
    // Not more than the cause's own score, or not more places: the cause's own words.
    const same = rankFindings([outdated, { ...mismatch, score: 60 }], {});
    expect(same[0]!.title).toBe('credssp-outdated title.');
    const onePlace = rankFindings([outdated, { ...mismatch, evidence: [ev('client-credssp')] }], {});
    expect(onePlace[0]!.title).toBe('credssp-outdated title.');
    expect(onePlace[0]!.likelihood).toBe('likely');
  });

  it('a cause that is only possible, or contradicted, takes nothing in', () => {
    const possible = finding('certificate-unusable', 80, [ev('server-certificate')], { likelihood: 'possible' });
    expect(rankFindings([possible, finding('tls-reset', 70, wire())], {}).map((f) => f.id)).toEqual(['certificate-unusable', 'tls-reset']);
  });
});

describe('evidence that contradicts a cause', () => {
  it('lowers it to possible and below everything supported, with the reason appended to its words and as its rank reason', () => {
    const cert = finding('certificate-unusable', 90, [ev('server-certificate')], { likelihood: 'certain' });
    const other = finding('credssp-policy-blocks', 20, [ev('client-credssp')]);
    const out = rankFindings([cert, other], healthyWire);
    expect(out.map((f) => f.id)).toEqual(['credssp-policy-blocks', 'certificate-unusable']);
    expect(out[1]).toMatchObject({ likelihood: 'possible', score: 10, contradicted: true });
    expect(out[1]!.plain).toBe(
      'certificate-unusable plain. But the server completed a secure handshake with a valid certificate from here just now, so the certificate is not why it closes the connection now.',
    );
    expect(out[1]!.rankReason).toBe('Shown low: what the connection test showed just now contradicts it.');
    // Already lower than that: it stays where it was.
    expect(rankFindings([{ ...cert, score: 5 }], healthyWire)[0]!.score).toBe(5);
  });
});

describe('the order', () => {
  it('highest score first', () => {
    const out = rankFindings(
      [
        finding('credssp-policy-blocks', 20, [ev('client-credssp')]),
        finding('rdp-disabled', 70, [ev('server-rdp-enabled')]),
        finding('fips-required', 40, [ev('server-security-settings')]),
      ],
      {},
    );
    expect(out.map((f) => f.id)).toEqual(['rdp-disabled', 'fips-required', 'credssp-policy-blocks']);
  });
});

describe('one cause named twice', () => {
  it('keeps evidence that reads the same but comes from another check', () => {
    const a = finding('x', 50, [{ checkId: 'server-certificate', label: 'Certificate', value: 'expired' }]);
    const b = finding('x', 40, [{ checkId: 'rdp-handshake', label: 'Certificate', value: 'expired' }]);
    expect(mergeSameCause(a, b).evidence.map((e) => e.checkId)).toEqual(['server-certificate', 'rdp-handshake']);
  });
});
