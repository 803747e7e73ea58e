import type { clientChecks } from '../../catalog/client/checks';
import type { Evaluator } from '../types';

export const clientEvaluators: { [K in (typeof clientChecks)[number]['id']]: Evaluator } = {};
