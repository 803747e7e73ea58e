import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, NoArgs, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const FirewallRuleSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  profiles: z.array(z.enum(['Domain', 'Private', 'Public', 'Any'])),
  protocol: z.enum(['TCP', 'UDP']),
  /**
   * The RDP-over-WebSocket rules (Windows 11 / Server 2022 and later). They are off by default
   * and do not open the RDP port; reported, never required, never switched on by the fix.
   */
  webSocket: z.boolean().optional(),
});
export type FirewallRule = z.infer<typeof FirewallRuleSchema>;

export const FirewallFactsSchema = z.object({
  activeProfiles: z.array(z.enum(['Domain', 'Private', 'Public'])),
  rules: z.array(FirewallRuleSchema),
  /** Profiles set to "Block all incoming connections" (AllowInboundRules False). Absent from older facts. */
  blockAllInbound: z.array(z.enum(['Domain', 'Private', 'Public'])).optional(),
});

const FirewallBackupSchema = z.object({
  rules: z.array(z.object({ name: z.string(), enabled: z.boolean(), webSocket: z.boolean().optional() })),
});

/** The server's firewall rules for Remote Desktop off for its network, and the fix that turns them on. */
export const serverFirewall = defineCheckCatalog({
  check: {
    id: 'server-firewall',
    tier: 'server',
    title: 'Incoming firewall rules for Remote Desktop',
    plain: 'Checks that the firewall rules for Remote Desktop are turned on for the kind of network the server is on now.',
    technical:
      'Get-NetFirewallRule -Group \'@FirewallAPI.dll,-28752\' -Direction Inbound (the "Remote Desktop" group: RemoteDesktop-UserMode-In-TCP, -UDP, and the WebSocket rule where present): Enabled and Profile, against the NetworkCategory of Get-NetConnectionProfile.',
    source: { kind: 'script', side: 'server', script: 'check-firewall-rdp' },
    needsAdmin: false,
    fixes: ['enable-firewall-rdp'],
  },
  fixes: [
    {
      id: 'enable-firewall-rdp',
      title: 'Turn on the Remote Desktop firewall rules',
      plain: 'Turns on the built-in "Remote Desktop" rules in Windows Firewall on the server, so connections to Remote Desktop are let in.',
      changes: [
        'Turns on the rules of the "Remote Desktop" group in Windows Firewall that are off now.',
        'Leaves the web-connection rules as they are (they are off unless you use Remote Desktop through a web gateway).',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Turned on the firewall rules in the "Remote Desktop" group (TCP and UDP) that were off.',
        'Left the web-connection rules as they were.',
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-firewall-rdp',
      script: 'fix-enable-firewall-rdp',
      undoScript: 'undo-enable-firewall-rdp',
      undoPlain: 'Turns each rule back to the state it had before (the previous states are saved first).',
      verifies: ['server-firewall'],
    },
  ],
  scripts: {
    'check-firewall-rdp': { file: 'check-firewall-rdp.ps1', args: NoArgs, facts: FirewallFactsSchema },
    'backup-firewall-rdp': { file: 'backup-firewall-rdp.ps1', args: BackupDirArgs, facts: FirewallBackupSchema },
    'fix-enable-firewall-rdp': { file: 'fix-enable-firewall-rdp.ps1', args: withBackup(FirewallBackupSchema), facts: ChangedSchema },
    'undo-enable-firewall-rdp': { file: 'undo-enable-firewall-rdp.ps1', args: withBackup(FirewallBackupSchema), facts: UndoFactsSchema },
  },
  readable: {
    'check-firewall-rdp': [
      "Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752' | Select-Object -Property 'Name', 'DisplayName', 'Enabled', 'Profile'",
      "Get-NetConnectionProfile | Select-Object -Property 'InterfaceAlias', 'NetworkCategory'",
      "Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object -Property 'Name', 'AllowInboundRules'",
    ],
    'backup-firewall-rdp': ["Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752'"],
    'fix-enable-firewall-rdp': ['# The rules that are off now, except the WebSocket ones:', 'Enable-NetFirewallRule -Name {rulesOff}'],
    'undo-enable-firewall-rdp': [
      '# Each rule that was off before (the backup lists them by name):',
      'Disable-NetFirewallRule -Name {rulesOff}',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-firewall': typeof serverFirewall;
  }
}
