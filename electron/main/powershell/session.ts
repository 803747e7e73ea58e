import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PowerShell } from 'node-powershell';
import { WindowsError } from '../windows-error';

export interface SessionOptions {
  /** Absolute path of the shell. On Windows: %SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe. */
  executable: string;
  /** Per-call limit; node-powershell's own timeout leaves the command running, so we dispose. */
  timeoutMs: number;
  /**
   * Extra environment variables for the process, read at each start (a restart after a timeout
   * gets them again). The remote session passes its credentials this way, never as command text.
   */
  env?: () => NodeJS.ProcessEnv;
  /**
   * A line run after each start, before any script (a restart runs it again). `--simulate` uses
   * it to import the fake Windows module and load a scenario's machine.
   */
  setup?: () => string;
}

export interface InvokeResult {
  stdout: string;
  stderr: string;
}

export function windowsPowerShellPath(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
  return `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

/**
 * PowerShell 7 (`pwsh`) where there is no Windows PowerShell (Linux, macOS): $PWSH, else the
 * first `pwsh` on PATH, else where `dotnet tool install --global PowerShell` puts it. Null when
 * none is installed. Only `--simulate` and the tests use it: off Windows there is no Windows to
 * check.
 */
export function pwshPath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [env.PWSH, ...dirs.map((dir) => join(dir, 'pwsh')), env.HOME ? join(env.HOME, '.dotnet', 'tools', 'pwsh') : undefined];
  return candidates.find((c): c is string => Boolean(c) && exists(c!)) ?? null;
}

/**
 * pwsh off Windows writes the terminal's keypad-mode sequences (ESC[?1h ESC[?1l) to stdout
 * around each command unless the terminal has none: they would end up after a script's JSON.
 */
const UNIX_TERMINAL: NodeJS.ProcessEnv = process.platform === 'win32' ? {} : { TERM: 'dumb' };

/** node-powershell keeps its child private; we need it to see a crash and to kill on timeout. */
const childOf = (shell: PowerShell) => (shell as unknown as { process: ChildProcess }).process;

/** Makes the session speak UTF-8 both ways, so non-ASCII paths and names survive. */
const PRELUDE =
  "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; $OutputEncoding = [System.Text.Encoding]::UTF8; $ProgressPreference = 'SilentlyContinue'";

/**
 * One long-lived PowerShell process reused for every read-only check (a start costs ~1 s on
 * Windows). A call that times out kills the process; a crashed process is replaced on the next
 * call. Failures come out as WindowsError with a kind the UI can word.
 */
export class PowerShellSession {
  private shell: PowerShell | null = null;
  private starting: Promise<PowerShell> | null = null;
  /** How many processes this session has started: tests and the log read it. */
  starts = 0;

  constructor(private readonly options: SessionOptions) {}

  private async ensure(): Promise<PowerShell> {
    if (this.shell) return this.shell;
    this.starting ??= (async () => {
      const shell = new PowerShell({
        executable: this.options.executable,
        executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
        spawnOptions: { windowsHide: true, env: { ...process.env, ...UNIX_TERMINAL, ...this.options.env?.() } },
        throwOnInvocationError: false,
        inputEncoding: 'utf-8',
        outputEncoding: 'utf-8',
      } as ConstructorParameters<typeof PowerShell>[0]);
      this.starts += 1;
      // The process may die before we ever use it (bad path, crash): forget it then.
      childOf(shell).once('exit', () => {
        if (this.shell === shell) this.shell = null;
      });
      childOf(shell).once('error', () => {
        if (this.shell === shell) this.shell = null;
      });
      this.shell = shell;
      await this.call(shell, PRELUDE, this.options.timeoutMs);
      if (this.options.setup) await this.call(shell, this.options.setup(), this.options.timeoutMs);
      return shell;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async call(shell: PowerShell, line: string, timeoutMs: number): Promise<InvokeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WindowsError('timeout', `PowerShell did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
        timeoutMs,
      );
    });
    try {
      const record = await Promise.race([shell.invoke(line), timeout]);
      if (childOf(shell).exitCode !== null || childOf(shell).signalCode !== null) {
        throw new WindowsError('crashed', 'The PowerShell process stopped while running the check.');
      }
      return {
        stdout: record.stdout?.toString('utf8') ?? '',
        stderr: record.stderr?.toString('utf8') ?? '',
      };
    } catch (err) {
      if (err instanceof WindowsError) {
        if (err.kind === 'timeout') await this.kill(shell);
        else if (err.kind === 'crashed') this.forget(shell);
        throw err;
      }
      this.forget(shell);
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new WindowsError('crashed', `The PowerShell process stopped unexpectedly (${message}). It will be restarted.`);
    } finally {
      clearTimeout(timer);
    }
  }

  private forget(shell: PowerShell) {
    if (this.shell === shell) this.shell = null;
  }

  private async kill(shell: PowerShell) {
    this.forget(shell);
    try {
      childOf(shell).kill('SIGKILL');
      await shell.dispose('SIGKILL').catch(() => undefined);
    } catch {
      // already gone
    }
  }

  async invoke(line: string, timeoutMs = this.options.timeoutMs): Promise<InvokeResult> {
    let shell: PowerShell;
    try {
      shell = await this.ensure();
    } catch (err) {
      if (err instanceof WindowsError) throw err;
      throw new WindowsError('unavailable', `PowerShell could not be started (${String(err)}).`);
    }
    return this.call(shell, line, timeoutMs);
  }

  async dispose(): Promise<void> {
    const shell = this.shell;
    this.shell = null;
    if (shell) await shell.dispose().catch(() => undefined);
  }
}
