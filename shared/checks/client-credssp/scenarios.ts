import { withClient, type Scenario } from '../../simulated/scenario';
import { CREDSSP_KEY } from '../../simulated/client-state';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-credssp-force-updated': {
    title: 'CredSSP policy "Force Updated Clients" on this computer',
    expectedFinding: 'credssp-policy-blocks',
    repairedBy: ['credssp-allow-vulnerable'],
    faults: { 'credssp-allow-vulnerable': { apply: ['New-ItemProperty'], undo: 'New-ItemProperty' } },
    state: withClient({ registry: { [CREDSSP_KEY]: { AllowEncryptionOracle: 0 } } }),
  },
};
