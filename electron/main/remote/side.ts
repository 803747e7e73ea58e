import { checks } from '../../../shared/catalog/checks';
import { fixes } from '../../../shared/catalog/fixes';
import type { ScriptId } from '../../../shared/catalog/scripts';

export type Side = 'client' | 'server';

/**
 * Which computer each catalog script looks at or changes, from the catalog itself: a check's
 * source names its side, and a fix's backup, apply and undo scripts run on the fix's side.
 */
const sides: ReadonlyMap<string, Side> = new Map<string, Side>([
  ...checks.flatMap((c) => (c.source.kind === 'script' ? [[c.source.script, c.source.side] as const] : [])),
  ...fixes.flatMap((f) => [f.backupScript, f.script, f.undoScript].map((s) => [s, f.side] as const)),
]);

/** The side a script runs on; a script no check or fix names runs on this computer. */
export function scriptSide(script: ScriptId): Side {
  return sides.get(script) ?? 'client';
}
