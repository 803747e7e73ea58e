import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/results';
import { JournalFile } from './journal-file';
import { JournalWriter } from './journal-writer';

// Two RDP Doctor processes on one profile each have their own JournalFile and JournalWriter; the
// writer's in-process queue cannot order them. Each store here is such a process (separate
// objects, interleaving real file I/O); only the lock file orders them.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function journalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdpd-journal-'));
  dirs.push(dir);
  return join(dir, 'journal.json');
}

const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const entry = (id: string): JournalEntry => ({
  id,
  fixId: 'reset-license-cache',
  target: { host: 'srv01', port: 3389 },
  state: 'backed-up',
  startedAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  backup: { existed: true, exportPath: null },
  changed: [],
  message: '',
});

async function twoWriters(path: string, makeStore: (p: string) => JournalFile, perWriter = 20): Promise<string[]> {
  const writers = [new JournalWriter(makeStore(path), clock), new JournalWriter(makeStore(path), clock)];
  await Promise.all(writers.flatMap((writer, w) => Array.from({ length: perWriter }, (_, i) => writer.update(entry(`w${w}-e${i}`), {}))));
  return (JSON.parse(readFileSync(path, 'utf8')) as JournalEntry[]).map((e) => e.id).sort();
}

/** The journal as it was before the lock: load-modify-save with no lock between processes. */
class UnlockedJournalFile extends JournalFile {
  override locked = undefined as unknown as JournalFile['locked'];
}

describe('the journal shared by two processes', () => {
  it('without a lock between them, updates are lost (the hazard the lock closes)', async () => {
    const ids = await twoWriters(journalPath(), (p) => new UnlockedJournalFile(p));
    expect(ids.length).toBeLessThan(40);
  });

  it('with the lock file, two writers lose no update', async () => {
    const path = journalPath();
    const ids = await twoWriters(path, (p) => new JournalFile(p));
    expect(ids).toHaveLength(40);
    // Neither the lock nor a temp file is left behind.
    expect(readdirSync(join(path, '..'))).toEqual(['journal.json']);
  });

  it('breaks a lock left by a process that died mid-write, and says who holds a live one', async () => {
    const path = journalPath();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 999_999, at: Date.now() }));
    const afterCrash = new JournalWriter(new JournalFile(path, { alive: () => false }), clock);
    await afterCrash.update(entry('after-crash'), {});
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(1);

    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 4242, at: Date.now() }));
    const blocked = new JournalWriter(new JournalFile(path, { alive: () => true, waitMs: 200 }), clock);
    await expect(blocked.update(entry('blocked'), {})).rejects.toThrow(/being changed by another RDP Doctor \(process 4242\)/);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(1);
  });
});
