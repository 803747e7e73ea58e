import type { CheckResult, Finding } from '../results';
import type { Results } from './rule-kit';
import { defaultDiagnosisContext, type DiagnosisContext } from '../network-type';
import { wireRules } from './wire/rules';
import { checkDiagnoses } from '../checks/registry';
import { mismatchRules } from './mismatch-rules';
import { regressionRules } from './regression-rules';
import { clientTrapRules } from './client-trap-rules';
import { timelineRules } from './timeline-rules';
import { hardenedAuthRules } from './hardened-auth-rules';
import { rankFindings } from './rank';
import { considerReportedError } from './reported-error-codes';

/**
 * Pure rules: check results in, findings out, ranked by the evidence model (rank.ts): how much of
 * what was observed a cause explains, and how directly (read where it lives, or inferred from the
 * wire). Related results become one finding with all their evidence, never two for one cause.
 */
const rules = [
  ...wireRules,
  ...checkDiagnoses.flatMap((d) => d.rules),
  ...mismatchRules,
  ...regressionRules,
  ...clientTrapRules,
  ...timelineRules,
  ...hardenedAuthRules,
];

export function diagnose(results: readonly CheckResult[], context: DiagnosisContext = defaultDiagnosisContext): Finding[] {
  const byId: Results = {};
  for (const r of results) byId[r.checkId] = r;
  const ranked = rankFindings(
    rules.flatMap((rule) => rule(byId, context) ?? []),
    byId,
  );
  return considerReportedError(ranked, context.reportedError).sort((a, b) => b.score - a.score);
}
