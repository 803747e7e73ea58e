import { NetworkFactsSchema } from '../checks/client-network/catalog';
import type { CheckResult } from '../results';
import type { NetworkType } from '../network-type';
import { vpnAdaptersUp } from '../checks/client-network/diagnosis';

/**
 * What this computer's own network check says about how it reaches the server: a VPN adapter that
 * is up means "Corporate VPN"; a PC joined to a domain means "Company network". Null when the
 * check did not run or says neither (home Wi-Fi and Azure cannot be told from here). A VPN wins:
 * a domain laptop at home reaches the office through it.
 */
export function inferNetworkType(results: readonly CheckResult[]): { type: NetworkType; because: string } | null {
  const result = results.find((r) => r.checkId === 'client-network' && r.status !== 'error' && r.status !== 'unavailable');
  const facts = NetworkFactsSchema.safeParse(result?.facts);
  if (!facts.success) return null;
  const vpns = vpnAdaptersUp(facts.data.adapters);
  if (vpns.length > 0) return { type: 'vpn', because: `a VPN connection is up on this PC (${vpns.map((a) => `"${a.name}"`).join(', ')})` };
  if (facts.data.domainJoined) return { type: 'domain', because: `this PC is joined to the domain ${facts.data.domain ?? ''}`.trim() };
  return null;
}
