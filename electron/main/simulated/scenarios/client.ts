import type { Scenario } from './scenario';

/** Causes planted on this computer (the client). */
export const clientScenarios: Record<string, Scenario> = {};
