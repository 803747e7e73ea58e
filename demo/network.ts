import type { NetworkPort } from '../electron/main/ports';
import { probeTarget } from '../electron/main/probe/probe';
import type { ProbeReport } from '../shared/probe-facts';
import type { DnsFacts } from '../shared/network-facts';

/** The server of the two-computer scenarios (electron/main/simulated/simulated-ports.ts names it OFFICE-PC). */
export const DEMO_SERVER_NAME = 'office-pc';
/** Where office-pc is on the simulated home network (the laptop is 192.168.178.23). */
const SERVER_ADDRESS = '192.168.178.50';
const RDP_PORT = 3389;

/**
 * The simulated network of the demo. No name leaves this computer: office-pc (two computers) or
 * this computer's own names (RDP Doctor on the server) resolve as a hosts file would, everything
 * else fails as an unknown name does. Their port 3389 is the loopback listener the demo started:
 * the real probe runs against it, and its report names the address and port the user asked for.
 */
export function demoNetwork(listenerPort: number, runsOn: 'client' | 'server'): NetworkPort {
  const known = runsOn === 'client' ? [DEMO_SERVER_NAME] : ['localhost', 'srv-app01', 'srv-app01.corp.example', '127.0.0.1'];
  const address = runsOn === 'client' ? SERVER_ADDRESS : '127.0.0.1';
  return {
    async probe(host, options = {}) {
      const port = options.port ?? RDP_PORT;
      if (!known.includes(host.toLowerCase())) {
        const unknown = async (h: string): Promise<DnsFacts> => ({ host: h, addresses: [], error: 'ENOTFOUND' });
        return probeTarget(host, { ...options, resolve: unknown });
      }
      // Another port of the server is closed: the probe meets a refused connection, as it would.
      const report = await probeTarget('127.0.0.1', {
        ...options,
        port: port === RDP_PORT ? listenerPort : 9,
        resolve: async () => ({ host, addresses: [{ address: '127.0.0.1', family: 4 }], error: null }),
      });
      return relocate(report, host, address, port);
    },
  };
}

/** The report as if the probe had reached `address:port` under `host`. */
function relocate(report: ProbeReport, host: string, address: string, port: number): ProbeReport {
  return {
    ...report,
    target: { host, port },
    dns: { ...report.dns, host, addresses: [{ address, family: 4 }] },
    tcp: { port, attempts: report.tcp.attempts.map((a) => ({ ...a, address })) },
    addresses: report.addresses.map((a) => ({ ...a, address })),
  };
}
