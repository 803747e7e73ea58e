import { plant, type Scenario } from '../../simulated/scenario';
import { MSV1_0_KEY } from '../../simulated/client-state';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  // A hardening baseline on the server: incoming NTLM denied for every account (CIS / Microsoft
  // baselines offer it; the laptop is not in a domain, so Kerberos cannot stand in).
  'ntlm-incoming-denied': {
    title: 'The server refuses the older sign-in method (NTLM), the only one this laptop can use',
    expectedFinding: 'ntlm-incoming-blocked',
    state: plant((s) => {
      s.serverDwords = { [MSV1_0_KEY]: { RestrictReceivingNTLMTraffic: 2 } };
    }),
  },
};
