import { scripts, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import type { RunOptions, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';
import { encodeArgs, invocationLine } from '../powershell/literal';
import { parseScriptOutput, type ScriptSession } from '../powershell/script-runner';
import { scriptSide } from './side';
import { explainRemotingError, type Transport } from './winrm';

/** The wrapper under assets/scripts that runs one script on the remote computer. */
export const REMOTE_WRAPPER = 'invoke-remote.ps1';

/** Invoke-Command sets up a session per call (Kerberos, profile): slower than a local run. */
export const REMOTE_MIN_TIMEOUT_MS = 60_000;

export interface RemoteTarget {
  /** The computer name helpdesk connected to (validated like a target host). */
  host: string;
  transport: Transport;
  /** $env:ProgramData on the server, from the connect call: where remote backups go. */
  programData: string;
}

export type RemoteAction = { action: 'probe' } | { action: 'connect' } | { action: 'run'; script: string; scriptArgs: string };

/**
 * The one line that runs the wrapper: `& '<wrapper>' -EncodedArgs '<base64 JSON>'`. Every value
 * (host, script file name, the script's own arguments) is inside the base64 JSON; the line holds
 * no credentials at all: they travel in the PowerShell process's environment.
 */
export function remoteCommand(wrapperPath: string, host: string, transport: Transport, what: RemoteAction): string {
  return invocationLine(wrapperPath, { ...what, computerName: host, useSsl: transport === 'https' });
}

/** Where a fix's backup goes on the server: its local folder means nothing there. */
export function remoteBackupDir(programData: string, localBackupDir: string): string {
  const name = localBackupDir.split(/[\\/]/).filter(Boolean).at(-1) ?? 'backup';
  return `${programData.replace(/[\\/]+$/, '')}\\RDP Doctor\\backups\\${name}`;
}

/**
 * Runs the server-side catalog scripts on the remote computer over PowerShell remoting, in a
 * PowerShell process of its own that holds the credentials in its environment. The account given
 * is an administrator there (or the fixes fail with access denied): no UAC prompt is involved.
 */
export class RemoteWindows implements WindowsPort {
  readonly description: string;

  constructor(
    private readonly session: ScriptSession,
    private readonly wrapperPath: string,
    readonly target: RemoteTarget,
  ) {
    this.description = `PowerShell remoting to ${target.host}`;
  }

  /** The exact line sent to PowerShell for one script; tests read it. */
  commandFor<S extends ScriptId>(script: S, args: ScriptArgs<S>): string {
    return remoteCommand(this.wrapperPath, this.target.host, this.target.transport, {
      action: 'run',
      script: scripts[script].file,
      scriptArgs: encodeArgs(args),
    });
  }

  /** A backup made over remoting goes to the server's own %ProgramData% (`run` puts it there). */
  backupDirFor(appDir: string): string {
    return remoteBackupDir(this.target.programData, appDir);
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    if (scriptSide(script) !== 'server') {
      throw new WindowsError('bad-request', `${script} looks at this computer; it does not run on ${this.target.host}.`);
    }
    const parsed = scripts[script].args.safeParse(args);
    if (!parsed.success) throw new WindowsError('bad-request', `The arguments for ${script} are not valid.`);
    let sent = parsed.data as Record<string, unknown>;
    if (typeof sent.backupDir === 'string') sent = { ...sent, backupDir: remoteBackupDir(this.target.programData, sent.backupDir) };
    const line = this.commandFor(script, sent as ScriptArgs<S>);
    const timeoutMs = Math.max(options.timeoutMs ?? 0, REMOTE_MIN_TIMEOUT_MS);
    try {
      return parseScriptOutput(await this.session.invoke(line, timeoutMs));
    } catch (err) {
      if (!(err instanceof WindowsError)) throw err;
      if (err.kind !== 'script-error') throw new WindowsError(err.kind, `On ${this.target.host}: ${err.message}`);
      // A remoting failure is explained; an error of the script itself is passed on as it is.
      const explained = explainRemotingError(this.target.host, err.message);
      throw new WindowsError(
        'script-error',
        explained.problem === 'unknown' ? `On ${this.target.host}: ${err.message}` : explained.message,
      );
    }
  }
}
