import { plant, type Scenario } from '../../simulated/scenario';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'listener-port-taken': {
    title: 'Another program holds the port you connect to',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.portNumber = 3389;
      s.listeners = [
        { localAddress: '0.0.0.0', port: 3389, pid: 1184, processName: 'svchost', services: ['TermService'] },
        { localAddress: '0.0.0.0', port: 'target', pid: 5512, processName: 'nginx', services: [] },
      ];
    }),
  },
  'listener-wrong-port': {
    title: 'Remote Desktop was moved to port 3390',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.portNumber = 3390;
      s.listeners = s.listeners.map((l) => ({ ...l, port: 3390 }));
    }),
  },
  'listener-disabled': {
    title: 'The RDP-Tcp listener is switched off (fEnableWinStation = 0)',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.fEnableWinStation = 0;
      s.listeners = [];
    }),
  },
};
