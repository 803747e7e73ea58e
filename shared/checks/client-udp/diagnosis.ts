import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evidence } from '../../results';
import { byNetwork, GROUP_POLICY_NOTE } from '../client-kit';
import { ClientUdpFactsSchema } from './catalog';
import { NetworkFactsSchema } from '../client-network/catalog';
import { isVpnAdapter, vpnAdaptersUp } from '../client-network/diagnosis';

function evaluateUdp(raw: unknown): Evaluation {
  const { fClientDisableUDP: v, adaptersUp } = ClientUdpFactsSchema.parse(raw);
  if (v === 1) return { status: 'pass', summary: 'Remote Desktop does not use UDP here: a policy turned it off.' };
  const vpns = adaptersUp.filter(isVpnAdapter);
  if (vpns.length > 0) {
    return {
      status: 'fail',
      summary: `A VPN is connected (${vpns.map((a) => `"${a.name}"`).join(', ')}) and Remote Desktop may still use UDP, which many VPNs drop.`,
    };
  }
  return {
    status: 'pass',
    summary:
      v === null
        ? 'Remote Desktop may use UDP beside its main connection (the Windows default); no VPN is connected.'
        : `Remote Desktop may use UDP as well as TCP (fClientDisableUDP is ${v}); no VPN is connected.`,
  };
}

const vpnDropsUdp: Rule = (r, ctx) => {
  const udp = r['client-udp'];
  const udpFacts = factsOf(udp, ClientUdpFactsSchema);
  if (!udp || !udpFacts || udpFacts.fClientDisableUDP === 1) return null;
  const vpns = udpFacts.adaptersUp.filter(isVpnAdapter);
  const saidVpn = ctx.networkType === 'vpn';
  if (vpns.length === 0 && !saidVpn) return null;
  const evidence: Evidence[] = [evidenceOf(udp, 'UDP transport')];
  const net = r['client-network'];
  if (net && vpnAdaptersUp(factsOf(net, NetworkFactsSchema)?.adapters ?? []).length > 0) evidence.push(evidenceOf(net, 'Network in use'));
  const names = vpns.map((a) => `"${a.name}"`).join(', ');
  return {
    id: 'vpn-drops-udp',
    title: "The VPN may drop Remote Desktop's UDP traffic",
    plain:
      `${vpns.length ? `You are connected through a VPN (${names}).` : 'You said you connect over a corporate VPN.'} Remote Desktop sends part of its traffic over UDP, beside its main connection, and many VPNs drop UDP or break large packets, so the connection is closed. Turning UDP off for Remote Desktop is harmless and easy to undo.` +
      byNetwork(ctx, { vpn: GROUP_POLICY_NOTE.vpn }),
    technical:
      'fClientDisableUDP is not 1 under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client, so mstsc adds the UDP transport (client events 1102 / 1103 / 1105) and a VPN adapter is up. Setting it to 1 makes mstsc use TCP only.',
    likelihood: 'possible',
    score: vpns.length > 0 && saidVpn ? 50 : 30,
    evidence,
    fixIds: ['disable-client-udp'],
  };
};

export const clientUdpDiagnosis = defineCheckDiagnosis({
  id: 'client-udp',
  evaluate: evaluateUdp,
  rules: [vpnDropsUdp],
});
