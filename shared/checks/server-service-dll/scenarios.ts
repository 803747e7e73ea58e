import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'rdp-wrapper': {
    title: 'RDP Wrapper replaced termsrv.dll and broke after an update',
    expectedFinding: 'termservice-dll-replaced',
    state: plant((s) => {
      s.registry.serviceDll = 'C:\\Program Files\\RDP Wrapper\\rdpwrap.dll';
      s.rdpWrapperFiles = ['C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', 'C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'];
    }),
  },
};
