import type { CheckDefOf } from './shapes';

/** Checks the main process runs itself in Node: no PowerShell, any OS, no admin. */
export const networkChecks = [
  {
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
  {
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
] as const satisfies readonly CheckDefOf<string, string>[];
