import { scripts, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import { WindowsError, type RunOptions, type WindowsPort } from '../ports';
import type { MachineState } from './machine-state';
import { scenarioState } from './scenarios';
import { simulatedScripts } from './scripts';

/** Faults the robustness tests plant: which script misbehaves, and how. */
export interface Faults {
  crashOn?: ScriptId;
  hangOn?: ScriptId;
  failOn?: ScriptId;
}

/**
 * A Windows computer in memory, behind the same port as the PowerShell runner. Arguments and
 * facts pass through the catalog's schemas both ways, as they would on the real machine.
 */
export class SimulatedWindows implements WindowsPort {
  readonly description: string;
  readonly state: MachineState;
  faults: Faults = {};
  /** Answer time per script, so progress can be watched (e2e screenshots of the scan). */
  delayMs = 0;
  /** Every run, in order: lets tests assert what ran elevated. */
  readonly runs: Array<{ script: ScriptId; elevated: boolean }> = [];

  constructor(readonly scenario: string, state?: MachineState) {
    this.description = `simulated: ${scenario}`;
    this.state = state ?? scenarioState(scenario);
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    this.runs.push({ script, elevated: options.elevated });
    const parsedArgs = scripts[script].args.parse(args) as ScriptArgs<S>;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.faults.crashOn === script) {
      throw new WindowsError('crashed', 'The PowerShell process stopped while running the check. It will be restarted.');
    }
    if (this.faults.hangOn === script) {
      const timeoutMs = options.timeoutMs ?? 30_000;
      await new Promise((r) => setTimeout(r, timeoutMs));
      throw new WindowsError('timeout', `PowerShell did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    }
    if (this.faults.failOn === script) throw new WindowsError('script-error', `Simulated failure in ${script}.`);
    if (script.startsWith('fix-') || script.startsWith('undo-')) {
      if (!options.elevated) throw new WindowsError('unavailable', 'This change needs administrator rights.');
    }
    try {
      return simulatedScripts[script](this.state, parsedArgs);
    } catch (err) {
      throw new WindowsError('script-error', err instanceof Error ? err.message : String(err));
    }
  }
}
