import { withClient, attempt, TARGET, type Scenario } from '../../simulated/scenario';
import { healthyClient } from '../../simulated/healthy-client';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-failure-after-update': {
    title: 'Connecting worked until a Windows update three days ago',
    expectedFinding: 'failure-after-update',
    state: withClient({
      hotfixes: [{ id: 'KB5046617', description: 'Security Update', installedOn: '2026-11-18T00:00:00.000Z' }, ...healthyClient.hotfixes],
      rdpClientLog: {
        enabled: true,
        events: [
          ...attempt(1, '2026-11-14T08:00:00.000Z', TARGET, { connected: true }),
          ...attempt(2, '2026-11-17T08:00:00.000Z', TARGET, { connected: true }),
          ...attempt(3, '2026-11-19T08:00:00.000Z', TARGET, { reason: 2308 }),
          ...attempt(4, '2026-11-20T08:00:00.000Z', TARGET, { reason: 2308 }),
          ...attempt(5, '2026-11-21T08:30:00.000Z', TARGET, { reason: 2308 }),
        ],
      },
    }),
  },
};
