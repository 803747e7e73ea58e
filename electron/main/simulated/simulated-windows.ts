import { scripts, type ScriptArgs, type ScriptFacts, type ScriptId } from '../../../shared/catalog/scripts';
import { WindowsError, type RunOptions, type WindowsPort } from '../ports';
import { ProcessDied } from '../fixes/process-died';
import type { FakeWindowsComputer } from './fake-windows-port';
import type { MachineState } from '../../../shared/simulated/machine-state';

/** Faults the robustness tests plant around a run: which script misbehaves, and how. */
export interface Faults {
  /** The PowerShell session dies while running this script. */
  crashOn?: ScriptId;
  /** This script never answers; the run gives up after its timeout. */
  hangOn?: ScriptId;
  /** This script reports an error. */
  failOn?: ScriptId;
  /**
   * crashOn / hangOn / failOn strike after the script has made its change, as a fix that dies
   * half-way does; otherwise before it touches anything.
   */
  afterEffect?: boolean;
  /** The app is killed just before this script would run (throws ProcessDied). */
  killBefore?: ScriptId;
  /** The app is killed after this script made its change, before the answer arrives. */
  killAfter?: ScriptId;
  /** The user answers "No" to the administrator (UAC) prompt. */
  declineElevation?: boolean;
}

/**
 * A simulated Windows computer: the real scripts run in PowerShell against the fake Windows
 * (test/fake-windows) holding one machine. Around each run it plays what the real app meets
 * outside the script: the UAC prompt of the elevated helper (outside a batch each elevated run
 * asks again, inside one the permission is asked once), a declined prompt, and the faults the
 * robustness tests plant (a crash, a hang, an error, the app killed before or after a change).
 */
export class SimulatedWindows implements WindowsPort {
  readonly description: string;
  faults: Faults = {};
  /** Answer time per script, so progress can be watched (e2e screenshots of the scan). */
  delayMs = 0;
  /** Every run, in order: lets tests assert what ran elevated. */
  readonly runs: Array<{ script: ScriptId; elevated: boolean }> = [];
  /** How many times the user was asked for administrator permission (UAC prompts). */
  prompts = 0;
  private batchDepth = 0;
  private batchElevated = false;
  private readonly loaded: Promise<void>;

  constructor(
    readonly computer: FakeWindowsComputer,
    readonly name: string,
    state: MachineState,
    targetPort: number,
  ) {
    this.description = `simulated: ${name}`;
    this.loaded = computer.load(state, name, targetPort);
    // A failed load shows on the first run; not as an unhandled rejection.
    this.loaded.catch(() => undefined);
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.batchDepth += 1;
    try {
      return await work();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0) this.batchElevated = false;
    }
  }

  private elevate(): void {
    if (this.batchDepth > 0 && this.batchElevated) return;
    this.prompts += 1;
    if (this.faults.declineElevation) throw new WindowsError('cancelled', 'The administrator permission prompt was declined.');
    if (this.batchDepth > 0) this.batchElevated = true;
  }

  private strike(script: ScriptId, timeoutMs: number): Promise<never> | null {
    if (this.faults.crashOn === script) {
      throw new WindowsError('crashed', 'The PowerShell process stopped while running the check. It will be restarted.');
    }
    if (this.faults.hangOn === script) {
      return new Promise((_, reject) =>
        setTimeout(
          () => reject(new WindowsError('timeout', `PowerShell did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
          timeoutMs,
        ),
      );
    }
    if (this.faults.failOn === script) throw new WindowsError('script-error', `Simulated failure in ${script}.`);
    return null;
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    this.runs.push({ script, elevated: options.elevated });
    await this.loaded;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (options.elevated) this.elevate();
    if (this.faults.killBefore === script) throw new ProcessDied(`before ${script} ran`);
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!this.faults.afterEffect) await this.strike(script, timeoutMs);
    const facts = await this.computer.run(script, args, options);
    if (this.faults.killAfter === script) throw new ProcessDied(`while ${script} was finishing`);
    if (this.faults.afterEffect) await this.strike(script, timeoutMs);
    return facts;
  }

  /**
   * What the machine's own check script reports now, run with an administrator's token and
   * outside the prompt and fault bookkeeping: how tests look at the machine, as a user would.
   */
  async facts<S extends ScriptId>(script: S, args: ScriptArgs<S> = {} as ScriptArgs<S>): Promise<ScriptFacts<S>> {
    await this.loaded;
    const raw = await this.computer.run(script, args, { elevated: true, timeoutMs: 30_000 });
    return scripts[script].facts.parse(raw) as ScriptFacts<S>;
  }

  /** The whole machine (its state and every file on its disk), to compare before and after. */
  async snapshot(): Promise<MachineSnapshot> {
    await this.loaded;
    return (await this.computer.snapshot()) as MachineSnapshot;
  }

  /** The next call of a Windows command fails (see FakeWindowsComputer.injectFault). */
  async injectFault(command: string): Promise<void> {
    await this.loaded;
    await this.computer.injectFault(command);
  }
}

/** Get-FakeMachineSnapshot: the machine's state sections, its described files, and its disk. */
export type MachineSnapshot = Record<string, unknown> & { files?: Record<string, unknown>; disk?: Record<string, string> };
