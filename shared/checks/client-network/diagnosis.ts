import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { type Adapter, NetworkFactsSchema } from './catalog';

const VPN_WORDS =
  /\b(vpn|anyconnect|globalprotect|pangp|fortinet|forticlient|wireguard|openvpn|tap-windows|wintun|juniper|pulse secure|ivanti|sonicwall|checkpoint|check point|nordlynx|zscaler|ppp|sstp|l2tp|ikev2|pptp)\b/i;

/** A VPN adapter by its name or driver description (Get-NetAdapter shows no "is VPN" flag). */
export function isVpnAdapter(a: Pick<Adapter, 'name' | 'description'>): boolean {
  return VPN_WORDS.test(a.name) || VPN_WORDS.test(a.description);
}

const isUp = (a: Adapter) => a.status.toLowerCase() === 'up';

export const vpnAdaptersUp = (adapters: readonly Adapter[]) => adapters.filter((a) => isUp(a) && isVpnAdapter(a));

function kindOf(a: Adapter): string {
  if (isVpnAdapter(a)) return 'VPN';
  if (/802\.11|wireless|wi-?fi|wlan/i.test(`${a.mediaType} ${a.name} ${a.description}`)) return 'Wi-Fi';
  if (a.hardware) return 'cable';
  return 'virtual';
}

function evaluateNetwork(raw: unknown): Evaluation {
  const f = NetworkFactsSchema.parse(raw);
  const up = f.adapters.filter(isUp);
  const domain = f.domainJoined ? ` This computer is in the domain ${f.domain ?? ''}.`.replace(' .', '.') : '';
  if (up.length === 0) return { status: 'warn', summary: `No network connection is up.${domain}` };
  const list = up.map((a) => `${kindOf(a)} "${a.name}"${a.ipv4.length ? ` (${a.ipv4.join(', ')})` : ''}`).join(', ');
  return { status: 'pass', summary: `Connected through ${list}.${domain}` };
}

export const clientNetworkDiagnosis = defineCheckDiagnosis({
  id: 'client-network',
  evaluate: evaluateNetwork,
  rules: [],
  informs: "client-udp's finding (a VPN that drops UDP) and the network type inferred from it (diagnosis/infer-network-type.ts)",
});
