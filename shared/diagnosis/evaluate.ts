import type { CheckId } from '../catalog/types';
import type { Evaluation, Evaluator } from './types';
import { checkDiagnoses } from '../checks/registry';

export type { Evaluation } from './types';
/** Pure: tests feed it facts directly. Every check has its evaluator: its folder pairs them (define-check.ts). */
const evaluators = Object.fromEntries(checkDiagnoses.map((d) => [d.id, d.evaluate])) as Record<CheckId, Evaluator>;

export function evaluate(checkId: CheckId, facts: unknown): Evaluation {
  return evaluators[checkId](facts);
}
