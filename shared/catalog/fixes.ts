import type { FixDef, FixId } from './types';
import { checkCatalogs } from '../checks/registry';

export type { FixDef, FixId, Risk } from './types';

/** Every fix, held to FixDef here: a fix verified by a check that does not exist fails to compile. */
export const fixes: readonly FixDef[] = checkCatalogs.flatMap((m): readonly (typeof checkCatalogs)[number]['fixes'][number][] => m.fixes);
export const fixIds = fixes.map((f) => f.id);

export function getFix(id: FixId): FixDef {
  const found = fixes.find((f) => f.id === id);
  if (!found) throw new Error(`unknown fix ${id}`);
  return found;
}
