import { CommandBlock } from './CommandBlock';
import { scriptRunLine } from './script-run-line';
import { timerWords } from './RevertChoice';
import type { RevertAfter } from '../../../shared/catalog/script-def';

/**
 * The exact lines that run a saved fix script on the server and undo it, so a helpdesk tech can
 * read them to whoever sits at the server (the same pattern as the check script's line).
 */
export function FixScriptRunLines({
  fileName,
  server,
  weakens,
  revertAfterMinutes,
}: {
  fileName: string;
  server: string;
  weakens: boolean;
  /** The time the script was saved with, for its temporary fixes; undefined when it has none. */
  revertAfterMinutes?: RevertAfter;
}) {
  return (
    <div className="fix-script-run" data-fix-script-run={fileName}>
      <p>
        On {server}, copy {fileName} into a folder and run this line there, in PowerShell opened as administrator:
      </p>
      <CommandBlock
        command={weakens ? scriptRunLine(fileName, '-AcceptSecurityChange') : scriptRunLine(fileName)}
        label={`Command to run the fix script on ${server}`}
      />
      {revertAfterMinutes !== undefined && (
        <p data-script-revert-after={String(revertAfterMinutes)}>
          {revertAfterMinutes === null
            ? 'Its temporary change stays until the script is run again with -Undo.'
            : `${server} undoes its temporary change by itself ${timerWords(revertAfterMinutes)} after the script runs.`}
        </p>
      )}
      <p>To undo everything it changed, run it again with -Undo:</p>
      <CommandBlock command={scriptRunLine(fileName, '-Undo')} label={`Command to undo the fix script on ${server}`} />
    </div>
  );
}
