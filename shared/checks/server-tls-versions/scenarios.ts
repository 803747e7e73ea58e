import type { MachineState } from '../../simulated/machine-state';
import { plant, type Scenario } from '../../simulated/scenario';

export const onlyTls10 = (s: MachineState) => {
  s.registry.schannel = {
    'TLS 1.0': { enabled: 1, disabledByDefault: 0 },
    'TLS 1.1': { enabled: 0, disabledByDefault: 1 },
    'TLS 1.2': { enabled: 0, disabledByDefault: 1 },
  };
};

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'tls12-disabled': {
    title: 'TLS 1.2 was turned off on a Windows Server 2019; only TLS 1.0 and 1.1 are left',
    expectedFinding: 'tls-disabled',
    repairedBy: ['enable-tls12-server'],
    faults: { 'enable-tls12-server': { apply: ['New-ItemProperty@2'], undo: 'New-ItemProperty' } },
    state: plant((s) => {
      s.osVersion = '10.0.17763.0';
      s.tspkgVersion = '10.0.17763.6414';
      s.registry.schannel = { 'TLS 1.2': { enabled: 0, disabledByDefault: null } };
    }),
  },
};
