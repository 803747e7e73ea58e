import type { MachineState } from './machine-state';
import type { Scenario } from './scenarios/scenario';
import { healthy } from './scenarios/healthy';
import { clientScenarios } from './scenarios/client';
import { serverScenarios } from './scenarios/server';
import { combinedScenarios } from './scenarios/combined';

export type { Scenario } from './scenarios/scenario';

/**
 * Scenarios as data: a healthy machine and the causes planted into it. `npm start --
 * --simulate <name>` and the tests use the same names.
 */
export const scenarios: Record<string, Scenario> = {
  healthy: { title: 'A healthy server', expectedFinding: null, state: healthy },
  ...serverScenarios,
  ...clientScenarios,
  ...combinedScenarios,
};

export const scenarioNames = Object.keys(scenarios);

export function scenarioState(name: string): MachineState {
  const s = scenarios[name];
  if (!s) throw new Error(`Unknown scenario "${name}". Known: ${scenarioNames.join(', ')}.`);
  return structuredClone(s.state);
}
