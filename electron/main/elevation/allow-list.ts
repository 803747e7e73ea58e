import { fixes } from '../../../shared/catalog/fixes';
import type { ScriptId } from '../../../shared/catalog/scripts';

/**
 * The scripts that may run as administrator: the backup, apply and undo scripts of the catalog
 * fixes that need it, nothing else. (Fixes that need no administrator, such as removing the
 * user's own saved credentials, run as the user: elevated they could act on another account.) The helper script carries its own copy of this list (it trusts nothing the app
 * sends); a test keeps the two equal, so a new fix needs its scripts added to the helper too.
 */
export const elevatedScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin).flatMap((f) => [f.backupScript, f.script, f.undoScript]),
);

/**
 * Scripts that run as administrator on their own, with no arguments and no backup: the restart a
 * fix that takes effect only at startup asks for (and calling it off), and the read-only check only an administrator
 * can make (the key file's permissions), run again after the fix that repairs them. The helper's
 * $ElevatedActions is kept equal by a test.
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
 * the administrator approves says so; its $WeakeningScripts is kept equal by a test.
 */
export const weakeningScriptIds: ReadonlySet<ScriptId> = new Set(
  fixes.filter((f) => f.needsAdmin && (f.risk as readonly string[]).includes('changes-security')).map((f) => f.script as ScriptId),
);
