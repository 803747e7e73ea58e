import { withClient, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-tls12-disabled': {
    title: 'TLS 1.2 is switched off for this computer as a client',
    expectedFinding: 'client-tls-disabled',
    state: withClient({
      schannelClient: { 'TLS 1.2': { enabled: 0, disabledByDefault: 1 }, 'TLS 1.0': { enabled: 1, disabledByDefault: 0 } },
    }),
  },
};
