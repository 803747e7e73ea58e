import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { REVERT_CHOICES } from '../../../shared/catalog/script-def';
import { getCheck } from '../../../shared/catalog/checks';
import type { FixPreview } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import type { Ports } from '../ports';
import { checkArgs, commandFor, whereFor } from '../scan/run-check';
import { readableValueLabels } from '../../../shared/catalog/readable-commands';
import { backupArgsOf, shownChangeArgs } from './script-args';

/** The computer a fix changes, by name, and whether it can be changed from here (and if not, why). */
export function fixPlace(
  ports: Ports,
  fix: FixDef,
  target: Target,
): { computer: string; where: 'here' | 'remoting' | null; notHere?: string } {
  if (fix.side === 'client') return { computer: ports.servers.me.name, where: 'here' };
  const place = ports.servers.placeFor(target);
  const computer = ports.servers.serverName(target, place);
  const where = whereFor(place);
  if (where) return { computer, where };
  return {
    computer,
    where: null,
    notHere:
      `This changes ${computer}, which is another computer: RDP Doctor is not running there and is not connected to it, ` +
      `so it will not change anything from here. Make a fix script for ${computer}'s administrator to run there, ` +
      `or connect to ${computer} with PowerShell remoting.`,
  };
}

/**
 * What a fix will do, before it runs. `backupDir`: the folder its run will back up to, as the
 * engine planned it (FixEngine.plannedBackup); null where it is known only when it runs.
 */
export function previewFix(ports: Ports, fixId: FixId, target: Target, backupDir: string | null = null): FixPreview {
  const fix: FixDef = getFix(fixId);
  const place = fixPlace(ports, fix, target);
  return {
    fixId,
    title: fix.title,
    plain: fix.plain,
    changes: fix.changes,
    side: fix.side,
    computer: place.computer,
    canApply: place.where !== null,
    ...(place.notHere ? { notHere: place.notHere } : {}),
    needsAdmin: fix.needsAdmin,
    risk: fix.risk,
    undoPlain: fix.undoPlain,
    ...(fix.temporary ? { revertChoices: REVERT_CHOICES } : {}),
    commands: [
      commandFor(ports, fix.backupScript, backupArgsOf(fix, backupDir ?? readableValueLabels.backupDir, target)),
      commandFor(ports, fix.script, shownChangeArgs(fix.script, backupDir)),
      // Verification re-runs the checks that found the problem, exactly as the scan ran them.
      ...fix.verifies.map((c) => {
        const source = getCheck(c).source;
        return source.kind === 'script' ? commandFor(ports, source.script, checkArgs(c, target)) : `(network check ${c}, run by the app)`;
      }),
    ],
  };
}
