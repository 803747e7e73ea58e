import type { FixDef } from './types';
import { clientFixes } from './client/fixes';
import { serverFixes } from './server/fixes';

export type { FixDef, Risk } from './types';

export const fixes = [...clientFixes, ...serverFixes] as const;

export type FixId = (typeof fixes)[number]['id'];
export const fixIds = fixes.map((f) => f.id) as FixId[];

/** The same list held to FixDef: a fix verified by a check that does not exist fails to compile here. */
export const fixDefs: readonly FixDef[] = fixes;

export function getFix(id: FixId): FixDef {
  const found = fixDefs.find((f) => f.id === id);
  if (!found) throw new Error(`unknown fix ${id}`);
  return found;
}
