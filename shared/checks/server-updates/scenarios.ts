import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'recent-server-update': {
    title: 'An update was installed on the server two days ago',
    expectedFinding: 'server-recent-update',
    state: plant((s) => {
      s.hotfixes.unshift({ id: 'KB5046616', description: 'Security Update', installedOn: '2026-11-19T03:00:00.000Z' });
    }),
  },
};
