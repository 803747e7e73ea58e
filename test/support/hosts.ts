import type { DnsFacts } from '../../shared/network-facts';
import type { NetworkPort } from '../../electron/main/ports';
import { probeTarget } from '../../electron/main/probe/probe';

/**
 * A hosts file for tests: names resolve to the addresses given here and nowhere else, so a test
 * can name a server "office-pc" without a DNS query leaving this machine. Unknown names fail as
 * the system resolver does (ENOTFOUND).
 */
export function hostsResolver(hosts: Record<string, string[]>): (host: string) => Promise<DnsFacts> {
  return async (host) => {
    const known = hosts[host.toLowerCase()];
    if (/^[\d.]+$/.test(host) || host.includes(':')) {
      return { host, addresses: [{ address: host, family: host.includes(':') ? 6 : 4 }], error: null };
    }
    if (!known) return { host, addresses: [], error: 'ENOTFOUND' };
    return {
      host,
      addresses: known.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })),
      error: null,
    };
  };
}

/** The real probe, resolving names from a hosts map. */
export function networkWithHosts(hosts: Record<string, string[]>): NetworkPort {
  const resolve = hostsResolver(hosts);
  return { probe: (host, options) => probeTarget(host, { ...options, resolve }) };
}
