import { defineCheckCatalog } from '../define';

/**
 * The target's name looked up, IPv4 and IPv6: no script.
 * Fed by the probe in the main process (electron/main/probe/dns.ts, run by electron/main/scan/run-scan.ts): its facts are the probe report's `dns` (DnsFactsSchema, shared/network-facts.ts).
 */
export const dns = defineCheckCatalog({
  check: {
    id: 'dns',
    tier: 'network',
    title: 'Computer name',
    plain: 'Looks up the addresses behind the name you typed, old style and new style (IPv4 and IPv6).',
    technical:
      'DNS lookup of every A and AAAA record of the host (Node dns.lookup with all: true), the same answer mstsc gets from the Windows resolver.',
    source: { kind: 'node' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {},
  readable: {},
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    dns: typeof dns;
  }
}
