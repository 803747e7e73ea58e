import { fixes } from '../../../shared/catalog/fixes';
import type { ScriptId } from '../../../shared/catalog/scripts';

/**
 * The scripts that may run as administrator: the backup, apply and undo scripts of the catalog
 * fixes that need it, nothing else. (Fixes that need no administrator, such as removing the
 * user's own saved credentials, run as the user: elevated they could act on another account.) The helper reads the
 * same list from the installed, hash-checked manifest the build writes from it (helperAllowList), never from the app.
 */
export const elevatedScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin).flatMap((f) => [f.backupScript, f.script, f.undoScript]),
);

/**
 * Scripts that run as administrator on their own, with no arguments and no backup: the restart a
 * fix that takes effect only at startup asks for (and calling it off), and the read-only check only an administrator
 * can make (the key file's permissions), run again after the fix that repairs them.
 */
export const elevatedActionIds: ReadonlySet<ScriptId> = new Set<ScriptId>([
  'restart-computer',
  'abort-restart',
  'check-rdp-key-permissions',
]);

export const isElevatedScript = (script: string): script is ScriptId =>
  elevatedScriptIds.has(script as ScriptId) || elevatedActionIds.has(script as ScriptId);

/**
 * The fix scripts that weaken security (the catalog's "changes-security" fixes that need an
 * administrator). The helper runs one only when its start arguments named it, so the UAC prompt
 * the administrator approves says so.
 */
export const weakeningScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin && (f.risk as readonly string[]).includes('changes-security')).map((f) => f.script as ScriptId),
);

/** What the elevated helper may run, as the build writes it into the script manifest (scripts/script-manifest.mjs). */
export interface HelperAllowList {
  /** Each administrator fix as [backup, fix, undo]: a fix or undo runs only on its own fix's backup. */
  fixes: Array<[ScriptId, ScriptId, ScriptId]>;
  actions: ScriptId[];
  weakening: ScriptId[];
}

/**
 * The helper's allow-list, derived here from the catalog and nowhere else: the build puts it into
 * scripts.sha256.json, which is installed per machine beside the hashed scripts (only
 * administrators can change it), so the helper never reads it from anywhere a standard user can write.
 */
export function helperAllowList(): HelperAllowList {
  return {
    fixes: fixes.filter((f) => f.needsAdmin).map((f) => [f.backupScript, f.script, f.undoScript] as [ScriptId, ScriptId, ScriptId]),
    actions: [...elevatedActionIds],
    weakening: [...weakeningScriptIds],
  };
}
