import { withClient, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-rdp-app-removed': {
    title: 'Remote Desktop Connection was removed ("mstsc /uninstall") and no other Remote Desktop app is installed',
    expectedFinding: 'rdp-app-missing',
    state: withClient({ mstscInstalled: false, windowsAppVersion: null }),
  },
};
