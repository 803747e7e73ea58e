import type { MachineState } from '../machine-state';

export interface Scenario {
  title: string;
  /** The cause planted, for tests: the finding id that must come out on top (null when healthy). */
  expectedFinding: string | null;
  state: MachineState;
}
