import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'rdp-disabled': {
    title: 'Remote Desktop is turned off on the server',
    expectedFinding: 'rdp-disabled',
    repairedBy: ['enable-rdp'],
    faults: { 'enable-rdp': { apply: ['New-ItemProperty'], undo: 'New-ItemProperty' } },
    state: plant((s) => {
      s.registry.fDenyTSConnections = 1;
    }),
  },
  'rdp-disabled-by-policy': {
    title: 'A group policy turns Remote Desktop off',
    expectedFinding: 'rdp-disabled',
    state: plant((s) => {
      s.registry.fDenyTSConnections = 0;
      s.registry.policyDenyTSConnections = 1;
    }),
  },
};
