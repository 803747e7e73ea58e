import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScriptArgs, ScriptId } from '../../../shared/catalog/scripts';
import type { RunOptions, WindowsPort } from '../ports';
import { psLiteral } from '../powershell/literal';
import { PowerShellSession } from '../powershell/session';
import { ScriptRunner } from '../powershell/script-runner';
import { fakeMachineOf } from './fake-machine';
import type { MachineState } from '../../../shared/simulated/machine-state';

export interface FakeComputerOptions {
  /** pwsh (Linux, macOS) or powershell.exe. */
  executable: string;
  /** The real scripts (assets/scripts). */
  scriptsDir: string;
  /** test/fake-windows/FakeWindows.psm1: the Windows-only commands, answered from the machine state. */
  fakeModule: string;
  timeoutMs: number;
  /** RDP Doctor itself runs as administrator: checks too run with an administrator's token. */
  runsAsAdministrator: boolean;
}

const WHOLE_SCRIPT_TIMEOUT_MS = 180_000;

/** The start of a simulated computer's folder name in the temp folder (its C: drive is in it). */
export const MACHINE_FOLDER_PREFIX = 'rdp-doctor-simulated-';

/** A switch (`-Undo`: a parameter name, letters only) stays bare; every other value is a literal. */
const argument = (value: string) => (/^-[A-Za-z]+$/.test(value) ? value : psLiteral(value));

/**
 * A simulated Windows computer that runs the real scripts: a PowerShell session (pwsh off
 * Windows) with the fake Windows module imported and a scenario computer's machine state loaded.
 * Every change a fix makes is written to that state, so a later check sees it. Elevated runs run
 * with an administrator's token (the UAC prompt itself is not simulated here).
 */
export class FakeWindowsComputer implements WindowsPort {
  description: string;
  private readonly session: PowerShellSession;
  private readonly runner: ScriptRunner;
  /** The line that loads the current machine (run again after a restart of the session). */
  private loadLine = '';
  /** A run is two lines (token, then script): one run at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** RDP Doctor runs as administrator here: checks too run with an administrator's token. */
  runsAsAdministrator: boolean;

  constructor(private readonly options: FakeComputerOptions) {
    this.runsAsAdministrator = options.runsAsAdministrator;
    this.description = 'simulated (real scripts, pwsh)';
    const importLine = `Import-Module -Name ${psLiteral(options.fakeModule)}`;
    this.session = new PowerShellSession({
      executable: options.executable,
      timeoutMs: options.timeoutMs,
      setup: () => `${importLine}; ${this.loadLine}`,
    });
    this.runner = new ScriptRunner(this.session, (file) => join(options.scriptsDir, file), this.session);
  }

  /**
   * Makes this the given scenario computer: its machine state written to a folder of its own and
   * loaded into the session (which is reused: a PowerShell start costs more than a scan).
   */
  load(state: MachineState, name: string, targetPort: number): Promise<void> {
    return this.exclusive(async () => {
      // The machine before this one is gone for good: its folder with it.
      await this.removeMachineDir();
      const dir = await mkdtemp(join(tmpdir(), MACHINE_FOLDER_PREFIX));
      this.machineDir = dir;
      const machinePath = join(dir, 'machine.json');
      const root = join(dir, 'C');
      mkdirSync(root);
      await writeFile(machinePath, JSON.stringify(fakeMachineOf(state, { name, targetPort })));
      this.description = `simulated: ${name} (real scripts, pwsh)`;
      this.loadLine = `Use-FakeMachine -Path ${psLiteral(machinePath)} -Root ${psLiteral(root)}`;
      await this.session.invoke(this.loadLine);
    });
  }

  /** The folder of the machine loaded now: its state file and its C: drive. */
  private machineDir: string | null = null;

  /**
   * Tests: the machine's state file and C: folder, for another PowerShell process to load (what
   * happens on this computer while RDP Doctor is gone: its scheduled tasks firing).
   */
  machineFiles(): { statePath: string; root: string } | null {
    return this.machineDir ? { statePath: join(this.machineDir, 'machine.json'), root: join(this.machineDir, 'C') } : null;
  }

  /** Tests: loads the machine again from its state file, after another process changed it. */
  reload(): Promise<void> {
    return this.exclusive(async () => {
      await this.session.invoke(this.loadLine);
    });
  }

  private async removeMachineDir(): Promise<void> {
    const dir = this.machineDir;
    this.machineDir = null;
    // A process the machine started (a helper past its timeout, a fired task) may still be writing
    // there: Node retries ENOTEMPTY / EBUSY when told to (fs.rm's maxRetries).
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    return this.exclusive(async () => {
      // The app running as administrator runs everything with an administrator's token.
      const elevated = options.elevated || this.runsAsAdministrator;
      await this.session.invoke(`Set-FakeElevation -Elevated $${elevated ? 'true' : 'false'}`);
      return this.runner.run(script, args, options);
    });
  }

  /**
   * Runs a whole generated script on this machine as `Invoke-Command -ComputerName <it> -FilePath
   * <script> -ArgumentList <positional>` runs it there (the fleet's -Report payload): positional
   * arguments, an administrator's token (a remoting session of an administrator is not filtered by
   * UAC), $env:COMPUTERNAME the machine's name (and `env`). Its output and exit code; every value
   * enters as psLiteral.
   */
  runScriptFile(
    path: string,
    positional: readonly string[],
    computerName: string,
    env: Readonly<Record<string, string>> = {},
  ): Promise<{ output: string; exitCode: number }> {
    return this.exclusive(async () => {
      const setEnv = Object.entries({ COMPUTERNAME: computerName, ...env }).map(
        ([k, v]) => `[Environment]::SetEnvironmentVariable(${psLiteral(k)}, ${psLiteral(v)})`,
      );
      await this.session.invoke(['Set-FakeElevation -Elevated $true', ...setEnv, '$global:LASTEXITCODE = 0'].join('; '));
      const { stdout } = await this.session.invoke(
        `& ${psLiteral(path)} ${positional.map(argument).join(' ')}; [Console]::Out.WriteLine('RDP-DOCTOR-EXIT ' + $LASTEXITCODE)`,
        // A whole script is many checks in one call: more than one check's time.
        Math.max(this.options.timeoutMs, WHOLE_SCRIPT_TIMEOUT_MS),
      );
      const at = stdout.lastIndexOf('RDP-DOCTOR-EXIT ');
      return { output: at === -1 ? stdout : stdout.slice(0, at), exitCode: at === -1 ? -1 : Number.parseInt(stdout.slice(at + 16), 10) };
    });
  }

  /** The whole machine as the fake sees it (state and files), for before/after comparisons. */
  snapshot(): Promise<unknown> {
    return this.exclusive(
      async () => JSON.parse((await this.session.invoke('[Console]::Out.WriteLine((Get-FakeMachineSnapshot))')).stdout.trim()) as unknown,
    );
  }

  /** Tests: the next call of `command` fails ("cmd@2": the second; "cmd!crash": PowerShell dies). */
  injectFault(command: string): Promise<void> {
    return this.exclusive(async () => {
      await this.session.invoke(`Add-FakeFault -Command ${psLiteral(command)}`);
    });
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
    await this.removeMachineDir();
  }
}
