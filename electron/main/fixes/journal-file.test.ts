import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/results';
import { WindowsError } from '../windows-error';
import { JournalFile, MemoryJournal } from './journal-file';
import { JournalWriter } from './journal-writer';

// The journal file itself, on a real folder: what a missing, unreadable, damaged or healthy file
// reads as, and that a save is whole or nothing. (The engine's use of it: run-fix.test.ts.)

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdpd-journal-file-'));
  folders.push(dir);
  return dir;
}

function entry(id: string, state: JournalEntry['state'] = 'verified'): JournalEntry {
  return {
    id,
    fixId: 'clear-connection-data',
    target: { host: 'srv-app01', port: 3389 },
    state,
    startedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:01.000Z',
    backup: { exportPath: 'C:\\x.reg' },
    changed: ['something'],
    message: '',
  };
}

describe('JournalFile.load', () => {
  it('no journal yet reads as no changes, and says nothing', async () => {
    const journal = new JournalFile(join(folder(), 'journal.json'));
    expect(await journal.load()).toEqual([]);
    expect(journal.notice()).toBeNull();
    expect(journal.corruptCopy).toBeNull();
  });

  it('a journal it cannot read is an error the user sees, never an empty journal (an interrupted fix would be forgotten)', async () => {
    // A folder in the file's place stands in for "access denied" (EACCES/EPERM on Windows): the
    // tests run as root here, which no file permission stops. Both are "could not read", not "none".
    const path = join(folder(), 'journal.json');
    mkdirSync(path);
    const journal = new JournalFile(path);
    const failure = await journal.load().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WindowsError);
    expect(failure).toMatchObject({
      kind: 'unavailable',
      message: `RDP Doctor cannot read its journal of changes (${path}: EISDIR). Until it can, the changes it made before, and any fix that was cut short, cannot be listed or undone; nothing was changed. Check that the file is not locked or its permissions changed, then start RDP Doctor again.`,
    });
  });

  it('a write-ahead update on an unreadable journal fails and writes nothing over it', async () => {
    const path = join(folder(), 'journal.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'kept');
    const writer = new JournalWriter(new JournalFile(path), { now: () => new Date('2026-12-01T10:00:00Z') });
    await expect(writer.update(entry('a', 'started'), {})).rejects.toThrow(/cannot read its journal of changes/);
    expect(readdirSync(path)).toEqual(['inside']);
  });

  it('reads back exactly what was saved, as indented JSON, and leaves no temp file', async () => {
    const dir = folder();
    const path = join(dir, 'journal.json');
    const journal = new JournalFile(path);
    const entries = [entry('a'), entry('b', 'backed-up')];
    await journal.save(entries);
    expect(await journal.load()).toEqual(entries);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(entries, null, 2));
    expect(readdirSync(dir)).toEqual(['journal.json']);
    expect(journal.notice()).toBeNull();
  });

  it('saves into a folder that does not exist yet', async () => {
    const path = join(folder(), 'new', 'deeper', 'journal.json');
    await new JournalFile(path).save([entry('a')]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([entry('a')]);
  });

  it('an entry that no longer fits is dropped; the others are kept, written back, and the damaged file set aside', async () => {
    const path = join(folder(), 'journal.json');
    writeFileSync(path, JSON.stringify([entry('a'), { ...entry('b'), state: 'exploded' }, entry('c', 'applied')]));
    const journal = new JournalFile(path);
    expect((await journal.load()).map((e) => e.id)).toEqual(['a', 'c']);
    expect(journal.notice()).toBe(
      `It was cut short or edited (by a crash, a full disk or another program). 2 changes of 3 could still be read and were kept. The damaged file was kept as ${journal.corruptCopy}.`,
    );
    expect(journal.corruptCopy).toMatch(/journal\.json\.corrupt-\d+$/);
    expect(JSON.parse(readFileSync(journal.corruptCopy!, 'utf8'))).toHaveLength(3);
    // Written back at once: the next start reads two entries and finds nothing to complain about.
    const next = new JournalFile(path);
    expect((await next.load()).map((e) => e.id)).toEqual(['a', 'c']);
    expect(next.notice()).toBeNull();
  });

  it('one entry kept of a journal cut short mid-entry is worded in the singular', async () => {
    const path = join(folder(), 'journal.json');
    const text = JSON.stringify([entry('a', 'backed-up'), entry('b')], null, 2);
    writeFileSync(path, text.slice(0, text.lastIndexOf('"state"')));
    const journal = new JournalFile(path);
    expect((await journal.load()).map((e) => [e.id, e.state])).toEqual([['a', 'backed-up']]);
    expect(journal.notice()).toBe(
      `It was cut short or edited (by a crash, a full disk or another program). 1 change could still be read and was kept. The damaged file was kept as ${journal.corruptCopy}.`,
    );
  });

  it('one entry kept of two that parse is "1 change of 2 ... was kept"', async () => {
    const path = join(folder(), 'journal.json');
    writeFileSync(path, JSON.stringify([entry('a'), { id: 'b' }]));
    const journal = new JournalFile(path);
    await journal.load();
    expect(journal.notice()).toMatch(/ 1 change of 2 could still be read and was kept\. /);
  });

  it('nothing readable: says so, keeps the damaged file, and leaves no journal behind to misread', async () => {
    const dir = folder();
    const path = join(dir, 'journal.json');
    writeFileSync(path, 'not json at all');
    const journal = new JournalFile(path);
    expect(await journal.load()).toEqual([]);
    expect(journal.notice()).toBe(
      `It was cut short or edited (by a crash, a full disk or another program). No change recorded in it could be read. The damaged file was kept as ${journal.corruptCopy}.`,
    );
    expect(readFileSync(journal.corruptCopy!, 'utf8')).toBe('not json at all');
    expect(existsSync(path)).toBe(false);
  });

  it('JSON that is not a list is damage too', async () => {
    const path = join(folder(), 'journal.json');
    writeFileSync(path, JSON.stringify({ entries: [entry('a')] }));
    const journal = new JournalFile(path);
    expect(await journal.load()).toEqual([]);
    expect(journal.corruptCopy).not.toBeNull();
  });
});

describe('JournalFile.save', () => {
  it('a save that cannot replace the journal removes its temp file and reports the error', async () => {
    const dir = folder();
    const path = join(dir, 'journal.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    await expect(new JournalFile(path).save([entry('a')])).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/),
    });
    expect(readdirSync(dir)).toEqual(['journal.json']);
  });
});

describe('JournalFile.locked', () => {
  it('creates the folder and holds journal.json.lock while the work runs, then removes it', async () => {
    const path = join(folder(), 'sub', 'journal.json');
    const journal = new JournalFile(path);
    const seen = await journal.locked(async () => existsSync(`${path}.lock`));
    expect(seen).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('waits for another live holder and names it when it gives up', async () => {
    const path = join(folder(), 'journal.json');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, at: Date.now() }));
    const journal = new JournalFile(path, { waitMs: 50 });
    await expect(journal.locked(async () => 'ran')).rejects.toThrow(
      `The journal is being changed by another RDP Doctor (process ${process.pid})`,
    );
  });
});

describe('MemoryJournal', () => {
  it('hands out copies: changing what load returned changes nothing saved', async () => {
    const journal = new MemoryJournal();
    const saved = [entry('a')];
    await journal.save(saved);
    saved[0]!.state = 'undone';
    const loaded = await journal.load();
    expect(loaded[0]!.state).toBe('verified');
    loaded[0]!.state = 'failed';
    expect((await journal.load())[0]!.state).toBe('verified');
  });
});
