import type { MachineState } from '../../../shared/simulated/machine-state';

/** An instant as the scenarios write one: ISO 8601 in UTC ("2026-11-21T09:00:00.000Z"). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * The scenario's computers on the clock of the computer running the simulation (issue 23): a
 * scenario is written at a fixed moment (its `now`, 09:00 UTC one November morning) so its tests
 * read the same every day, but the wizard shows the app's own times (the journal's, "You tried
 * connecting 9:13 PM") beside the ones the simulated server reports (when a temporary change turns
 * itself back). Windows' clock is the real one, so the simulated computers' must be too: every
 * instant of the state moves by the same amount, which keeps what the checks compare (a
 * certificate expired a week ago, an update installed two days before the first failure, events
 * of the last hour) exactly as the scenario wrote it. The same shift for both computers keeps any
 * difference between their clocks, for a scenario that is about clock skew.
 */
export function onTheClock<M extends { thisPc: MachineState; server: MachineState | null }>(machines: M, now: Date): M {
  const shift = now.getTime() - Date.parse(machines.thisPc.now);
  // A copy, never in place: one object may sit in two places of a state (a certificate in two stores).
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return INSTANT.test(value) ? new Date(Date.parse(value) + shift).toISOString() : value;
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v)]));
    return value;
  };
  return { ...machines, thisPc: move(machines.thisPc) as MachineState, server: machines.server && (move(machines.server) as MachineState) };
}
