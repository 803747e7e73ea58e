import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, TargetArgs, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/**
 * A Credential Manager target as cmdkey prints it after its (localized) label, e.g.
 * "Domain:target=TERMSRV/srv01" or "LegacyGeneric:target=TERMSRV/srv01:3390". Only these
 * characters ever reach cmdkey /delete.
 */
const TermsrvTarget = z
  .string()
  .regex(/^(?:[A-Za-z]+:target=)?TERMSRV\/[A-Za-z0-9._:\[\]%-]{1,260}$/i, 'a TERMSRV/<host> credential target');

export const SavedCredentialsFactsSchema = z.object({
  /** The target the check looked for (echoed from the arguments). */
  host: z.string(),
  port: z.number().int(),
  /** Every TERMSRV/* entry cmdkey lists, for any computer. */
  entries: z.array(TermsrvTarget),
});

/**
 * The credential backup needs the target: the fix engine passes `host`/`port` to a backup script
 * whose arguments declare them, so only that computer's entries are recorded and removed.
 */
const CredentialBackupArgs = z
  .object({ backupDir: BackupDirArgs.shape.backupDir, host: TargetArgs.shape.host, port: TargetArgs.shape.port })
  .strict();

const CredentialBackupSchema = z.object({
  host: z.string(),
  /** The entries removed by the fix: names only, cmdkey never reveals a saved password. */
  entries: z.array(TermsrvTarget),
});

/** Passwords Windows saved for the target (cmdkey), and the fix that removes them. */
export const clientSavedCredentials = defineCheckCatalog({
  check: {
    id: 'client-saved-credentials',
    tier: 'client',
    title: 'Saved passwords',
    plain: 'Looks for a password Windows saved for this computer name. An old one can be sent again and again without asking you.',
    technical: 'cmdkey /list: Credential Manager entries TERMSRV/<host> (Windows credentials) for the name you typed.',
    source: { kind: 'script', side: 'client', script: 'check-client-credentials', withTarget: true },
    needsAdmin: false,
    fixes: ['remove-saved-credentials'],
  },
  fixes: [
    {
      id: 'remove-saved-credentials',
      title: 'Remove the saved password for this computer',
      plain:
        'Deletes the Remote Desktop passwords Windows saved for this computer name (in Credential Manager on this PC). The next time you connect, Remote Desktop asks for the password again.',
      changes: [
        'Writes down which saved sign-ins for this computer name there are, in the backup folder (Windows never reveals a saved password, so the password itself cannot be saved).',
        'Deletes those saved sign-ins. Saved passwords for other computers stay.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Wrote down which saved sign-ins for this computer name there were, in the backup folder (Windows never reveals a saved password, so the password itself could not be saved).',
        'Deleted those saved sign-ins. Saved passwords for other computers stayed.',
      ],
      side: 'client',
      needsAdmin: false,
      risk: ['low'],
      backupScript: 'backup-client-credentials',
      script: 'fix-client-credentials',
      undoScript: 'undo-client-credentials',
      undoPlain:
        'Cannot be fully undone: the saved password itself cannot be backed up. Undo tells you which entries were removed; type the password again at the next connection and tick "Remember me" to save it again.',
      cannotUndo: "Can't be undone: a removed password is gone for good. Type it again at the next connection and tick “Remember me”.",
      verifies: ['client-saved-credentials'],
    },
  ],
  scripts: {
    'check-client-credentials': {
      file: 'check-client-credentials.ps1',
      args: TargetArgs,
      facts: SavedCredentialsFactsSchema,
    },
    'backup-client-credentials': {
      file: 'backup-client-credentials.ps1',
      args: CredentialBackupArgs,
      facts: CredentialBackupSchema,
    },
    'fix-client-credentials': {
      file: 'fix-client-credentials.ps1',
      args: withBackup(CredentialBackupSchema),
      facts: ChangedSchema,
    },
    'undo-client-credentials': {
      file: 'undo-client-credentials.ps1',
      args: withBackup(CredentialBackupSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    // ------------------------------------------------------------------ this computer: checks
    'check-client-credentials': ['cmdkey.exe /list:TERMSRV/{host}'],
    // ------------------------------------------------------------------ this computer: fixes
    'backup-client-credentials': ['# Windows never reveals a saved password: only the names are noted.', 'cmdkey.exe /list:TERMSRV/{host}'],
    'fix-client-credentials': ['cmdkey.exe /delete:TERMSRV/{host}'],
    'undo-client-credentials': ['# A removed password cannot be put back: type it at the next connection and tick "Remember me".'],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-saved-credentials': typeof clientSavedCredentials;
  }
}
