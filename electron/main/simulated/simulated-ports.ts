import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ports, WindowsPort } from '../ports';
import { probeTarget } from '../probe/probe';
import { MemoryJournal } from '../fixes/journal-file';
import { SimulatedWindows } from './simulated-windows';
import { scenarioComputers, scenarioNames, scenarioState } from './scenarios';
import type { MachineState } from '../../../shared/simulated/machine-state';
import { sharedPool, type ComputerPool } from './computer-pool';
import { simulatedRemote } from '../remote/simulated-remote';
import { RoutingWindows } from '../remote/router';
import { ServerLocator } from '../server-place/locator';
import type { ThisComputer } from '../server-place/this-computer';
import type { DnsFacts } from '../../../shared/network-facts';
import type { ServerAddress } from './listener';
import { simulatedNetwork } from './simulated-network';
import { onTheClock } from './machine-clock';
import { simulatedWindowsPaths } from './windows-paths';

const systemClock = { now: () => new Date() };

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
  /** The port the scan connects to: where the server's listener says it listens (default 3389). */
  targetPort?: number;
  /** Changes to this computer's machine before it starts (the one machine when runsOn is 'server'). */
  editThisPc?: (state: MachineState) => void;
  /** Changes to the server's machine before it starts (runsOn 'client'). */
  editServer?: (state: MachineState) => void;
  /** Where the computers' PowerShell sessions come from (default: the process's shared pool). */
  pool?: ComputerPool;
  /**
   * Where the scenario's server listens (listener/: a loopback port, or another computer's
   * namespace): before each probe they play what the server's state says then, so the wire
   * comes from the state. Without them the probe meets the real network (a test that wants the
   * wire and the state to disagree brings its own `network` and says why).
   */
  listeners?: ServerAddress[] | (() => Promise<ServerAddress[]>);
  /** How the probe resolves names (a test's hosts map); default the system's resolver. */
  resolve?: (host: string) => Promise<DnsFacts>;
  /** Names that resolve to the server's first listener address (`--simulate`'s office-pc). */
  serverNames?: string[];
}

/**
 * Ports for tests, e2e and `--simulate`: simulated computers running the real scripts, the real network code
 * (tests point it at loopback or a namespace), an in-memory journal unless one is given.
 */
export function createSimulatedPorts(scenario: string, overrides: Partial<Ports> = {}, options: SimulationOptions = {}) {
  const pool = options.pool ?? sharedPool();
  const targetPort = options.targetPort ?? 3389;
  const twoComputers = options.runsOn === 'client';
  const planted = twoComputers ? scenarioComputers(scenario) : { thisPc: scenarioState(scenario), server: null };
  options.editThisPc?.(planted.thisPc);
  if (planted.server) options.editServer?.(planted.server);
  // The simulated computers keep the time of day of the computer running them (machine-clock.ts).
  const machines = onTheClock(planted, (overrides.clock ?? systemClock).now());
  // This laptop runs RDP Doctor as its user (checks with a standard token); on a server, and in
  // a remoting session, an administrator does. A test that brings its own Windows for the one
  // computer gets no second PowerShell started for it (made only if the test asks for it).
  let thisPc: SimulatedWindows | null = null;
  const makeThisPc = () =>
    (thisPc ??= new SimulatedWindows(
      pool.take(!twoComputers),
      twoComputers ? SIMULATED_LAPTOP.name : SIMULATED_SERVER.name,
      machines.thisPc,
      targetPort,
    ));
  const server = machines.server ? new SimulatedWindows(pool.take(true), SIMULATED_OFFICE_PC, machines.server, targetPort) : null;
  const local: WindowsPort = overrides.windows && !server ? overrides.windows : makeThisPc();
  const listeners = options.listeners;
  const network =
    listeners && !overrides.network
      ? simulatedNetwork({
          server: server
            ? { windows: server, loaded: machines.server!, name: SIMULATED_OFFICE_PC }
            : { windows: local instanceof SimulatedWindows ? local : null, loaded: machines.thisPc, name: SIMULATED_SERVER.name },
          targetPort,
          addresses: typeof listeners === 'function' ? listeners : async () => listeners,
          resolve: options.resolve,
          serverNames: options.serverNames,
        })
      : null;
  const { ports, journal } = portsFor(local, server, { ...(network ? { network } : {}), ...overrides });
  return {
    ports,
    journal,
    /** Closes the listeners the simulation made itself (a test closes the ones it gave). */
    close: () => network?.close() ?? Promise.resolve(),
    get windows(): SimulatedWindows {
      return makeThisPc();
    },
    get server(): SimulatedWindows {
      return server ?? makeThisPc();
    },
  };
}

/** The simulated server that helpdesk reaches over (simulated) remoting in the two-computer case. */
const SIMULATED_OFFICE_PC = 'OFFICE-PC';

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
    clock: systemClock,
    journal,
    // A folder of this run's own: the fixes' backup scripts write there for real.
    backupDir: mkdtempSync(join(tmpdir(), 'rdpd-sim-backups-')),
    scriptPath: (file) => `C:\\Program Files\\RDP Doctor\\resources\\scripts\\${file}`,
    version: '0.0.0-test',
    platform: 'win32',
    scenarios: scenarioNames,
    remote,
    servers: new ServerLocator(server ? SIMULATED_LAPTOP : SIMULATED_SERVER, remote),
    ...overrides,
  };
  // The simulated computers' folders are shown as the Windows paths they stand for.
  ports.shownPath ??= simulatedWindowsPaths(ports.backupDir);
  return { ports, journal };
}
