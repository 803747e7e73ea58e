// STAND-IN: replaced by the listener branch
import type { MachineState } from '../machine-state';
import { startOtherComputer } from '../../../../test/harness/other-computer';

export interface SimulatedListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The server's RDP listener on the wire, as another computer (its own network namespace, a
 * non-loopback address, port 3389). This stand-in ignores the server's state and always answers
 * like a healthy Windows listener (test/harness/healthy-rdp.ts: TLS, a valid certificate); the
 * listener branch derives the answers from the state (issue 20 §2) and replaces this file.
 */
export async function startSimulatedListener(server: MachineState, options: { name?: string } = {}): Promise<SimulatedListener> {
  void server;
  const other = await startOtherComputer(options.name ?? 'office-pc');
  return { host: other.address, port: other.port, close: () => other.close() };
}
