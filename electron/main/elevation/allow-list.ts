import { fixes } from '../../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';

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

/** The names of the arguments a catalog script declares. */
const declaredArguments = (script: ScriptId): string[] => Object.keys((scripts[script].args as unknown as { shape?: object }).shape ?? {});

/**
 * The fix scripts of the administrator fixes that are temporary (the catalog's `temporary`): the
 * helper passes them the one value it takes from the app for them, how long until the timer puts
 * the change back (lib/revert-timer.ps1).
 */
export const timedScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin && f.temporary).map((f) => f.script as ScriptId),
);

/**
 * The administrator backup scripts that record the target (they declare `host`): the helper alone
 * passes them the target's name and port from the app, checked as a plain name and a port number.
 */
export const targetArgumentScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin && declaredArguments(f.backupScript).includes('host')).map((f) => f.backupScript as ScriptId),
);

/** What the elevated helper may run, as the build writes it into the script manifest (scripts/script-manifest.mjs). */
export interface HelperAllowList {
  /** Each administrator fix as [backup, fix, undo]: a fix or undo runs only on its own fix's backup. */
  fixes: Array<[ScriptId, ScriptId, ScriptId]>;
  actions: ScriptId[];
  weakening: ScriptId[];
  /** Fix scripts that take revertAfterMinutes from the app (timedScriptIds). */
  timed: ScriptId[];
  /** Backup scripts that take the target's host and port from the app (targetArgumentScriptIds). */
  targetArguments: ScriptId[];
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
    timed: [...timedScriptIds],
    targetArguments: [...targetArgumentScriptIds],
  };
}
