import { z } from 'zod';
import { IsoDate, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const UpdatesFactsSchema = z.object({
  now: IsoDate,
  /**
   * Get-HotFix, newest first, at most 30; installedOn is a date (Windows keeps no time), the
   * computer's own day; dayStartsAt is when that day began there, in UTC like the log's times.
   */
  hotfixes: z.array(
    z.object({ id: z.string(), description: z.string(), installedOn: IsoDate.nullable(), dayStartsAt: IsoDate.nullable() }),
  ),
});

/** This computer's recent Windows updates. */
export const clientUpdates = defineCheckCatalog({
  check: {
    id: 'client-updates',
    tier: 'client',
    title: 'Recent Windows updates',
    plain: 'Lists the Windows updates installed lately, to see whether the error started right after one.',
    technical:
      'Get-HotFix, newest 30 by InstalledOn: HotFixID, Description, InstalledOn (Windows records the day only, in the time zone of Get-TimeZone).',
    source: { kind: 'script', side: 'client', script: 'check-client-updates' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-updates': { file: 'check-client-updates.ps1', args: NoArgs, facts: UpdatesFactsSchema },
  },
  readable: {
    // WMI's own InstalledOn text: Windows PowerShell 5.1's InstalledOn property parses it with the
    // culture, and sorting on it fails for a blank one (check-client-updates.ps1 says why).
    'check-client-updates': ["Get-HotFix | ForEach-Object -Process { $_.HotFixID + ' ' + $_.psBase.Properties['InstalledOn'].Value }"],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-updates': typeof clientUpdates;
  }
}
