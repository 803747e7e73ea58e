import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, IsoDate, NoArgs, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ConnectionDataFactsSchema = z.object({
  defaultRdp: z.object({
    /** %USERPROFILE%\Documents\Default.rdp (a hidden file). */
    path: z.string(),
    exists: z.boolean(),
    bytes: z.number().int().nonnegative(),
    lastWrite: IsoDate.nullable(),
    /** Non-empty lines. */
    lines: z.number().int().nonnegative(),
    /** Non-empty lines that are not "name:type:value" (type i, s or b): signs of damage. */
    badLines: z.number().int().nonnegative(),
  }),
  bitmapCache: z.object({
    /** %LOCALAPPDATA%\Microsoft\Terminal Server Client\Cache */
    path: z.string(),
    exists: z.boolean(),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Zero-byte cache files: a write that never finished. */
    emptyFiles: z.number().int().nonnegative(),
  }),
});

const ConnectionDataBackupSchema = z.object({
  /** Null when there was no Default.rdp. */
  defaultRdp: z.object({ path: z.string(), backupPath: z.string(), hidden: z.boolean() }).nullable(),
  /** Null when there was no cache folder. */
  bitmapCache: z.object({ path: z.string(), backupPath: z.string(), files: z.number().int().nonnegative() }).nullable(),
});

/** Default.rdp and the bitmap cache, and the fix that moves them aside. */
export const clientConnectionData = defineCheckCatalog({
  check: {
    id: 'client-connection-data',
    tier: 'client',
    title: 'Saved connection settings',
    plain:
      'Looks at the file where Remote Desktop keeps your last settings, and at its picture cache. Either can get damaged and break new connections.',
    technical:
      '%USERPROFILE%\\Documents\\Default.rdp (hidden) and the bitmap cache %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache: lines that are not name:type:value, empty cache files.',
    source: { kind: 'script', side: 'client', script: 'check-client-connection-data' },
    needsAdmin: false,
    fixes: ['clear-connection-data'],
  },
  fixes: [
    {
      id: 'clear-connection-data',
      title: 'Clear the saved connection settings and picture cache',
      plain:
        "Moves Remote Desktop's default connection settings and its picture cache out of the way (into the backup folder). Remote Desktop makes fresh ones the next time it starts; you may need to choose your display settings again.",
      changes: [
        "Copies the default connection settings file in your Documents folder and Remote Desktop's picture cache to the backup folder.",
        'Deletes the originals.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        "Copied the default connection settings file in your Documents folder and Remote Desktop's picture cache to the backup folder.",
        'Deleted the originals.',
      ],
      side: 'client',
      needsAdmin: false,
      risk: ['low'],
      backupScript: 'backup-client-connection-data',
      script: 'fix-client-connection-data',
      undoScript: 'undo-client-connection-data',
      undoPlain: 'Copies the default connection settings (hidden again) and the picture cache back from the backup folder.',
      verifies: ['client-connection-data'],
    },
  ],
  scripts: {
    'check-client-connection-data': { file: 'check-client-connection-data.ps1', args: NoArgs, facts: ConnectionDataFactsSchema },
    'backup-client-connection-data': {
      file: 'backup-client-connection-data.ps1',
      args: BackupDirArgs,
      facts: ConnectionDataBackupSchema,
    },
    'fix-client-connection-data': {
      file: 'fix-client-connection-data.ps1',
      args: withBackup(ConnectionDataBackupSchema),
      facts: ChangedSchema,
    },
    'undo-client-connection-data': {
      file: 'undo-client-connection-data.ps1',
      args: withBackup(ConnectionDataBackupSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    'check-client-connection-data': [
      'Get-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
      'Get-ChildItem -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache"',
    ],
    'backup-client-connection-data': [
      'Copy-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Destination {backupDir}',
      'Copy-Item -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache" -Destination {backupDir} -Recurse',
    ],
    'fix-client-connection-data': [
      'Remove-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
      'Remove-Item -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache" -Recurse -Force',
    ],
    'undo-client-connection-data': [
      'Copy-Item -LiteralPath {backupDir\\Default.rdp} -Destination "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
      'Copy-Item -LiteralPath {backupDir\\Cache} -Destination "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client" -Recurse -Force',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-connection-data': typeof clientConnectionData;
  }
}
