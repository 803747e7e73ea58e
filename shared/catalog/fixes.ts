import type { FixDef } from './types';
import { clientFixes } from './client/fixes';
import { serverFixes } from './server/fixes';

export type { FixDef, Risk } from './types';

const written = [...clientFixes, ...serverFixes] as const;
export type FixId = (typeof written)[number]['id'];

/** Every fix, held to FixDef here: a fix verified by a check that does not exist fails to compile. */
export const fixes: readonly FixDef[] = written;
export const fixIds = fixes.map((f) => f.id);

export function getFix(id: FixId): FixDef {
  const found = fixes.find((f) => f.id === id);
  if (!found) throw new Error(`unknown fix ${id}`);
  return found;
}
