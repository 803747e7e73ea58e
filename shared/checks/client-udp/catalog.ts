import { z } from 'zod';
import {
  BackupDirArgs,
  ChangedSchema,
  Dword,
  DwordBackupSchema,
  NoArgs,
  UndoFactsSchema,
  withTimer,
  withTimerUndo,
} from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ClientUdpFactsSchema = z.object({
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client */
  fClientDisableUDP: Dword,
  /** Network adapters that are up (Get-NetAdapter), to tell whether a VPN carries the connection. */
  adaptersUp: z.array(z.object({ name: z.string(), description: z.string() })),
});

/** Whether Remote Desktop may use UDP while a VPN is up, and the fix that makes it use TCP only. */
export const clientUdp = defineCheckCatalog({
  check: {
    id: 'client-udp',
    tier: 'client',
    title: 'Remote Desktop over UDP',
    plain:
      'Checks whether Remote Desktop may send part of its traffic over UDP. Some VPNs drop that part; turning UDP off makes Remote Desktop send everything over its main connection.',
    technical:
      'fClientDisableUDP under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client (1 = TCP only; Group Policy "Turn Off UDP On Client"), and the adapters that are up (Get-NetAdapter).',
    source: { kind: 'script', side: 'client', script: 'check-client-udp' },
    needsAdmin: false,
    fixes: ['disable-client-udp'],
  },
  fixes: [
    {
      id: 'disable-client-udp',
      title: 'Make Remote Desktop stop using UDP',
      plain:
        'Sets the policy "Turn off UDP on client" on this computer, so Remote Desktop stops trying UDP, which some VPNs drop. Connections work as before, perhaps a little less smoothly on slow links.',
      changes: [
        "Saves Remote Desktop's client policies to the backup folder.",
        'Turns on "Turn off UDP on client" (your company\'s group policy may set it back at its next refresh).',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        "Saved Remote Desktop's client policies to the backup folder.",
        'Turned on "Turn off UDP on client" (your company\'s group policy may set it back at its next refresh).',
      ],
      side: 'client',
      needsAdmin: true,
      temporary: true,
      risk: ['low'],
      backupScript: 'backup-client-udp',
      script: 'fix-client-udp',
      undoScript: 'undo-client-udp',
      undoPlain: 'Puts "Turn off UDP on client" back as it was, or removes it if it was not set.',
      verifies: ['client-udp'],
    },
  ],
  scripts: {
    'check-client-udp': { file: 'check-client-udp.ps1', args: NoArgs, facts: ClientUdpFactsSchema },
    'backup-client-udp': { file: 'backup-client-udp.ps1', args: BackupDirArgs, facts: DwordBackupSchema },
    'fix-client-udp': { file: 'fix-client-udp.ps1', args: withTimer(DwordBackupSchema), facts: ChangedSchema },
    'undo-client-udp': { file: 'undo-client-udp.ps1', args: withTimerUndo(DwordBackupSchema), facts: UndoFactsSchema },
  },
  readable: {
    'check-client-udp': [
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP",
      "Get-NetAdapter | Where-Object -FilterScript { $_.Status -eq 'Up' }",
    ],
    'backup-client-udp': [
      "reg.exe export 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' {backupDir\\TerminalServices-Client.reg} /y /reg:64",
    ],
    'fix-client-udp': [
      "New-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP -PropertyType DWord -Value 1 -Force",
    ],
    'undo-client-udp': [
      '# Back to the value it had, or removed when it was not set:',
      "Remove-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-udp': typeof clientUdp;
  }
}
