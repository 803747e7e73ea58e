import { defineCheckCatalog } from '../define';

/**
 * A TCP connection to the Remote Desktop port on each address: no script.
 * Fed by the probe in the main process (electron/main/probe/tcp.ts, run by electron/main/scan/run-scan.ts): its facts are the probe report's `tcp` (TcpFactsSchema, shared/network-facts.ts).
 */
export const tcpPort = defineCheckCatalog({
  check: {
    id: 'tcp-port',
    tier: 'network',
    title: 'Remote Desktop port',
    plain: 'Tries to open a connection to the port (3389 unless you gave another) to see whether it is open, closed or silently blocked.',
    technical:
      'TCP connect to the port on each address: open (SYN-ACK), refused (RST), filtered (no answer within 4 s), unreachable (ICMP or no route). The same test as Test-NetConnection -ComputerName <host> -Port <port>.',
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
    'tcp-port': typeof tcpPort;
  }
}
