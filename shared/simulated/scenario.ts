import type { FixId } from '../catalog/types';
import type { MachineState } from './machine-state';
import type { ClientState } from './client-state';
import { healthy } from './healthy';
import { healthyClient } from './healthy-client';

/*
 * A scenario: a healthy machine with a cause planted, as data. Each check's folder plants its own
 * (shared/checks/<check-id>/scenarios.ts); electron/main/simulated/scenarios.ts lists them for
 * `--simulate` and the tests.
 */

export interface FixFaults {
  apply: readonly string[];
  undo: string | null;
}

export interface Scenario {
  title: string;
  /** The cause planted, for tests: the finding id that must come out on top (null when healthy). */
  expectedFinding: string | null;
  /**
   * The fixes that repair the planted cause: test/catalog/server-fixes.test.ts and
   * client-fixes.test.ts apply, verify and undo each one in this scenario (they fail for a fix no
   * scenario names), and test/safety/ breaks it at every step in the first scenario that names it.
   */
  repairedBy?: readonly FixId[];
  /**
   * For a fix in repairedBy, the commands whose failure test/powershell/scripts.test.ts injects
   * into its apply, and once into its undo ("name" = the next call, "name@2" = the second), on
   * the computer of this scenario the fix changes: the first scenario that names a fix here is
   * where its scripts are backed up, applied, verified, undone and broken halfway.
   */
  faults?: { readonly [F in FixId]?: FixFaults };
  state: MachineState;
}

/** A copy of the healthy machine with one cause planted by `change`. */
export function plant(change: (s: MachineState) => void): MachineState {
  const s = structuredClone(healthy);
  change(s);
  return s;
}

/*
 * Causes planted on this computer (the client). The tests scan 127.0.0.1 (a loopback listener
 * stands for the server), so what concerns "this server" names 127.0.0.1.
 */
export const TARGET = '127.0.0.1';

/** The healthy machine with this computer's state changed by `client`. */
export const withClient = (client: Partial<ClientState>): MachineState => ({ ...healthy, client: { ...healthyClient, ...client } });

/** One connection attempt in this computer's Remote Desktop log (1024, then 1027 and 1026, or 1026 with the reason). */
export const attempt = (n: number, start: string, server: string, outcome: { connected: true } | { reason: number }) => {
  const activityId = `b0000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
  const t = Date.parse(start);
  const at = (s: number) => new Date(t + s * 1000).toISOString();
  return [
    { id: 1024 as const, time: at(0), activityId, server, reason: null },
    ...('connected' in outcome
      ? [
          { id: 1027 as const, time: at(4), activityId, server: null, reason: null },
          { id: 1026 as const, time: at(3600), activityId, server: null, reason: 1 },
        ]
      : [{ id: 1026 as const, time: at(1), activityId, server: null, reason: outcome.reason }]),
  ];
};
