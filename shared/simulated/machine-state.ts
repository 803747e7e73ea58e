import type { ClientState } from './client-state';
import type { ServerState } from './server-state';

/**
 * A simulated scenario: the server's state at the top level (the first checks were all server
 * checks), this computer's under `client`, and the files the scripts wrote (backups).
 */
export interface MachineState extends ServerState {
  /** The simulated "now": certificate expiry is judged against it. */
  now: string;
  client: ClientState;
  /** Files the scripts wrote (backups): path -> content. */
  files: Record<string, string>;
}
