import type { MachineState } from '../../../shared/simulated/machine-state';
import { DAY_MS } from '../../../shared/days';

/** An instant as the scenarios write one: ISO 8601 in UTC ("2026-11-21T09:00:00.000Z"). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

const MINUTE_MS = 60_000;

type Hotfix = { installedOn: string | null };

/**
 * The scenario's computers on the clock of the computer running the simulation (issue 23): a
 * scenario is written at a fixed moment (its `now`, 09:00 UTC one November morning) so its tests
 * read the same every day, but the wizard shows the app's own times (the journal's, "You tried
 * connecting 9:13 PM") beside the ones the simulated server reports (when a temporary change turns
 * itself back). Windows' clock is the real one, so the simulated computers' must be too: every
 * instant of the state moves by the same amount, which keeps what the checks compare (a
 * certificate expired a week ago, events of the last hour) exactly as the scenario wrote it. The
 * same shift for both computers keeps any difference between their clocks, for a scenario that is
 * about clock skew.
 *
 * Windows records an update's install day only, on the computer's own calendar. A shift that is
 * not whole days would move an attempt at 08:00 into the next day while the update's day stays,
 * so "installed the day after it last worked" could become "the same day" depending on when the
 * tests run. The computers therefore get a time zone that takes the part of the shift that is not
 * whole days (at most 12 hours either way): their own clocks read the scenario's time of day, the
 * install days move by whole days, and UTC instants are the real clock's.
 */
export function onTheClock<M extends { thisPc: MachineState; server: MachineState | null }>(machines: M, now: Date): M {
  const shift = now.getTime() - Date.parse(machines.thisPc.now);
  const rest = ((shift % DAY_MS) + DAY_MS) % DAY_MS;
  const zoneMinutes = Math.round((rest <= DAY_MS / 2 ? -rest : DAY_MS - rest) / MINUTE_MS);
  const days = Math.round((shift + zoneMinutes * MINUTE_MS) / DAY_MS);
  // A copy, never in place: one object may sit in two places of a state (a certificate in two stores).
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return INSTANT.test(value) ? new Date(Date.parse(value) + shift).toISOString() : value;
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v)]));
    return value;
  };
  const onDay = <H extends Hotfix>(hotfixes: H[]): H[] =>
    hotfixes.map((h) => ({ ...h, installedOn: h.installedOn && new Date(Date.parse(h.installedOn) + days * DAY_MS).toISOString() }));
  const place = (m: MachineState): MachineState => {
    const moved = move(m) as MachineState;
    return {
      ...moved,
      utcOffsetMinutes: (m.utcOffsetMinutes ?? 0) + zoneMinutes,
      hotfixes: onDay(m.hotfixes),
      client: { ...moved.client, hotfixes: onDay(m.client.hotfixes) },
    };
  };
  return { ...machines, thisPc: place(machines.thisPc), server: machines.server && place(machines.server) };
}
