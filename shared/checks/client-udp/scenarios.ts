import { withClient, type Scenario } from '../../simulated/scenario';
import { healthyClient } from '../../simulated/healthy-client';

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'client-vpn-drops-udp': {
    title: 'Connected through a VPN that drops UDP, with UDP still allowed',
    expectedFinding: 'vpn-drops-udp',
    repairedBy: ['disable-client-udp'],
    faults: { 'disable-client-udp': { apply: ['New-Item', 'New-ItemProperty'], undo: 'Remove-ItemProperty' } },
    state: withClient({
      adapters: [
        ...healthyClient.adapters,
        {
          name: 'Ethernet 3',
          description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
          status: 'Up',
          mediaType: '802.3',
          hardware: false,
          ipv4: ['10.200.14.7'],
          gateway: null,
        },
      ],
    }),
  },
};
