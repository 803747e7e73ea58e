import type { FixDefOf } from '../shapes';
import { serverCheckCatalogs } from '../../checks/catalogs';

export const serverFixes = serverCheckCatalogs.flatMap(
  (m): readonly (typeof serverCheckCatalogs)[number]['fixes'][number][] => m.fixes,
) satisfies readonly FixDefOf<string, string>[];
