import type { CheckStatus } from '../results';

/** One check's facts turned into a status and one plain line. */
export interface Evaluation {
  status: CheckStatus;
  summary: string;
}

export type Evaluator = (facts: unknown) => Evaluation;
