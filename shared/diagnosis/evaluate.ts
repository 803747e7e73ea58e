import type { CheckId } from '../catalog/checks';
import type { Evaluation, Evaluator } from './types';
import { moduleEvaluators } from '../checks/diagnoses';

export type { Evaluation } from './types';
/** Pure: tests feed it facts directly. Every check in the catalog must have its evaluator. */
const evaluators: Record<CheckId, Evaluator> = moduleEvaluators;

export function evaluate(checkId: CheckId, facts: unknown): Evaluation {
  return evaluators[checkId](facts);
}
