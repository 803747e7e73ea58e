import { withClient, type Scenario } from '../../simulated/scenario';
import { healthyClient } from '../../simulated/healthy-client';
import { MSV1_0_KEY, CREDENTIALS_DELEGATION_KEY } from '../../simulated/client-state';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  // A hardening baseline (CIS 2.3.11.x) on this computer: NTLM denied to every server, no exceptions.
  'client-ntlm-denied': {
    title: 'A security baseline on this computer forbids the older sign-in method (NTLM)',
    expectedFinding: 'ntlm-outgoing-blocked',
    repairedBy: ['allow-ntlm-to-server'],
    faults: { 'allow-ntlm-to-server': { apply: ['New-ItemProperty'], undo: 'New-ItemProperty' } },
    state: withClient({ registry: { ...healthyClient.registry, [MSV1_0_KEY]: { RestrictSendingNTLMTraffic: 2 } } }),
  },
  // "Restrict delegation of credentials to remote servers: Require Restricted Admin" on this
  // computer; the server, as Windows ships, does not allow Restricted Admin.
  'client-requires-restricted-admin': {
    title: 'This computer insists on Restricted Admin, which the server does not allow',
    expectedFinding: 'restricted-admin-refused',
    state: withClient({
      registry: {
        ...healthyClient.registry,
        [CREDENTIALS_DELEGATION_KEY]: { RestrictedRemoteAdministration: 1, RestrictedRemoteAdministrationType: 1 },
      },
    }),
  },
};
