import type { ScriptId } from './scripts';
import type { FixId } from './fixes';

/** Simplest first: the wizard runs and shows the tiers in this order. */
export const tiers = ['network', 'handshake', 'client', 'server'] as const;
export type Tier = (typeof tiers)[number];

export const tierTitles: Record<Tier, string> = {
  network: 'The network',
  handshake: 'The security handshake',
  client: 'This computer',
  server: 'The remote computer',
};

/** Where a check's facts come from: Node itself (no PowerShell), or a script on a Windows side. */
export type CheckSource = { kind: 'node' } | { kind: 'script'; side: 'client' | 'server'; script: ScriptId };

export interface CheckDef {
  id: string;
  tier: Tier;
  title: string;
  /** One sentence for home users: what this looks at and why it matters for 0x904/0x7. */
  plain: string;
  source: CheckSource;
  needsAdmin: boolean;
  fixes: readonly FixId[];
}

export const checks = [
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
  {
    id: 'server-firewall',
    tier: 'server',
    title: 'Windows Firewall lets Remote Desktop in',
    plain: 'Checks that the "Remote Desktop" firewall rules are turned on for the network profile the server uses now.',
    source: { kind: 'script', side: 'server', script: 'check-firewall-rdp' },
    needsAdmin: false,
    fixes: ['enable-firewall-rdp'],
  },
  {
    id: 'server-certificate',
    tier: 'server',
    title: 'The Remote Desktop certificate is usable',
    plain: 'Checks the certificate Remote Desktop uses to encrypt the connection: that it exists, has not expired and has its private key.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-certificate' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
] as const satisfies readonly CheckDef[];

export type CheckId = (typeof checks)[number]['id'];
export const checkIds = checks.map((c) => c.id) as CheckId[];

export function getCheck(id: CheckId): CheckDef {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`unknown check ${id}`);
  return found;
}
