import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixes, getFix, type FixId } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import { JournalFile } from '../../electron/main/fixes/journal-file';
import type { Ports } from '../../electron/main/ports';
import { scenarios } from '../../electron/main/simulated/scenarios';

export const target = { host: 'srv-app01.corp.example', port: 3389 };

/**
 * Every catalog fix, in the first scenario that says it repairs it (Scenario.repairedBy, in the
 * check's folder: nothing to add here for a new one). Its own checks fail there, so applying it
 * really changes something: fault-injection.test.ts checks that. This computer's fixes first.
 */
const firstPlanted: Array<[FixId, string]> = [];
for (const [name, s] of Object.entries(scenarios))
  for (const id of s.repairedBy ?? []) if (!firstPlanted.some(([f]) => f === id)) firstPlanted.push([id, name]);
const planted = [
  ...firstPlanted.filter(([id]) => getFix(id).side === 'client'),
  ...firstPlanted.filter(([id]) => getFix(id).side === 'server'),
];

/** [id, definition, scenario] for each planted fix. */
export const catalogFixes = planted.map(([id, scenario]) => [id, getFix(id) as FixDef, scenario] as const);

/** Catalog fixes the table above leaves out (none: every fix's backup and undo are exercised). */
export const fixesWithoutScenario = fixes.map((f) => f.id as FixId).filter((id) => !planted.some(([p]) => p === id));

/** A fix whose undo puts everything back: for the tests about one fix, the journal or recovery. */
export const reversibleFix = catalogFixes.find(([id]) => id === 'clear-connection-data')!;

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
