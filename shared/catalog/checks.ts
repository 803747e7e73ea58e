import type { CheckDef } from './types';
import { networkChecks } from './network';
import { handshakeChecks } from './handshake';
import { clientChecks } from './client/checks';
import { serverChecks } from './server/checks';

export { tiers, tierTitles, type Tier, type CheckDef, type CheckSource } from './types';

/** Every check, simplest tier first: the scan runs and shows them in this order. */
export const checks = [...networkChecks, ...handshakeChecks, ...clientChecks, ...serverChecks] as const;

export type CheckId = (typeof checks)[number]['id'];
export const checkIds = checks.map((c) => c.id) as CheckId[];

/** The same list held to CheckDef: a check offering a fix that does not exist fails to compile here. */
export const checkDefs: readonly CheckDef[] = checks;

export function getCheck(id: CheckId): CheckDef {
  const found = checkDefs.find((c) => c.id === id);
  if (!found) throw new Error(`unknown check ${id}`);
  return found;
}
