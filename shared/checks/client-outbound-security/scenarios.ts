import { withClient, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-outbound-blocked': {
    title: 'A Windows Firewall outbound rule blocks mstsc.exe',
    expectedFinding: 'outbound-blocked',
    state: withClient({
      outbound: {
        defaultBlockProfiles: [],
        blockRules: [
          {
            name: '{4E1D5C2A-0C5B-4C7E-9E55-1B2C3D4E5F60}',
            displayName: 'Block Remote Desktop client',
            program: '%SystemRoot%\\system32\\mstsc.exe',
            remotePort: null,
          },
        ],
        securityProducts: [
          { name: 'Microsoft Defender Antivirus', kind: 'antivirus', enabled: false },
          { name: 'ESET Security', kind: 'antivirus', enabled: true },
          { name: 'ESET Firewall', kind: 'firewall', enabled: true },
        ],
      },
    }),
  },
};
