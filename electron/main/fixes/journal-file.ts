import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEntry } from '../../../shared/results';
import type { JournalStore } from '../ports';
import { WindowsError } from '../windows-error';
import { withFileLock, type LockOptions } from './journal-lock';
import { salvageEntries, validEntries } from './journal-schema';

/**
 * The journal as one JSON file in the app's user data folder. Each save goes to a temp file of
 * its own (never a shared name another process could be writing) that is flushed and then
 * renamed over the old one, so a crash leaves either the old or the new journal, never half of
 * one; load-modify-save runs under journal.json.lock (journal-lock.ts). A journal damaged anyway (disk, antivirus, a person) is set aside
 * for a human to read, and the entries that can still be read are kept, so an interrupted fix
 * recorded in it can still be rolled back.
 */
export class JournalFile implements JournalStore {
  /** Set when load() found an unreadable journal and set it aside. */
  corruptCopy: string | null = null;
  private lastNotice: string | null = null;

  constructor(
    private readonly path: string,
    private readonly lockOptions: LockOptions = {},
  ) {}

  async locked<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true });
    return withFileLock(`${this.path}.lock`, work, this.lockOptions);
  }

  notice(): string | null {
    return this.lastNotice;
  }

  async load(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      // No journal yet: nothing was ever changed. Any other failure (access denied, a folder in
      // its place, a disk error) must not read as an empty journal, or a fix a crash cut short
      // would be forgotten: the user is told, and nothing runs on top of it.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      throw new WindowsError(
        'unavailable',
        `RDP Doctor cannot read its journal of changes (${this.path}${code ? `: ${code}` : ''}). Until it can, the changes it made before, and any fix that was cut short, cannot be listed or undone; nothing was changed. Check that the file is not locked or its permissions changed, then start RDP Doctor again.`,
      );
    }
    let items: unknown[] | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) items = parsed;
    } catch {
      // handled below as damage
    }
    if (items) {
      const { entries, dropped } = validEntries(items);
      if (dropped === 0) return entries;
      return this.setAside(entries, items.length);
    }
    const salvaged = salvageEntries(text);
    const { entries } = validEntries(salvaged);
    return this.setAside(entries, null);
  }

  private async setAside(recovered: JournalEntry[], total: number | null): Promise<JournalEntry[]> {
    this.corruptCopy = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, this.corruptCopy);
    // Write the readable part back at once: the next load must not find an empty journal and
    // forget an interrupted fix.
    if (recovered.length > 0) await this.save(recovered);
    const kept =
      recovered.length === 0
        ? 'No change recorded in it could be read'
        : `${recovered.length} ${recovered.length === 1 ? 'change' : 'changes'}${total === null ? '' : ` of ${total}`} could still be read and ${recovered.length === 1 ? 'was' : 'were'} kept`;
    this.lastNotice = `It was cut short or edited (by a crash, a full disk or another program). ${kept}. The damaged file was kept as ${this.corruptCopy}.`;
    return recovered;
  }

  async save(entries: JournalEntry[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}-${randomUUID()}.tmp`;
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(JSON.stringify(entries, null, 2), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.path).catch(async (err: unknown) => {
      await unlink(tmp).catch(() => undefined);
      throw err;
    });
  }
}

/** For tests and the simulator when no folder is wanted. */
export class MemoryJournal implements JournalStore {
  entries: JournalEntry[] = [];
  async load() {
    return structuredClone(this.entries);
  }
  async save(entries: JournalEntry[]) {
    this.entries = structuredClone(entries);
  }
}
