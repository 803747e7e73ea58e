import { withClient, attempt, TARGET, type Scenario } from '../../simulated/scenario';
import { healthyClient } from '../../simulated/healthy-client';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-log-other-error': {
    title: 'The Remote Desktop log shows the attempts really end with 0x204 (no connection)',
    expectedFinding: 'log-shows-other-error',
    state: withClient({
      rdpClientLog: {
        enabled: true,
        events: [...healthyClient.rdpClientLog.events, ...attempt(6, '2026-11-21T08:30:00.000Z', TARGET, { reason: 516 })],
      },
    }),
  },
  'client-connects-to-itself': {
    // The scan's target (127.0.0.1) is this computer; the log shows the user's own attempts
    // ending with 0x708, the code of a connection that reached this same computer.
    title: 'The attempts went to this computer itself and ended with 0x708',
    expectedFinding: 'connecting-to-itself',
    state: withClient({
      rdpClientLog: {
        enabled: true,
        events: [
          ...healthyClient.rdpClientLog.events,
          ...attempt(7, '2026-11-21T08:30:00.000Z', TARGET, { reason: 1800 }),
          ...attempt(8, '2026-11-21T08:31:00.000Z', TARGET, { reason: 1800 }),
        ],
      },
    }),
  },
};
