import type { Scenario } from './scenario';

/** Two or three causes at once: the ranking must still put the strongest explanation first. */
export const combinedScenarios: Record<string, Scenario> = {};
