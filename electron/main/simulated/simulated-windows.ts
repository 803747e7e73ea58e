import { scripts, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import { WindowsError, type RunOptions, type WindowsPort } from '../ports';
import { ProcessDied } from '../fixes/process-died';
import { elevatedScriptIds } from '../elevation/allow-list';
import type { MachineState } from './machine-state';
import { scenarioState } from './scenarios';
import { simulatedScripts } from './scripts';

/** Faults the robustness tests plant: which script misbehaves, and how. */
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
 * A Windows computer in memory, behind the same port as the PowerShell runner. Arguments and
 * facts pass through the catalog's schemas both ways, as they would on the real machine. Elevated
 * runs behave like the real elevated helper: outside a batch each asks for permission again,
 * inside one the permission is asked once.
 */
export class SimulatedWindows implements WindowsPort {
  readonly description: string;
  readonly state: MachineState;
  faults: Faults = {};
  /** Answer time per script, so progress can be watched (e2e screenshots of the scan). */
  delayMs = 0;
  /** Every run, in order: lets tests assert what ran elevated. */
  readonly runs: Array<{ script: ScriptId; elevated: boolean }> = [];
  /** How many times the user was asked for administrator permission (UAC prompts). */
  prompts = 0;
  private batchDepth = 0;
  private batchElevated = false;

  constructor(readonly scenario: string, state?: MachineState) {
    this.description = `simulated: ${scenario}`;
    this.state = state ?? scenarioState(scenario);
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
        setTimeout(() => reject(new WindowsError('timeout', `PowerShell did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs),
      );
    }
    if (this.faults.failOn === script) throw new WindowsError('script-error', `Simulated failure in ${script}.`);
    return null;
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    this.runs.push({ script, elevated: options.elevated });
    const parsedArgs = scripts[script].args.parse(args) as ScriptArgs<S>;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (options.elevated) this.elevate();
    if (this.faults.killBefore === script) throw new ProcessDied(`before ${script} ran`);
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!this.faults.afterEffect) await this.strike(script, timeoutMs);
    if (!options.elevated && elevatedScriptIds.has(script) && !script.startsWith('backup-')) {
      throw new WindowsError('unavailable', 'This change needs administrator rights.');
    }
    let facts: unknown;
    try {
      facts = simulatedScripts[script](this.state, parsedArgs);
    } catch (err) {
      throw new WindowsError('script-error', err instanceof Error ? err.message : String(err));
    }
    if (this.faults.killAfter === script) throw new ProcessDied(`while ${script} was finishing`);
    if (this.faults.afterEffect) await this.strike(script, timeoutMs);
    return facts;
  }
}
