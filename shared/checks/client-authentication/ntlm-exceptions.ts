/**
 * "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers" as secpol.msc
 * writes RestrictSendingNTLMTraffic (catalog.ts says where the numbers come from).
 */
export const OUTGOING_NAMES: Record<number, string> = { 0: 'Allow all', 1: 'Audit all', 2: 'Deny all' };

/**
 * Whether an entry of ClientAllowedNTLMServers covers the name Remote Desktop uses: "A single
 * asterisk (*) can be used anywhere in the string as a wildcard character" (Policy CSP
 * LocalPoliciesSecurityOptions); computer names compare without regard to case.
 */
export function exceptionCovers(entry: string, name: string): boolean {
  const pattern = entry
    .trim()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return pattern !== '' && new RegExp(`^${pattern}$`, 'i').test(name);
}
