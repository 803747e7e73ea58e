import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FixId } from '../../shared/catalog/fixes';
import type { Ports } from '../../electron/main/ports';
import { createSimulatedPorts, type SimulationOptions } from '../../electron/main/simulated/simulated-ports';
import type { MachineSnapshot } from '../../electron/main/simulated/simulated-windows';

/**
 * Where the simulated computers' fixes keep their backups: a real folder, one per test file
 * (each backup gets a subfolder named by its journal id), removed when the file is done. The
 * simulation's default, C:\ProgramData\RDP Doctor\backups, names a drive that pwsh off Windows
 * does not have, so every backup there fails with "Cannot find drive".
 */
const backups = mkdtempSync(join(tmpdir(), 'rdpd-test-backups-'));
afterAll(() => rmSync(backups, { recursive: true, force: true }));

/** createSimulatedPorts, with the fixes' backups in a real folder. */
export function simulate(scenario: string, overrides: Partial<Ports> = {}, options: SimulationOptions = {}) {
  return createSimulatedPorts(scenario, { backupDir: backups, ...overrides }, options);
}

/**
 * The machine as undo must leave it: the whole snapshot, less what a fix's undo knowingly cannot
 * put back, so that "restored" can be compared exactly for everything else.
 * - regenerate-rdp-certificate: Windows never lets the self-signed certificate's key be exported,
 *   so the old certificate cannot be put back; the new one Windows made stays (and the listener
 *   points at it), and undo says so.
 * - remove-saved-credentials: Windows never reveals a saved password, so a removed one cannot be
 *   saved again; its undo says so instead.
 */
export function restoredView(fixId: FixId, snapshot: MachineSnapshot): MachineSnapshot {
  const view = structuredClone(snapshot);
  if (fixId === 'regenerate-rdp-certificate') {
    delete view.certificates;
    delete view.tsGeneralSetting;
  }
  if (fixId === 'remove-saved-credentials') delete view.credentials;
  return view;
}
