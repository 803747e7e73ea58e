import type { CheckId } from '../catalog/checks';
import type { Evaluation, Evaluator } from './types';
import { networkEvaluators } from './network/evaluate';
import { handshakeEvaluators } from './handshake/evaluate';
import { clientEvaluators } from './client/evaluate';
import { moduleEvaluators } from '../checks/diagnoses';

export type { Evaluation } from './types';
/** Pure: tests feed it facts directly. Every check in the catalog must have its evaluator. */
const evaluators: Record<CheckId, Evaluator> = {
  ...networkEvaluators,
  ...handshakeEvaluators,
  ...clientEvaluators,
  ...moduleEvaluators,
};

export function evaluate(checkId: CheckId, facts: unknown): Evaluation {
  return evaluators[checkId](facts);
}
