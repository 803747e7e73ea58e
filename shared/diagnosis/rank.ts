import type { CheckId } from '../catalog/types';
import { sideOfId } from '../catalog/shapes';
import type { Evidence, Finding } from '../results';
import { CAUSES, CONTRADICTIONS, SYMPTOM_IDS, causesOf } from './causes';
import { probeReportOf } from './facts-of';
import type { Results } from './rule-kit';

/*
 * One ranking for every finding, whatever rule made it: the same cause named twice becomes one
 * finding; what the wire showed just now lowers a cause it contradicts; a cause absorbs the wire
 * findings it explains (they become its evidence); each finding says in a sentence why it ranks
 * where it does.
 */

export type Place = 'wire' | 'server-settings' | 'server-events' | 'client-settings' | 'client-log';

/** Checks that read event logs rather than settings. */
const EVENT_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['server-rdp-events', 'server-connection-pressure']);

export function placeOf(checkId: CheckId): Place {
  const side = sideOfId(checkId);
  if (side === 'wire') return 'wire';
  if (side === 'server') return EVENT_CHECKS.has(checkId) ? 'server-events' : 'server-settings';
  return checkId === 'client-rdp-log' ? 'client-log' : 'client-settings';
}

const PLACE_WORDS: Record<Place, string> = {
  wire: 'the connection test from here',
  'server-settings': "the server's own settings",
  'server-events': "the server's event logs",
  'client-settings': "this computer's settings",
  'client-log': "this computer's Remote Desktop log",
};

const placesOf = (f: Finding): Set<Place> => new Set(f.evidence.map((e) => placeOf(e.checkId)));
const direct = (f: Finding): boolean => [...placesOf(f)].some((p) => p !== 'wire');
const rank = { certain: 3, likely: 2, possible: 1 } as const;

function addEvidence(into: Evidence[], more: readonly Evidence[]): Evidence[] {
  const out = [...into];
  for (const e of more) if (!out.some((x) => x.checkId === e.checkId && x.label === e.label && x.value === e.value)) out.push(e);
  return out;
}

/**
 * Two rules that name the same cause: one finding, the higher score's texts, the stronger
 * likelihood, every piece of evidence once. A rule that only saw the wire cannot tell which fix
 * acts on the cause, so a rule with evidence from the computer itself decides the fixes.
 */
export function mergeSameCause(a: Finding, b: Finding): Finding {
  const [first, second] = b.score > a.score ? [b, a] : [a, b];
  const fixIds =
    direct(first) === direct(second) ? [...new Set([...first.fixIds, ...second.fixIds])] : direct(first) ? first.fixIds : second.fixIds;
  return {
    ...first,
    likelihood: rank[second.likelihood] > rank[first.likelihood] ? second.likelihood : first.likelihood,
    evidence: addEvidence(first.evidence, second.evidence),
    fixIds,
  };
}

/** Below every finding the evidence supports, above none. */
const CONTRADICTED_SCORE = 10;

function contradict(findings: Finding[], r: Results): Finding[] {
  const report = probeReportOf(r);
  if (!report) return findings;
  return findings.map((f) => {
    const c = CONTRADICTIONS[f.id];
    if (!c || !c.applies(report, r)) return f;
    return {
      ...f,
      likelihood: 'possible',
      score: Math.min(f.score, CONTRADICTED_SCORE),
      plain: `${f.plain} ${c.note}`,
      contradicted: true,
    };
  });
}

/** A cause the wire agrees with moves up by this, and a little more per further agreeing finding. */
const AGREES_WITH_WIRE = 6;
const PER_MORE_EVIDENCE = 2;

interface Absorbed {
  finding: Finding;
  /** Titles of what it explains, for the sentence on why it ranks where it does. */
  explains: string[];
}

/**
 * A cause that its own evidence supports (likely or certain, not contradicted) takes in every
 * finding it explains; of several such causes, the highest. What is taken in becomes evidence.
 */
function absorbExplained(findings: Finding[], r: Results): Absorbed[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const owner = new Map<string, string>();
  for (const f of findings) {
    const candidates = causesOf(f.id, r)
      .map((id) => byId.get(id))
      .filter((c): c is Finding => !!c && c.id !== f.id && !c.contradicted && c.likelihood !== 'possible')
      .sort((a, b) => b.score - a.score);
    if (candidates[0]) owner.set(f.id, candidates[0].id);
  }
  const root = (id: string): string => {
    const seen = new Set<string>();
    let at = id;
    while (owner.has(at) && !seen.has(at)) {
      seen.add(at);
      at = owner.get(at)!;
    }
    return at;
  };
  const out = new Map<string, Absorbed>();
  for (const f of findings) if (root(f.id) === f.id) out.set(f.id, { finding: f, explains: [] });
  // Read where it lives, and never on the wire: a wire finding it explains is a second place agreeing.
  const readOffTheWire = new Set(findings.filter((f) => direct(f) && !placesOf(f).has('wire')).map((f) => f.id));
  for (const f of findings) {
    const r = root(f.id);
    if (r === f.id) continue;
    const into = out.get(r)!;
    const cause = into.finding;
    const secondPlace = !direct(f) && readOffTheWire.has(r);
    const first = into.explains.length === 0;
    // One story: as strong as its strongest part, and a little stronger for each part that agrees.
    const likelihood = secondPlace ? 'certain' : rank[f.likelihood] > rank[cause.likelihood] ? f.likelihood : cause.likelihood;
    // A part that already joins two places and says more than the cause's own rule keeps its
    // words (the CredSSP mismatch read on both ends); the cause keeps its id.
    const joinsMore = placesOf(f).size > placesOf(cause).size;
    const words =
      direct(f) && joinsMore && f.score > cause.score
        ? { title: f.title, plain: f.plain, technical: f.technical, learnMore: f.learnMore }
        : {};
    into.finding = {
      ...cause,
      ...words,
      evidence: addEvidence(cause.evidence, f.evidence),
      fixIds: direct(f) ? [...new Set([...cause.fixIds, ...f.fixIds])] : cause.fixIds,
      score: Math.max(cause.score, f.score) + (first ? AGREES_WITH_WIRE : PER_MORE_EVIDENCE),
      likelihood,
    };
    into.explains.push(f.title.replace(/\.$/, ''));
  }
  return [...out.values()];
}

/** What could explain a symptom, where: one sentence for a wire finding no found cause explains. */
export function whereToLook(symptom: string): string {
  const causes = causesOf(symptom).map((id) => CAUSES[id]!);
  const phrases = (side: 'server' | 'client') => [...new Set(causes.filter((c) => c.side === side).map((c) => c.lookAt))];
  const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);
  const server = phrases('server');
  const client = phrases('client');
  const parts = [server.length ? `on the server, ${list(server)}` : '', client.length ? `on this computer, ${list(client)}` : ''];
  return `What can cause this: ${parts.filter(Boolean).join('; ')}.`;
}

function symptomOf(f: Finding): Finding {
  return { ...f, kind: 'symptom', plain: `${f.plain} ${whereToLook(f.id)}`, fixIds: [] };
}

const joinPlaces = (places: Place[]) => {
  const words = places.map((p) => PLACE_WORDS[p]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
};

/** Why a finding ranks where it does, in one sentence. */
function rankReason(a: Absorbed, serverChecked: boolean): string {
  const f = a.finding;
  if (f.contradicted) return 'Shown low: what the connection test showed just now contradicts it.';
  if (f.kind === 'symptom') {
    return serverChecked
      ? "What the connection test showed; nothing found in the server's settings or logs explains it."
      : "What the connection test showed; the server's own settings and logs were not read, so the cause behind it is not known yet.";
  }
  const places = [...placesOf(f)].filter((p) => p !== 'wire');
  if (places.length === 0) return 'Seen by the connection test from here; no setting or log on either computer was needed to see it.';
  const basis = `Read in ${joinPlaces(places)}`;
  if (a.explains.length > 0) return `${basis}, and it explains what the connection test showed just now (${a.explains.join('; ')}).`;
  return `${basis}; the connection test neither confirms nor contradicts it.`;
}

/** Every finding the rules made, ranked: the one pipeline behind the wizard, the report and the command line. */
export function rankFindings(found: readonly Finding[], r: Results): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of found) {
    const seen = byId.get(f.id);
    byId.set(f.id, seen ? mergeSameCause(seen, f) : f);
  }
  const serverChecked = Object.values(r).some((x) => x && sideOfId(x.checkId) === 'server' && x.status !== 'not-checked');
  const absorbed = absorbExplained(contradict([...byId.values()], r), r).map((a) =>
    SYMPTOM_IDS.has(a.finding.id) && !direct(a.finding) ? { ...a, finding: symptomOf(a.finding) } : a,
  );
  return absorbed.map((a) => ({ ...a.finding, rankReason: rankReason(a, serverChecked) })).sort((a, b) => b.score - a.score);
}
