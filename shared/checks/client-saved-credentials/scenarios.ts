import { withClient, TARGET, type Scenario } from '../../simulated/scenario';
import { healthyClient } from '../../simulated/healthy-client';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-saved-credentials': {
    title: 'This computer keeps an old saved password for the server',
    expectedFinding: 'stale-saved-credentials',
    repairedBy: ['remove-saved-credentials'],
    faults: { 'remove-saved-credentials': { apply: ['cmdkey.exe@2'], undo: null } },
    // Saved by address and by name, as people do; the server's name is the healthy certificate's.
    state: withClient({
      credentials: [...healthyClient.credentials, `Domain:target=TERMSRV/${TARGET}`, 'LegacyGeneric:target=TERMSRV/SRV-APP01.corp.example'],
    }),
  },
};
