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

export const CredSspPolicyFactsSchema = z.object({
  /** HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters */
  allowEncryptionOracle: Dword,
});

/** The CredSSP encryption-oracle policy on this computer, and the temporary workaround. */
export const clientCredSsp = defineCheckCatalog({
  check: {
    id: 'client-credssp',
    tier: 'client',
    title: 'Security update policy (CredSSP)',
    plain:
      'Reads the policy that decides whether this computer talks to servers that miss the May 2018 security update for Remote Desktop sign-in.',
    technical:
      'AllowEncryptionOracle under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters (Group Policy "Encryption Oracle Remediation": 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; absent = Mitigated).',
    source: { kind: 'script', side: 'client', script: 'check-client-credssp' },
    needsAdmin: false,
    fixes: ['credssp-allow-vulnerable'],
  },
  fixes: [
    {
      id: 'credssp-allow-vulnerable',
      title: 'Temporarily allow servers without the CredSSP update',
      plain:
        'Sets the policy "Encryption Oracle Remediation" to Vulnerable on this computer, so it can connect to a server that misses the May 2018 CredSSP security update. This weakens security: use it only to reach the server once and install its updates, then undo it. The real fix is updating the server.',
      changes: [
        'Saves the CredSSP policy to the backup folder.',
        'Sets "Encryption Oracle Remediation" to Vulnerable (your company\'s group policy may set it back at its next refresh).',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Saved the CredSSP policy to the backup folder.',
        'Set "Encryption Oracle Remediation" to Vulnerable (your company\'s group policy may set it back at its next refresh).',
      ],
      side: 'client',
      needsAdmin: true,
      temporary: true,
      risk: ['changes-security'],
      weakened: 'this computer also connects to servers that miss the May 2018 security update',
      backupScript: 'backup-client-credssp',
      script: 'fix-client-credssp',
      undoScript: 'undo-client-credssp',
      undoPlain: 'Puts "Encryption Oracle Remediation" back as it was, or removes it if it was not set.',
      verifies: ['client-credssp'],
    },
  ],
  scripts: {
    'check-client-credssp': { file: 'check-client-credssp.ps1', args: NoArgs, facts: CredSspPolicyFactsSchema },
    'backup-client-credssp': { file: 'backup-client-credssp.ps1', args: BackupDirArgs, facts: DwordBackupSchema },
    'fix-client-credssp': { file: 'fix-client-credssp.ps1', args: withTimer(DwordBackupSchema), facts: ChangedSchema },
    'undo-client-credssp': { file: 'undo-client-credssp.ps1', args: withTimerUndo(DwordBackupSchema), facts: UndoFactsSchema },
  },
  readable: {
    'check-client-credssp': [
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle",
    ],
    'backup-client-credssp': [
      "reg.exe export 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' {backupDir\\CredSSP-Parameters.reg} /y /reg:64",
    ],
    'fix-client-credssp': [
      "New-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle -PropertyType DWord -Value 2 -Force",
    ],
    'undo-client-credssp': [
      '# Back to the value it had, or removed when it was not set:',
      "Remove-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-credssp': typeof clientCredSsp;
  }
}
