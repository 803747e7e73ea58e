import type { CheckResult, Finding } from '../results';
import type { Results } from './rule-kit';
import { defaultDiagnosisContext, type DiagnosisContext } from '../network-type';
import { networkRules } from './network/rules';
import { clientRules } from './client/rules';
import { serverRules } from './server/rules';

/**
 * Pure rules: check results in, findings out, ranked by how well each explains 0x904/0x7
 * ("TCP connected, then the server closed the socket during security setup"). Related results
 * become one finding with all their evidence, never two findings for one cause.
 */
const rules = [...networkRules, ...clientRules, ...serverRules];

export function diagnose(results: readonly CheckResult[], context: DiagnosisContext = defaultDiagnosisContext): Finding[] {
  const byId: Results = {};
  for (const r of results) byId[r.checkId] = r;
  return rules
    .map((rule) => rule(byId, context))
    .filter((f): f is Finding => f !== null)
    .sort((a, b) => b.score - a.score);
}
