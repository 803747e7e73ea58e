import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEntry } from '../../../shared/results';
import type { JournalStore } from '../ports';

/**
 * The journal as one JSON file in the app's user data folder. Each save goes to a temp file that
 * is flushed and then renamed over the old one, so a crash leaves either the old or the new
 * journal, never half of one.
 */
export class JournalFile implements JournalStore {
  /** Set when load() found an unreadable journal and set it aside. */
  corruptCopy: string | null = null;

  constructor(private readonly path: string) {}

  async load(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error('not a list');
      return parsed as JournalEntry[];
    } catch {
      // Keep the damaged file for a human to read; start a fresh journal.
      this.corruptCopy = `${this.path}.corrupt-${Date.now()}`;
      await rename(this.path, this.corruptCopy);
      return [];
    }
  }

  async save(entries: JournalEntry[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(entries, null, 2), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.path);
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
