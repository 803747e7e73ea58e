import type { MachineState } from '../../simulated/machine-state';
import { plant, type Scenario } from '../../simulated/scenario';
import { webSocketRules } from '../../simulated/healthy';

export const disableFirewallRules = (s: MachineState) => {
  s.firewall.activeProfiles = ['Public'];
  for (const r of s.firewall.rules) r.enabled = false;
};

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'firewall-rule-disabled': {
    title: 'The "Remote Desktop" firewall rules are turned off',
    expectedFinding: 'firewall-blocks-rdp',
    repairedBy: ['enable-firewall-rdp'],
    faults: { 'enable-firewall-rdp': { apply: ['Enable-NetFirewallRule', 'Enable-NetFirewallRule@2'], undo: 'Disable-NetFirewallRule' } },
    state: plant(disableFirewallRules),
  },
  'firewall-websocket-only': {
    title: 'Only the WebSocket firewall rule is on (Server 2022), the RDP rules are off',
    expectedFinding: 'firewall-blocks-rdp',
    repairedBy: ['enable-firewall-rdp'],
    state: plant((s) => {
      s.firewall.activeProfiles = ['Private'];
      s.firewall.rules = [
        ...s.firewall.rules.map((r) => ({ ...r, enabled: false })),
        ...webSocketRules.map((r, i) => ({ ...r, profiles: [...r.profiles], enabled: i === 0 })),
      ];
    }),
  },
};
