import type { CheckDef } from './types';

/** Checks the main process runs itself in Node: no PowerShell, any OS, no admin. */
export const networkChecks = [
  {
    id: 'dns',
    tier: 'network',
    title: 'The computer name resolves',
    plain: 'Looks up every address (IPv4 and IPv6) behind the name you typed.',
    source: { kind: 'node' },
    needsAdmin: false,
    fixes: [],
  },
  {
    id: 'tcp-port',
    tier: 'network',
    title: 'The Remote Desktop port answers',
    plain: 'Opens a connection to the port (3389 unless you gave another) to see whether it is open, closed or silently blocked.',
    source: { kind: 'node' },
    needsAdmin: false,
    fixes: [],
  },
] as const satisfies readonly CheckDef[];
