import { z } from 'zod';
import { fixScripts, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const AceSchema = z.object({
  sid: z.string(),
  type: z.enum(['Allow', 'Deny']),
  /** FileSystemRights as a number (ReadData 0x1, FullControl 0x1F01FF, GENERIC_READ 0x80000000...). */
  rights: z.number().int(),
  inherited: z.boolean(),
});
export type Ace = z.infer<typeof AceSchema>;

const KeyFileSchema = z.object({ name: z.string(), path: z.string(), ownerSid: z.string().nullable(), aces: z.array(AceSchema) });
export const KeyPermissionsFactsSchema = z.object({
  /** C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys */
  folder: z.string(),
  /** The RDP key files: f686aace6942fb7f7ceb231212eef4a4_* (the self-signed certificate's key). */
  files: z.array(KeyFileSchema),
});
export type KeyPermissionsFacts = z.infer<typeof KeyPermissionsFactsSchema>;

const KeyPermissionsBackupSchema = z.object({
  folder: z.string(),
  /** Each key file and the `icacls /save` file holding its ACL. */
  files: z.array(z.object({ path: z.string(), aclFile: z.string() })),
});

const keyPerms = fixScripts('repair-rdp-key-permissions', KeyPermissionsBackupSchema, 'backup-rdp-key-permissions');

/** Remote Desktop not allowed to read its certificate's private key file, and the fix that gives it back Read on that one file. */
export const serverKeyPermissions = defineCheckCatalog({
  check: {
    id: 'server-key-permissions',
    tier: 'server',
    title: "Access to the certificate's key",
    plain: "Checks that Remote Desktop is allowed to read its certificate's secret key file.",
    technical:
      'ACL of the Remote Desktop key file (f686aace6942fb7f7ceb231212eef4a4_*) in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys: NETWORK SERVICE (S-1-5-20), the account TermService runs as, needs Read; SYSTEM (S-1-5-18) Full control. Server events 1057 / 1058 and Schannel 36870 when it cannot.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-key-permissions' },
    needsAdmin: true,
    fixes: ['repair-rdp-key-permissions'],
  },
  fixes: [
    {
      id: 'repair-rdp-key-permissions',
      title: "Let Remote Desktop read its certificate's key again",
      plain:
        "Lets the account Remote Desktop runs as read its certificate's secret key again, and gives Windows and administrators full control of it. Only that one key file changes; the folder and its other keys are left alone.",
      changes: [
        "Saves the key file's current permissions to the backup folder.",
        "Lets Remote Desktop's account read the key file, gives Windows and administrators full control of it, and removes a rule that denied Remote Desktop's account.",
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-rdp-key-permissions',
      script: 'fix-repair-rdp-key-permissions',
      undoScript: 'undo-repair-rdp-key-permissions',
      undoPlain: 'Puts the saved permissions back.',
      verifies: ['server-key-permissions'],
    },
  ],
  scripts: {
    'check-rdp-key-permissions': { file: 'check-rdp-key-permissions.ps1', args: NoArgs, facts: KeyPermissionsFactsSchema },
    'backup-rdp-key-permissions': keyPerms.backup,
    'fix-repair-rdp-key-permissions': keyPerms.apply,
    'undo-repair-rdp-key-permissions': keyPerms.undo,
  },
  readable: {
    'check-rdp-key-permissions': [
      'Get-ChildItem -LiteralPath "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys" -Force -Filter \'f686aace6942fb7f7ceb231212eef4a4_*\' | Get-Acl',
    ],
    'backup-rdp-key-permissions': [
      'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>" /save \'<backup folder>\\machinekeys.acl\'',
    ],
    'fix-repair-rdp-key-permissions': [
      '# NETWORK SERVICE (S-1-5-20) read; SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544) full control; on that one file only:',
      'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>" /remove:d \'*S-1-5-20\'',
      "icacls.exe \"$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>\" /grant '*S-1-5-20:(R)' '*S-1-5-18:(F)' '*S-1-5-32-544:(F)'",
    ],
    'undo-repair-rdp-key-permissions': [
      'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys" /restore \'<backup folder>\\machinekeys.acl\'',
    ],
  },
});
