import type { ClientState } from './client-state';
import type { ServerState } from './server-state';

/**
 * A simulated scenario: the server's state at the top level (the first checks were all server
 * checks), this computer's under `client`, and the files the scripts wrote (backups).
 */
export interface MachineState extends ServerState {
  /** The simulated "now": certificate expiry is judged against it. */
  now: string;
  /**
   * The computer's time zone, in minutes ahead of UTC (Get-TimeZone); UTC when absent. Windows
   * records an update's install day in it, so the days of the checks follow it.
   */
  utcOffsetMinutes?: number;
  client: ClientState;
  /** Files the scripts wrote (backups): path -> content. */
  files: Record<string, string>;
}
