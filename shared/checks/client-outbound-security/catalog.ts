import { z } from 'zod';
import { TargetArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/**
 * Outbound blocking on this computer: enabled Windows Firewall block rules that match mstsc.exe
 * or the target port, profiles that block everything outbound by default, and the security
 * products Windows Security Center knows (absent on Windows Server: an empty list).
 */
export const OutboundFactsSchema = z.object({
  defaultBlockProfiles: z.array(z.string()),
  blockRules: z.array(
    z.object({ name: z.string(), displayName: z.string(), program: z.string().nullable(), remotePort: z.string().nullable() }),
  ),
  securityProducts: z.array(z.object({ name: z.string(), kind: z.enum(['antivirus', 'firewall']), enabled: z.boolean().nullable() })),
});

export type OutboundFacts = z.infer<typeof OutboundFactsSchema>;

/** Outbound firewall rules and security software on this computer. */
export const clientOutboundSecurity = defineCheckCatalog({
  check: {
    id: 'client-outbound-security',
    tier: 'client',
    title: 'Outgoing firewall rules and security software',
    plain:
      'Looks for firewall rules on this computer that stop Remote Desktop going out, and lists the security software installed. Rarely the cause of 0x904, but quick to rule out.',
    technical:
      'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True with their application (mstsc.exe) and port filters (Get-NetFirewallApplicationFilter, Get-NetFirewallPortFilter); Get-NetFirewallProfile; antivirus and firewall products from root/SecurityCenter2 (client editions only).',
    source: { kind: 'script', side: 'client', script: 'check-client-outbound', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-outbound': { file: 'check-client-outbound.ps1', args: TargetArgs, facts: OutboundFactsSchema },
  },
  readable: {
    'check-client-outbound': [
      'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Get-NetFirewallApplicationFilter',
      'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Get-NetFirewallPortFilter',
      'Get-NetFirewallProfile',
      "Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-outbound-security': typeof clientOutboundSecurity;
  }
}
