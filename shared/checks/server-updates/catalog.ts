import { z } from 'zod';
import { IsoDate, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const HotfixSchema = z.object({ id: z.string(), description: z.string(), installedOn: IsoDate.nullable() });
export const ServerUpdatesFactsSchema = z.object({ hotfixes: z.array(HotfixSchema), now: IsoDate });

/** An update installed on the server lately, in case the problem started right after it; reported, never removed for you. */
export const serverUpdates = defineCheckCatalog({
  check: {
    id: 'server-updates',
    tier: 'server',
    title: 'Recent updates on the server',
    plain: 'Lists the updates installed on the server lately: did the problem start right after one?',
    technical: 'Get-HotFix on the server: HotFixID and InstalledOn; an update is removed with wusa /uninstall /kb:<number>.',
    source: { kind: 'script', side: 'server', script: 'check-server-updates' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-server-updates': { file: 'check-server-updates.ps1', args: NoArgs, facts: ServerUpdatesFactsSchema },
  },
  readable: {
    'check-server-updates': ['Get-HotFix'],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-updates': typeof serverUpdates;
  }
}
