import type { Ports } from '../ports';
import { probeTarget } from '../probe/probe';
import { MemoryJournal } from '../fixes/journal-file';
import { SimulatedWindows } from './simulated-windows';
import { scenarioNames } from './scenarios';
import { simulatedRemote } from '../remote/simulated-remote';

/**
 * Ports for tests and e2e: a simulated Windows machine for the scripts, the real network code
 * (tests point it at loopback), an in-memory journal unless one is given.
 */
export function createSimulatedPorts(scenario: string, overrides: Partial<Ports> = {}) {
  const windows = new SimulatedWindows(scenario);
  const journal = new MemoryJournal();
  const ports: Ports = {
    windows,
    network: { probe: probeTarget },
    clock: { now: () => new Date() },
    journal,
    backupDir: 'C:\\ProgramData\\RDP Doctor\\backups',
    scriptPath: (file) => `C:\\Program Files\\RDP Doctor\\resources\\scripts\\${file}`,
    version: '0.0.0-test',
    platform: 'win32',
    scenarios: scenarioNames,
    remote: simulatedRemote(),
    ...overrides,
  };
  return { ports, windows, journal };
}
