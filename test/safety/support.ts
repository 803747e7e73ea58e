import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixes, type FixId } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import type { CheckId } from '../../shared/catalog/checks';
import { scenarioNames } from '../../electron/main/simulated/scenarios';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { runScriptCheck } from '../../electron/main/scan/run-check';
import { JournalFile } from '../../electron/main/fixes/journal-file';
import type { MachineState } from '../../electron/main/simulated/machine-state';
import type { Ports } from '../../electron/main/ports';

export const target = { host: 'srv-app01.corp.example', port: 3389 };

/** What a person would see of the machine: everything but the backup files the fixes wrote. */
export function visible(state: MachineState): Omit<MachineState, 'files'> {
  const { files: _files, ...rest } = structuredClone(state);
  return rest;
}

type View = Omit<MachineState, 'files'> & {
  certificates?: { listenerThumbprint: string | null; remoteDesktop: Array<{ thumbprint: string }> };
  client?: { credentials?: string[] };
};

/**
 * The machine as the user sees it, less what a fix's undo knowingly cannot put back, so that
 * "restored" can be compared exactly for everything else. Pass the state before the fix as
 * `original` when viewing the state after it.
 * - regenerate-rdp-certificate: Windows never lets the self-signed certificate's key be exported,
 *   so the old certificate cannot be put back; the new one Windows made stays, and undo says so.
 * - remove-saved-credentials: Windows never reveals a saved password, so a removed one cannot be
 *   saved again; its undo says so instead.
 */
export function restoredView(fixId: string, state: MachineState, original?: Omit<MachineState, 'files'>): View {
  const view = visible(state) as View;
  const old = (original ?? view) as View;
  if (fixId === 'regenerate-rdp-certificate') delete view.certificates;
  if (fixId === 'remove-saved-credentials' && view.client) delete view.client.credentials;
  return view;
}

/** The first scenario in which the fix's own checks fail, so applying it really changes something. */
export async function scenarioFor(fix: FixDef): Promise<string | null> {
  for (const name of scenarioNames) {
    const { ports } = createSimulatedPorts(name);
    const place = ports.servers.placeFor(target);
    const results = await Promise.all(fix.verifies.map((c) => runScriptCheck(ports, c as CheckId, target, place)));
    if (results.some((r) => r.status === 'fail')) return name;
  }
  return null;
}

const allFixes = fixes as readonly FixDef[];
const planted = await Promise.all(allFixes.map(async (f) => [f, await scenarioFor(f)] as const));

/** Every catalog fix whose problem a scenario plants: [id, definition, scenario]. */
export const catalogFixes = planted
  .filter((p): p is readonly [FixDef, string] => p[1] !== null)
  .map(([f, scenario]) => [f.id as FixId, f, scenario] as const);

/** A fix whose undo puts everything back: for the tests about one fix, the journal or recovery. */
export const reversibleFix = catalogFixes.find(([id]) => id !== 'remove-saved-credentials' && id !== 'regenerate-rdp-certificate') ?? catalogFixes[0]!;

/** Catalog fixes no scenario can exercise yet. */
export const fixesWithoutScenario = planted.filter(([, s]) => s === null).map(([f]) => f.id);

/** A real journal file in a temp folder, the way the app keeps it. */
export function tempJournal() {
  const dir = mkdtempSync(join(tmpdir(), 'rdpd-journal-'));
  const path = join(dir, 'journal.json');
  return { dir, path, open: () => new JournalFile(path), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The same machine and journal file, as the next start of the app would find them. */
export function restart(ports: Ports, journalPath: string): Ports {
  return { ...ports, journal: new JournalFile(journalPath) };
}
