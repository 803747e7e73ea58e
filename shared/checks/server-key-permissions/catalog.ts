import { z } from 'zod';
import { fixScripts, NoArgs, Thumbprint } from '../../catalog/script-def';
import { KeyFileFactsSchema } from '../server-certificate/catalog';
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
  /** The listener certificate whose key this is; null when the listener names none that is there. Absent from older facts. */
  certificateThumbprint: Thumbprint.nullable().optional(),
  /** Whether that certificate says it has a private key (while its file may be gone). */
  hasPrivateKey: z.boolean().nullable().optional(),
  /** The key file the certificate names: where it is and what it is. Absent from older facts. */
  key: KeyFileFactsSchema.nullable().optional(),
  /** That key file's owner and access entries, when it is a regular file whose permissions could be read (at most one). */
  files: z.array(KeyFileSchema),
  /**
   * Run as an administrator (elevated, or over remoting), who may still not read that file's
   * permissions: Windows' own administrators were shut out of it. Absent from older facts.
   */
  adminsShutOut: z.boolean().optional(),
});
export type KeyPermissionsFacts = z.infer<typeof KeyPermissionsFactsSchema>;

const KeyPermissionsBackupSchema = z.object({
  folder: z.string(),
  /**
   * The key file: its path, NTFS file id (checked again before any change and at undo), owner and
   * explicit entries before the fix (the undo removes only what the fix added), and the
   * `icacls /save` record of its ACL (for the record; never restored wholesale).
   */
  files: z.array(
    z.object({
      path: z.string(),
      fileId: z.string().optional(),
      ownerSid: z.string().nullable().optional(),
      aces: z.array(AceSchema).nullable().optional(),
      aclFile: z.string(),
      /** Administrators could read neither its entries nor its owner: the fix takes ownership first and records the entries it then finds beside aclFile. */
      adminsShutOut: z.boolean().optional(),
    }),
  ),
});

const keyPerms = fixScripts('repair-rdp-key-permissions', KeyPermissionsBackupSchema, 'backup-rdp-key-permissions');

/** Remote Desktop not allowed to read its certificate's private key file, and the fix that gives it back Read on that one file. */
export const serverKeyPermissions = defineCheckCatalog({
  check: {
    id: 'server-key-permissions',
    tier: 'server',
    title: "Access to the certificate's key",
    plain: "Checks that Remote Desktop is allowed to read its certificate's private key file.",
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
        "Lets the account Remote Desktop runs as read its certificate's private key again, and gives Windows and administrators full control of it. Only that one key file changes; the folder and its other keys are left alone.",
      changes: [
        'Finds the key file from the certificate Remote Desktop uses, and refuses anything but a plain file owned by Windows or administrators. Saves its current permissions to the backup folder, for the record.',
        "Lets Remote Desktop's account read that one file, gives Windows and administrators full control of it where missing, and removes a rule that denied Remote Desktop's account (a link is never followed).",
        "When even Windows' administrators were shut out of that file, first makes the Administrators group its owner (as Microsoft's article does), which lets them see and repair its permissions. That owner stays: the one before could not be read.",
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Found the key file of the certificate Remote Desktop uses and saved its permissions to the backup folder, for the record.',
        "Let Remote Desktop's account read that one file, gave Windows and administrators full control of it where missing, and removed any rule that denied Remote Desktop's account.",
        "Where even Windows' administrators were shut out of that file, first made the Administrators group its owner (that owner stays).",
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-rdp-key-permissions',
      script: 'fix-repair-rdp-key-permissions',
      undoScript: 'undo-repair-rdp-key-permissions',
      undoPlain:
        'Removes only what the fix added, and puts back a rule it removed, on that same file (checked to be the very file that was saved); saved permissions are never copied back wholesale. Where the fix made Administrators the owner, they stay the owner.',
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
      '# The key file the listener certificate names (container TSSecKeySet1: f686aace6942fb7f7ceb231212eef4a4_<MachineGuid>):',
      "$guid = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Cryptography' -Name MachineGuid).MachineGuid",
      'Get-Acl -LiteralPath "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_$guid"',
    ],
    'backup-rdp-key-permissions': [
      'fsutil.exe file queryFileID {keyFile}',
      'icacls.exe {keyFile} /save {backupDir\\machinekeys-acl-0.txt} /L',
    ],
    'fix-repair-rdp-key-permissions': [
      "# Only when administrators may not read the file's permissions: Administrators become its owner first:",
      "icacls.exe {keyFile} /setowner '*S-1-5-32-544' /L",
      '# NETWORK SERVICE (S-1-5-20) read; SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544) full control; on that one file only, never through a link:',
      "icacls.exe {keyFile} /L /remove:d '*S-1-5-20'",
      "icacls.exe {keyFile} /L /grant '*S-1-5-20:(R)' '*S-1-5-18:(F)' '*S-1-5-32-544:(F)'",
    ],
    'undo-repair-rdp-key-permissions': [
      '# Only what the fix added, on the same file (its file id is checked first):',
      "icacls.exe {keyFile} /L /remove:g '*S-1-5-20'",
      "icacls.exe {keyFile} /L /deny '*S-1-5-20:(R)'",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-key-permissions': typeof serverKeyPermissions;
  }
}
