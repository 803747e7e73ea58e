import { join } from 'node:path';
import type { Ports, WindowsPort } from './ports';
import { probeTarget } from './probe/probe';
import { PowerShellSession, windowsPowerShellPath } from './powershell/session';
import { ScriptRunner, UnavailableWindows } from './powershell/script-runner';
import { createSimulatedPorts, portsFor } from './simulated/simulated-ports';
import { scenarioNames } from './simulated/scenarios';
import { ComputerPool, simulationHost } from './simulated/computer-pool';
import { namespaceAddress } from './simulated/listener';
import { JournalFile } from './fixes/journal-file';
import { SCRIPT_TIMEOUT_MS } from './scan/run-check';
import { RoutingWindows } from './remote/router';
import { createRemoteService } from './remote/compose-remote';
import { ElevatedWindows, windowsPipePath } from './elevation/elevated-windows';
import { HELPER_SCRIPT, PowerShellLauncher } from './elevation/launcher';
import { ServerLocator } from './server-place/locator';
import { nodeThisComputer } from './server-place/node-computer';
import { NOT_WINDOWS } from '../../shared/server-place';

export interface AppEnvironment {
  platform: NodeJS.Platform;
  version: string;
  /** --simulate <scenario>: a simulated Windows machine instead of PowerShell. */
  simulate: string | null;
  /** Where the shipped assets/scripts folder is (process.resourcesPath when packaged). */
  scriptsDir: string;
  /** The app's user data folder: journal and backups. */
  userDataDir: string;
  /** True when the app itself runs as administrator, so fixes need no second session. */
  elevated: boolean;
}

/** Reads `--simulate <name>` or `--simulate=<name>` from the command line. */
export function simulateArg(argv: readonly string[]): string | null {
  const i = argv.findIndex((a) => a === '--simulate' || a.startsWith('--simulate='));
  if (i === -1) return null;
  const arg = argv[i] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[i + 1] ?? null);
}

/**
 * Whether this build carries the simulation. What ships (`npm run build`) leaves it out:
 * electron.vite.config.ts replaces the variable with 'left-out', the branch below becomes dead,
 * and the bundler drops simulated/ with its fault hooks. `npm start` builds with it; tests run
 * the sources, where nothing sets the variable.
 */
const SIMULATION_LEFT_OUT = process.env.RDP_DOCTOR_SIMULATION === 'left-out';

/**
 * `--simulate <scenario>`: two computers, this one a Windows 11 laptop and the server another.
 * Each runs the real scripts against a fake Windows (test/fake-windows) holding that computer, in
 * pwsh. A packaged build has no fake Windows: there the simulation says so on every check.
 */
function simulatedPorts(env: AppEnvironment, shared: Partial<Ports>): Ports {
  const host = simulationHost(env.scriptsDir);
  if (typeof host === 'string') {
    return { ...portsFor(new UnavailableWindows(host), null, shared).ports, scenarios: scenarioNames };
  }
  const pool = new ComputerPool(host);
  // The server office-pc is another computer: a network namespace on 3389 whose listener answers
  // as its state says. A namespace needs Linux and root; elsewhere the probe meets the real
  // network (type a real server's name to probe it).
  const sim = createSimulatedPorts(env.simulate!, shared, {
    runsOn: 'client',
    pool,
    listeners: async () => {
      try {
        return [await namespaceAddress(3389)];
      } catch {
        return [];
      }
    },
    serverNames: ['office-pc'],
  });
  sim.windows.computer.runsAsAdministrator = env.elevated;
  return {
    ...sim.ports,
    dispose: async () => {
      await sim.close();
      await pool.dispose();
    },
  };
}

function windowsPort(env: AppEnvironment): WindowsPort {
  if (env.platform !== 'win32') {
    return new UnavailableWindows(`${NOT_WINDOWS} The network checks above still apply.`);
  }
  const session = new PowerShellSession({ executable: windowsPowerShellPath(), timeoutMs: SCRIPT_TIMEOUT_MS });
  const scriptPath = (file: string) => join(env.scriptsDir, file);
  // Fixes that need an administrator always go through the helper, even when the app itself runs
  // as administrator (then Windows starts it without a prompt): only the helper keeps their
  // backups where a standard user cannot plant one (docs/security.md).
  return new ElevatedWindows({
    unelevated: new ScriptRunner(session, scriptPath, null),
    launcher: new PowerShellLauncher(session, scriptPath(HELPER_SCRIPT)),
    pipePath: windowsPipePath,
  });
}

const backupDir = (env: AppEnvironment) => join(env.userDataDir, 'backups');

/** Builds the real ports for the running app (the e2e tests build their own). */
export function createPorts(env: AppEnvironment): Ports {
  const shared = {
    journal: new JournalFile(join(env.userDataDir, 'journal.json')),
    backupDir: backupDir(env),
    scriptPath: (file: string) => join(env.scriptsDir, file),
    version: env.version,
    platform: env.platform,
  };
  // --simulate: two simulated computers, this one a Windows 11 laptop and the server another.
  if (env.simulate && !SIMULATION_LEFT_OUT) return simulatedPorts(env, shared);
  const windows: WindowsPort = env.simulate
    ? new UnavailableWindows(
        'This build of RDP Doctor leaves the simulation out; `npm start -- --simulate <scenario>` in a checkout builds it in.',
      )
    : windowsPort(env);
  // Server-side runs go to the server while helpdesk has a PowerShell remoting session open.
  const remote = createRemoteService(env);
  return {
    windows: new RoutingWindows(windows, remote),
    remote,
    servers: new ServerLocator(nodeThisComputer(), remote),
    network: { probe: probeTarget },
    clock: { now: () => new Date() },
    // Scenarios are the simulation's; a real computer has none.
    scenarios: [],
    ...shared,
  };
}
