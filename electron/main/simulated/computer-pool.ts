import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pwshPath } from '../powershell/session';
import { SCRIPT_TIMEOUT_MS } from '../scan/run-check';
import { FakeWindowsComputer } from './fake-windows-port';

/** Where the real scripts and the fake Windows module are, and which PowerShell runs them. */
export interface SimulationHost {
  executable: string;
  scriptsDir: string;
  fakeModule: string;
}

const FAKE_MODULE = join('test', 'fake-windows', 'FakeWindows.psm1');

/** The checkout this code runs from: the nearest folder above it holding the fake Windows module. */
function checkoutRoot(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, FAKE_MODULE)) && existsSync(join(dir, 'assets', 'scripts'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The simulation's PowerShell and files, from a checkout (tests, e2e, benches, `npm start --
 * --simulate`). Null with the reason where they are missing: a packaged build ships neither the
 * fake Windows module nor, off Windows, PowerShell.
 */
export function simulationHost(scriptsDir?: string): SimulationHost | string {
  const root = checkoutRoot();
  if (!root) return 'The simulation runs from a checkout of RDP Doctor: test/fake-windows is not part of a packaged build.';
  const executable = pwshPath();
  if (!executable)
    return 'The simulation runs the real scripts in PowerShell 7, and pwsh was not found (dotnet tool install --global PowerShell --version 7.6.9).';
  return { executable, scriptsDir: scriptsDir ?? join(root, 'assets', 'scripts'), fakeModule: join(root, FAKE_MODULE) };
}

/**
 * PowerShell sessions with the fake Windows imported, kept warm between simulated computers: a
 * session costs more to start than a scan costs to run. A computer handed out stays with its
 * user until `recycle()` (the end of a test), then it is loaded with the next machine.
 */
export class ComputerPool {
  private readonly idle: FakeWindowsComputer[] = [];
  private readonly busy = new Set<FakeWindowsComputer>();

  constructor(private readonly host: SimulationHost) {}

  take(runsAsAdministrator: boolean): FakeWindowsComputer {
    const computer = this.idle.pop() ?? new FakeWindowsComputer({ ...this.host, timeoutMs: SCRIPT_TIMEOUT_MS, runsAsAdministrator });
    computer.runsAsAdministrator = runsAsAdministrator;
    this.busy.add(computer);
    return computer;
  }

  /** Every computer handed out is free again (their next `load` replaces the machine). */
  recycle(): void {
    for (const c of this.busy) this.idle.push(c);
    this.busy.clear();
  }

  async dispose(): Promise<void> {
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(all.map((c) => c.dispose()));
  }
}

let shared: ComputerPool | null = null;

/** The process's pool (tests and e2e recycle it after each test and dispose of it at the end). */
export function sharedPool(): ComputerPool {
  if (shared) return shared;
  const host = simulationHost();
  if (typeof host === 'string') throw new Error(host);
  shared = new ComputerPool(host);
  return shared;
}

export function recycleSimulatedComputers(): void {
  shared?.recycle();
}

export async function disposeSimulatedComputers(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.dispose();
}
