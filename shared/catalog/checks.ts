import type { CheckDef, CheckId } from './types';
import { checkCatalogs } from '../checks/registry';

export { tiers, tierTitles, type Tier, type CheckDef, type CheckId } from './types';

/**
 * Every check, simplest tier first: the scan runs and shows them in this order. Held to CheckDef
 * here: a check offering a fix that does not exist fails to compile.
 */
export const checks: readonly CheckDef[] = checkCatalogs.map((m) => m.check);
export const checkIds = checks.map((c) => c.id);

export function getCheck(id: CheckId): CheckDef {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`unknown check ${id}`);
  return found;
}
