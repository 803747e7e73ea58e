import type { Ports, WindowsPort } from '../ports';
import { probeTarget } from '../probe/probe';
import { MemoryJournal } from '../fixes/journal-file';
import { SimulatedWindows } from './simulated-windows';
import { scenarioComputers, scenarioNames, scenarioState } from './scenarios';
import { simulatedRemote } from '../remote/simulated-remote';
import { RoutingWindows } from '../remote/router';
import { ServerLocator } from '../server-place/locator';
import type { ThisComputer } from '../server-place/this-computer';

/** The simulated laptop: the client of the two-computer scenarios. A non-ASCII owner, as many have. */
export const SIMULATED_LAPTOP: ThisComputer = {
  name: 'LAPTOP-JÜRGEN',
  dnsName: null,
  addresses: () => ['127.0.0.1', '::1', '192.168.178.23', 'fe80::1c2d:3e4f:5a6b:7c8d'],
};

/** The simulated server, when RDP Doctor runs on the server itself. */
export const SIMULATED_SERVER: ThisComputer = {
  name: 'SRV-APP01',
  dnsName: 'srv-app01.corp.example',
  addresses: () => ['127.0.0.1', '::1', '10.20.30.40'],
};

export interface SimulationOptions {
  /**
   * 'server' (default for tests of the fixes themselves): RDP Doctor runs on the scenario's server,
   * one machine, and scans it by a loopback address. 'client': two computers, RDP Doctor on a
   * Windows 11 laptop and the server another machine, as for most users.
   */
  runsOn?: 'server' | 'client';
}

/**
 * Ports for tests, e2e and `--simulate`: simulated Windows for the scripts, the real network code
 * (tests point it at loopback or a namespace), an in-memory journal unless one is given.
 */
export function createSimulatedPorts(scenario: string, overrides: Partial<Ports> = {}, options: SimulationOptions = {}) {
  const twoComputers = options.runsOn === 'client';
  const machines = twoComputers ? scenarioComputers(scenario) : null;
  const windows = new SimulatedWindows(scenario, machines?.thisPc ?? scenarioState(scenario));
  const server = machines ? new SimulatedWindows(scenario, machines.server) : windows;
  const { ports, journal } = portsFor(windows, machines ? server : null, overrides);
  return { ports, windows, server, journal };
}

/** The simulated server that helpdesk reaches over (simulated) remoting in the two-computer case. */
export const SIMULATED_OFFICE_PC = 'OFFICE-PC';

/**
 * The ports around simulated computers: this one, and the server when it is another computer
 * (reached over simulated remoting, any user name and password); null when RDP Doctor runs on the
 * server itself.
 */
export function portsFor(thisPc: WindowsPort, server: WindowsPort | null, overrides: Partial<Ports> = {}) {
  const journal = new MemoryJournal();
  const remote = overrides.remote ?? simulatedRemote(server ? { computerName: SIMULATED_OFFICE_PC, machine: server } : undefined);
  const ports: Ports = {
    windows: server ? new RoutingWindows(thisPc, remote) : thisPc,
    network: { probe: probeTarget },
    clock: { now: () => new Date() },
    journal,
    backupDir: 'C:\\ProgramData\\RDP Doctor\\backups',
    scriptPath: (file) => `C:\\Program Files\\RDP Doctor\\resources\\scripts\\${file}`,
    version: '0.0.0-test',
    platform: 'win32',
    scenarios: scenarioNames,
    remote,
    servers: new ServerLocator(server ? SIMULATED_LAPTOP : SIMULATED_SERVER, remote),
    ...overrides,
  };
  return { ports, journal };
}
