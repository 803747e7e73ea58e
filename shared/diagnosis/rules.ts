import type { CheckResult, Finding } from '../results';
import type { Results } from './rule-kit';
import { defaultDiagnosisContext, type DiagnosisContext } from '../network-type';
import { networkRules } from './network/rules';
import { handshakeRules } from './handshake/rules';
import { clientRules } from './client/rules';
import { moduleRules } from '../checks/diagnoses';
import { mismatchRules } from './mismatch-rules';
import { regressionRules } from './regression-rules';
import { clientTrapRules } from './client-trap-rules';
import { timelineRules } from './timeline-rules';
import { agreeWithEvidence, foldSymptoms } from './agree-with-evidence';
import { considerReportedError } from './reported-error-codes';

/**
 * Pure rules: check results in, findings out, ranked by how well each explains 0x904/0x7
 * ("TCP connected, then the server closed the socket during security setup"). Related results
 * become one finding with all their evidence, never two findings for one cause.
 */
const rules = [
  ...networkRules,
  ...handshakeRules,
  ...clientRules,
  ...moduleRules,
  ...mismatchRules,
  ...regressionRules,
  ...clientTrapRules,
  ...timelineRules,
];

const rank = { certain: 3, likely: 2, possible: 1 } as const;

/** Two rules that name the same cause (same id) become one finding with all the evidence. */
function merge(a: Finding, b: Finding): Finding {
  const [first, second] = b.score > a.score ? [b, a] : [a, b];
  const evidence = [...first.evidence];
  for (const e of second.evidence) {
    if (!evidence.some((x) => x.checkId === e.checkId && x.value === e.value)) evidence.push(e);
  }
  return {
    ...first,
    likelihood: rank[second.likelihood] > rank[first.likelihood] ? second.likelihood : first.likelihood,
    evidence,
    fixIds: [...new Set([...first.fixIds, ...second.fixIds])],
  };
}

export function diagnose(results: readonly CheckResult[], context: DiagnosisContext = defaultDiagnosisContext): Finding[] {
  const byId: Results = {};
  for (const r of results) byId[r.checkId] = r;
  const byFinding = new Map<string, Finding>();
  for (const found of rules.flatMap((rule) => rule(byId, context) ?? [])) {
    const seen = byFinding.get(found.id);
    byFinding.set(found.id, seen ? merge(seen, found) : found);
  }
  const agreed = foldSymptoms(agreeWithEvidence([...byFinding.values()], byId));
  return considerReportedError(agreed, context.reportedError).sort((a, b) => b.score - a.score);
}
