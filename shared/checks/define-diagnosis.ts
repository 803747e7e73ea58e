import type { CheckId } from '../catalog/types';
import type { Rule } from '../diagnosis/rule-kit';
import type { Evaluator } from '../diagnosis/types';

/**
 * What one check's folder declares for the diagnosis: how its facts read (status and one line),
 * and the rules that turn a failing result into a finding. A check whose result no rule reads
 * would run and never explain anything, so `rules` is never empty; a check that only informs
 * other checks' findings says so in `informs` instead.
 */
export type CheckDiagnosisModule<Id extends CheckId> = {
  id: Id;
  evaluate: Evaluator;
} & ({ rules: readonly [Rule, ...Rule[]] } | { rules: readonly []; informs: string });

export function defineCheckDiagnosis<const Id extends CheckId>(m: CheckDiagnosisModule<Id>): CheckDiagnosisModule<Id> {
  return m;
}
