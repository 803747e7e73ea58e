import { withClient, type Scenario } from '../../simulated/scenario';
import { healthyClient, healthyDefaultRdp } from '../../simulated/healthy-client';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-damaged-connection-data': {
    title: 'Default.rdp is damaged and the bitmap cache has a half-written file',
    expectedFinding: 'damaged-connection-data',
    repairedBy: ['clear-connection-data'],
    faults: { 'clear-connection-data': { apply: ['Remove-Item', 'Remove-Item@2'], undo: null } },
    state: withClient({
      defaultRdp: {
        content: `${healthyDefaultRdp}\u0000\u0000\u00ff\u00fe garbage after a crash\r\n\u0001\u0002`,
        hidden: true,
        lastWrite: '2026-11-19T17:02:00.000Z',
      },
      bitmapCache: { ...healthyClient.bitmapCache, 'Cache0002.bin': 0 },
    }),
  },
};
