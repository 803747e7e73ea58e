import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'nla-without-tls': {
    title: 'NLA is required but the security layer is the old RDP one',
    expectedFinding: 'security-settings-conflict',
    repairedBy: ['require-tls-security-layer', 'rdp-security-isolation-test'],
    faults: {
      'require-tls-security-layer': { apply: ['New-ItemProperty'], undo: 'New-ItemProperty' },
      'rdp-security-isolation-test': { apply: ['New-ItemProperty', 'New-ItemProperty@2'], undo: 'New-ItemProperty' },
    },
    state: plant((s) => {
      s.registry.rdpTcp.securityLayer = 0;
      s.registry.rdpTcp.userAuthentication = 1;
    }),
  },
  'nla-without-tls-by-policy': {
    title: 'A group policy forces the RDP security layer while NLA is required',
    expectedFinding: 'security-settings-conflict',
    state: plant((s) => {
      s.registry.policy.securityLayer = 0;
      s.registry.rdpTcp.userAuthentication = 1;
    }),
  },
  'fips-required': {
    title: 'FIPS mode is on (FIPSAlgorithmPolicy Enabled = 1)',
    expectedFinding: 'fips-required',
    state: plant((s) => {
      s.registry.fipsEnabled = 1;
    }),
  },
};
