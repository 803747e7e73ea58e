import { z } from 'zod';
import { Dword, fixScripts, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const RdpEnabledFactsSchema = z.object({
  /** HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server fDenyTSConnections. */
  fDenyTSConnections: Dword,
  /** The same value under HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services: it wins. */
  policyDenyTSConnections: Dword,
});
const RdpEnabledBackupSchema = z.object({ fDenyTSConnections: Dword });

const enableRdp = fixScripts('enable-rdp', RdpEnabledBackupSchema, 'backup-rdp-enabled');

/** Remote Desktop switched off on the server (by its own setting or a group policy), and the fix that switches it on. */
export const serverRdpEnabled = defineCheckCatalog({
  check: {
    id: 'server-rdp-enabled',
    tier: 'server',
    title: 'Remote connections switch',
    plain: 'Checks the "Allow remote connections to this computer" switch, and whether a company policy decides it instead.',
    technical:
      'fDenyTSConnections under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server (0 = allowed), and the same value under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services, which wins.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-enabled' },
    needsAdmin: false,
    fixes: ['enable-rdp'],
  },
  fixes: [
    {
      id: 'enable-rdp',
      title: 'Turn on Remote Desktop on the server',
      plain:
        'Switches on "Allow remote connections to this computer" on the server. It does not touch a group policy: when one turns Remote Desktop off, this fix is not offered.',
      changes: ['Turns on "Remote Desktop" in the server\'s settings (the previous setting is saved first).'],
      /** The same, said once it has happened (the result's plain words). */
      done: ['Turned on "Remote Desktop" in the server\'s settings (the previous setting was saved first).'],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-rdp-enabled',
      script: 'fix-enable-rdp',
      undoScript: 'undo-enable-rdp',
      undoPlain: 'Puts the "Remote Desktop" setting back as it was.',
      verifies: ['server-rdp-enabled'],
    },
  ],
  scripts: {
    'check-rdp-enabled': { file: 'check-rdp-enabled.ps1', args: NoArgs, facts: RdpEnabledFactsSchema },
    'backup-rdp-enabled': enableRdp.backup,
    'fix-enable-rdp': enableRdp.apply,
    'undo-enable-rdp': enableRdp.undo,
  },
  readable: {
    'check-rdp-enabled': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections",
      "Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name fDenyTSConnections",
    ],
    'backup-rdp-enabled': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections",
    ],
    'fix-enable-rdp': [
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -PropertyType DWord -Value 0 -Force",
    ],
    'undo-enable-rdp': [
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -PropertyType DWord -Value {fDenyTSConnections} -Force",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-rdp-enabled': typeof serverRdpEnabled;
  }
}
