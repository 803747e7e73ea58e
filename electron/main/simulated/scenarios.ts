import type { MachineState } from './machine-state';
import type { Scenario } from './scenarios/scenario';
import { healthy } from './scenarios/healthy';
import { clientScenarios } from './scenarios/client';
import { serverScenarios } from './scenarios/server';
import { combinedScenarios } from './scenarios/combined';
import { caCertificateScenarios } from './scenarios/ca-certificates';
import { healthyClient } from './scenarios/healthy-client';
import { windows11AsShipped } from './scenarios/windows11-laptop';

export type { Scenario } from './scenarios/scenario';

/**
 * Scenarios as data: a healthy machine and the causes planted into it. `npm start --
 * --simulate <name>` and the tests use the same names.
 */
export const scenarios: Record<string, Scenario> = {
  healthy: { title: 'A healthy server', expectedFinding: null, state: healthy },
  ...serverScenarios,
  ...caCertificateScenarios,
  ...clientScenarios,
  ...combinedScenarios,
};

export const scenarioNames = Object.keys(scenarios);

export function scenarioState(name: string): MachineState {
  const s = scenarios[name];
  if (!s) throw new Error(`Unknown scenario "${name}". Known: ${scenarioNames.join(', ')}.`);
  return structuredClone(s.state);
}

/**
 * A scenario as two computers: this PC (a Windows 11 laptop as shipped, carrying the scenario's
 * client-side causes) and the server (a Windows Server 2022 host, carrying its server-side causes,
 * with a healthy client side of its own). Each cause lives on the computer it belongs to.
 */
export function scenarioComputers(name: string): { thisPc: MachineState; server: MachineState } {
  const planted = scenarioState(name);
  const { client, now } = planted;
  return {
    // The laptop's user has a non-ASCII name, as many do: their profile path carries it.
    thisPc: {
      ...windows11AsShipped(),
      now,
      files: {},
      client: { ...client, documentsDir: 'C:\\Users\\Jürgen\\Documents', localAppDataDir: 'C:\\Users\\Jürgen\\AppData\\Local' },
    },
    // One Windows has one list of installed updates (Get-HotFix): the server's own. The client half
    // of its state must not add a laptop's updates to it.
    // Windows names its own certificate after the computer: the server is OFFICE-PC here.
    server: {
      ...planted,
      certificates: {
        ...planted.certificates,
        remoteDesktop: planted.certificates.remoteDesktop.map((c) => ({ ...c, subject: 'CN=OFFICE-PC' })),
      },
      client: { ...structuredClone(healthyClient), hotfixes: [] },
      files: {},
    },
  };
}
