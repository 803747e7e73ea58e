import type { CheckId } from '../../shared/catalog/types';
import type { CheckDiagnosisModule } from '../../shared/checks/define-diagnosis';
import type { Results } from '../../shared/diagnosis/rule-kit';
import { defaultDiagnosisContext } from '../../shared/network-type';
import type { CheckResult, Finding } from '../../shared/results';

/**
 * One check's rules alone on these results: the findings as they build them, before the ranking
 * merges in other rules' findings for the same cause (diagnose()). For what a rule lists as
 * evidence, and its score before the ranking.
 */
export function findingsOf<Id extends CheckId>(diagnosis: CheckDiagnosisModule<Id>, ...results: CheckResult[]): Finding[] {
  const byId: Results = {};
  for (const r of results) byId[r.checkId] = r;
  return diagnosis.rules.flatMap((rule) => rule(byId, defaultDiagnosisContext) ?? []);
}

/** The first of them, or null when the rules find nothing. */
export const findingOf = <Id extends CheckId>(diagnosis: CheckDiagnosisModule<Id>, ...results: CheckResult[]): Finding | null =>
  findingsOf(diagnosis, ...results)[0] ?? null;
