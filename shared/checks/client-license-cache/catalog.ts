import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, NoArgs, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const LicenseCacheFactsSchema = z.object({
  /** HKLM\SOFTWARE\Microsoft\MSLicensing exists. */
  exists: z.boolean(),
  hasHardwareId: z.boolean(),
  hasStore: z.boolean(),
  /** Subkeys of Store (LICENSE000, ...). */
  storeLicenses: z.number().int().nonnegative(),
});

/** A registry key saved with `reg export` before a fix: null path when the key did not exist. */
const RegistryExportSchema = z.object({ existed: z.boolean(), exportPath: z.string().nullable() });

/** The MSLicensing cache, and the fix that resets it. */
export const clientLicenseCache = defineCheckCatalog({
  check: {
    id: 'client-license-cache',
    tier: 'client',
    title: 'License cache',
    plain:
      'Checks where this computer keeps the Remote Desktop licenses servers hand it. When that store is damaged, the server can close the connection because this computer cannot keep its license.',
    technical:
      'HKLM\\SOFTWARE\\Microsoft\\MSLicensing: whether the key exists and its subkeys HardwareID and Store (the licenses in Store).',
    source: { kind: 'script', side: 'client', script: 'check-client-license-cache' },
    needsAdmin: false,
    fixes: ['reset-license-cache'],
  },
  fixes: [
    {
      id: 'reset-license-cache',
      title: 'Reset the Remote Desktop license cache',
      plain:
        "Saves Remote Desktop's license cache to the backup folder, then deletes it. Only an administrator can create it again: afterwards, start Remote Desktop Connection once with \"Run as administrator\" (an administrator's password) and connect; a standard user's connection cannot store its license until then.",
      changes: ['Saves the license cache to a file in the backup folder.', 'Deletes the license cache.'],
      /** The same, said once it has happened (the result's plain words). */
      done: ['Saved the license cache to a file in the backup folder.', 'Deleted the license cache.'],
      side: 'client',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-client-license-cache',
      script: 'fix-client-license-cache',
      undoScript: 'undo-client-license-cache',
      undoPlain: 'Imports the saved .reg file again (reg import), which puts the old license cache back exactly.',
      verifies: ['client-license-cache'],
    },
  ],
  scripts: {
    'check-client-license-cache': { file: 'check-client-license-cache.ps1', args: NoArgs, facts: LicenseCacheFactsSchema },
    'backup-client-license-cache': { file: 'backup-client-license-cache.ps1', args: BackupDirArgs, facts: RegistryExportSchema },
    'fix-client-license-cache': {
      file: 'fix-client-license-cache.ps1',
      args: withBackup(RegistryExportSchema),
      facts: ChangedSchema,
    },
    'undo-client-license-cache': {
      file: 'undo-client-license-cache.ps1',
      args: withBackup(RegistryExportSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    'check-client-license-cache': ["Get-ChildItem -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\MSLicensing'"],
    'backup-client-license-cache': ["reg.exe export 'HKLM\\SOFTWARE\\Microsoft\\MSLicensing' {backupDir\\MSLicensing.reg} /y /reg:64"],
    'fix-client-license-cache': ["Remove-Item -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\MSLicensing' -Recurse -Force"],
    'undo-client-license-cache': ['reg.exe import {backupDir\\MSLicensing.reg} /reg:64'],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-license-cache': typeof clientLicenseCache;
  }
}
