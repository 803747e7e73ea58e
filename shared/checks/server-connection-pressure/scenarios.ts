import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'brute-force': {
    title: 'Password-guessing bots flood the server (4625 events)',
    expectedFinding: 'connection-flood',
    state: plant((s) => {
      s.failedLogonsLastHour = 1840;
    }),
  },
};
