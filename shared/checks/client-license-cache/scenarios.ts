import { withClient, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-license-cache-damaged': {
    title: 'The MSLicensing cache has lost its Store key',
    expectedFinding: 'license-cache-damaged',
    repairedBy: ['reset-license-cache'],
    faults: { 'reset-license-cache': { apply: ['Remove-Item'], undo: 'reg.exe' } },
    state: withClient({ msLicensing: { hardwareId: true, store: null } }),
  },
};
