import type { FixDef } from '../../../shared/catalog/fixes';
import { readableValueLabels } from '../../../shared/catalog/readable-commands';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import type { Target } from '../../../shared/target';

/** The arguments a script's schema declares (its zod object's shape). */
export const declaredArgs = (script: ScriptId): Record<string, unknown> =>
  (scripts[script].args as unknown as { shape?: Record<string, unknown> }).shape ?? {};

/** A fix's backup script's arguments: its folder, plus the target for backups that save only what concerns it. */
export function backupArgsOf(fix: FixDef, backupDir: string, target: Target): Record<string, unknown> {
  const declared = declaredArgs(fix.backupScript);
  return {
    backupDir,
    ...('host' in declared ? { host: target.host } : {}),
    ...('port' in declared ? { port: target.port } : {}),
  };
}

/** The backup a fix or undo script is given: what its backup script answers, known only once that ran. */
const BACKUP_NOT_YET_MADE = '<the backup above>';

/**
 * A fix or undo script's arguments as shown before the run: the backup (known only once the
 * backup script ran), and the folder where the script takes it (a temporary fix's timer lives
 * there); null: a folder known only when the fix runs.
 */
export function shownChangeArgs(script: ScriptId, backupDir: string | null): Record<string, unknown> {
  return {
    backup: BACKUP_NOT_YET_MADE,
    ...('backupDir' in declaredArgs(script) ? { backupDir: backupDir ?? readableValueLabels.backupDir } : {}),
  };
}
