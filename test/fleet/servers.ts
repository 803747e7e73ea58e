import { SimulatedFleetRemoting, type SimulatedServer } from '../../electron/main/fleet/simulated-remoting';
import { fleetPayload } from '../../electron/cli/check-command';
import { ComputerPool, simulationHost } from '../../electron/main/simulated/computer-pool';
import { scenarioComputers, scenarios } from '../../electron/main/simulated/scenarios';
import type { ProbeReport } from '../../shared/probe-facts';
import { address, cert, report, tls } from '../probe/fixtures';
import { join } from 'node:path';
import type { MachineState } from '../../shared/simulated/machine-state';

/**
 * A simulated helpdesk estate for `check --computers`: servers made from the scenarios (each runs
 * the real scripts under pwsh against its own machine), some with a planted cause, some that
 * remoting cannot reach (with what Invoke-Command says then), some slow, one past its timeout,
 * and the network end each would show to a probe from the helpdesk's computer.
 */

export const SCRIPTS_DIR = join(__dirname, '../../assets/scripts');

/** Planted causes, what the server's checks must find, and what its port looks like from outside. */
export const PLANTED = [
  { scenario: 'firewall-rule-disabled', wire: 'filtered', verdict: 'cause-found' },
  { scenario: 'termservice-stopped', wire: 'refused', verdict: 'cause-found' },
  { scenario: 'rdp-disabled', wire: 'refused', verdict: 'cause-found' },
  { scenario: 'certificate-expired', wire: 'expired-certificate', verdict: 'cause-found' },
  { scenario: 'rdp-wrapper', wire: 'ok', verdict: 'cause-found' },
  { scenario: 'brute-force', wire: 'ok', verdict: 'cause-found' },
  // tspkg.dll older than the 2018 fix proves the update missing on the server itself: every
  // updated client refuses it, so it is likely even without this computer's side.
  { scenario: 'credssp-unpatched', wire: 'ok', verdict: 'cause-found' },
  // Without this computer's side (the fleet has only the servers'), this stays a possible cause.
  { scenario: 'recent-server-update', wire: 'ok', verdict: 'possible-causes' },
] as const;
export type Wire = 'ok' | 'filtered' | 'refused' | 'expired-certificate';

export const expectedFinding = (scenario: string) => scenarios[scenario]!.expectedFinding;

/** What Invoke-Command says (about_Remote_Troubleshooting) when WinRM is off, or the password is wrong. */
export const WINRM_OFF = (name: string) =>
  `Connecting to remote server ${name} failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception for public profiles limits access to remote computers within the same local subnet.`;
export const ACCESS_DENIED = (name: string) =>
  `Connecting to remote server ${name} failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.`;

export interface Estate {
  names: string[];
  servers: Record<string, SimulatedServer>;
  wire: Record<string, Wire>;
  scenarioOf: Record<string, string>;
  kind: Record<string, 'healthy' | 'planted' | 'unreachable' | 'slow' | 'too-slow' | 'unknown' | 'impostor'>;
}

/** `count` servers srv-01.. : planted causes first, then the unreachable, slow and odd ones, the rest healthy. */
export function estate(count: number, options: { slowMs: number; tooSlowMs?: number }): Estate {
  const e: Estate = { names: [], servers: {}, wire: {}, scenarioOf: {}, kind: {} };
  // One machine per scenario, shared by the servers made from it (each still runs the payload).
  const machines = new Map<string, MachineState>();
  const machine = (scenario: string) => machines.get(scenario) ?? machines.set(scenario, scenarioComputers(scenario).server).get(scenario)!;
  for (let i = 1; i <= count; i++) {
    const name = `srv-${String(i).padStart(2, '0')}`;
    e.names.push(name);
    const planted = PLANTED[i - 1];
    const scenario = planted?.scenario ?? 'healthy';
    const server: SimulatedServer = { computerName: name.toUpperCase(), state: machine(scenario) };
    e.scenarioOf[name] = scenario;
    e.wire[name] = planted?.wire ?? 'ok';
    e.kind[name] = planted ? 'planted' : 'healthy';
    const slot = i - PLANTED.length;
    if (slot === 1 || slot === 2) {
      server.unreachable = WINRM_OFF(name);
      e.kind[name] = 'unreachable';
    } else if (slot === 3) {
      server.unreachable = ACCESS_DENIED(name);
      e.kind[name] = 'unreachable';
    } else if (slot === 4 || slot === 5 || slot === 6) {
      server.delayMs = options.slowMs;
      e.kind[name] = 'slow';
    } else if (slot === 7 && options.tooSlowMs !== undefined) {
      server.delayMs = options.tooSlowMs;
      e.kind[name] = 'too-slow';
    } else if (slot === 8) {
      // Answers as another computer (a stale DNS record): its report is refused, not filed under this name.
      server.computerName = 'OTHER-PC';
      e.kind[name] = 'impostor';
    }
    if (slot !== 9) e.servers[name] = server;
    else e.kind[name] = 'unknown';
  }
  return e;
}

/** What the probe from the helpdesk's computer sees of each server's port. */
export function probeOf(wire: Wire): ProbeReport {
  if (wire === 'filtered') {
    return report({ addresses: [], tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'filtered', ms: 3000, error: null }] } });
  }
  if (wire === 'refused') {
    return report({
      addresses: [],
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'refused', ms: 1, error: 'ECONNREFUSED' }] },
    });
  }
  if (wire === 'expired-certificate') {
    return report({
      addresses: [address({ tls: tls({ certificate: cert({ daysLeft: -30, expired: true, validTo: '2026-01-01T00:00:00.000Z' }) }) })],
    });
  }
  return report();
}

export function simulatedRemoting(e: Estate, sessions = 2) {
  const host = simulationHost();
  if (typeof host === 'string') throw new Error(host);
  const pool = new ComputerPool(host);
  return { pool, remoting: new SimulatedFleetRemoting(e.servers, pool, fleetPayload(SCRIPTS_DIR, 3389), sessions) };
}
