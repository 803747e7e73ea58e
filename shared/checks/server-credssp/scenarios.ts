import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'credssp-unpatched': {
    title: 'Windows Server 2016 without the 2018 CredSSP update',
    expectedFinding: 'credssp-outdated',
    state: plant((s) => {
      s.osVersion = '10.0.14393.0';
      s.tspkgVersion = '10.0.14393.1884';
      s.hotfixes = [{ id: 'KB4053579', description: 'Security Update', installedOn: '2017-12-12T00:00:00.000Z' }];
    }),
  },
};
