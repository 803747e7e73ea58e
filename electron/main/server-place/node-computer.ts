import { hostname, networkInterfaces } from 'node:os';
import type { ThisComputer } from './this-computer';

/** The real ThisComputer: Node's view of the host name and the network interfaces. */
export function nodeThisComputer(env: NodeJS.ProcessEnv = process.env): ThisComputer {
  const host = hostname();
  // On Windows COMPUTERNAME is the name people see in Settings; USERDNSDOMAIN the AD domain.
  const name = env.COMPUTERNAME ?? host.split('.')[0] ?? host;
  const domain = env.USERDNSDOMAIN ?? (host.includes('.') ? host.slice(host.indexOf('.') + 1) : null);
  return {
    name,
    dnsName: domain ? `${name}.${domain}`.toLowerCase() : null,
    addresses: () =>
      Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .map((i) => i.address),
  };
}
