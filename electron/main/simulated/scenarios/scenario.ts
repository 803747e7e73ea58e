import type { FixId } from '../../../../shared/catalog/fixes';
import type { MachineState } from '../machine-state';

export interface Scenario {
  title: string;
  /** The cause planted, for tests: the finding id that must come out on top (null when healthy). */
  expectedFinding: string | null;
  /**
   * The server fixes that repair the planted cause: test/catalog/server-fixes.test.ts applies,
   * verifies and undoes each one in this scenario, and fails for a server fix no scenario names.
   */
  repairedBy?: readonly FixId[];
  state: MachineState;
}
