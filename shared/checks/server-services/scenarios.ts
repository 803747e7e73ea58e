import type { MachineState } from '../../simulated/machine-state';
import { plant, type Scenario } from '../../simulated/scenario';

export const stopTermService = (s: MachineState) => {
  s.services.TermService.status = 'Stopped';
  s.services.TermService.pid = null;
  s.services.UmRdpService.status = 'Stopped';
  s.services.UmRdpService.pid = null;
  s.listeners = s.listeners.filter((l) => !l.services.includes('TermService'));
};

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'termservice-stopped': {
    title: 'Remote Desktop Services is stopped and disabled',
    expectedFinding: 'rdp-services-stopped',
    repairedBy: ['start-rdp-services'],
    faults: { 'start-rdp-services': { apply: ['Set-Service', 'Start-Service'], undo: 'Stop-Service' } },
    state: plant((s) => {
      stopTermService(s);
      s.services.TermService.startType = 'Disabled';
    }),
  },
  'keyiso-disabled': {
    title: 'CNG Key Isolation is disabled, so the certificate key cannot be used',
    expectedFinding: 'rdp-services-stopped',
    repairedBy: ['start-rdp-services'],
    state: plant((s) => {
      s.services.KeyIso = { ...s.services.KeyIso, status: 'Stopped', startType: 'Disabled', pid: null };
    }),
  },
};
