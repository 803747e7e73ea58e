import type { JournalEntry } from '../../../shared/results';
import type { Clock, JournalStore } from '../ports';

/**
 * Write-ahead updates of single entries. The journal is one file read and written whole, so two
 * updates in flight at once (two windows, a batch and an undo) would drop one of them: every
 * read-modify-write goes through one queue.
 */
export class JournalWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JournalStore,
    private readonly clock: Clock,
  ) {}

  load(): Promise<JournalEntry[]> {
    return this.serial(() => this.store.load());
  }

  /** Applies the patch to the entry object and makes it durable before resolving. */
  update(entry: JournalEntry, patch: Partial<JournalEntry>): Promise<void> {
    Object.assign(entry, patch, { updatedAt: this.clock.now().toISOString() });
    const snapshot = structuredClone(entry);
    return this.serial(async () => {
      const all = await this.store.load();
      const i = all.findIndex((e) => e.id === snapshot.id);
      if (i === -1) all.push(snapshot);
      else all[i] = snapshot;
      await this.store.save(all);
    });
  }

  notice(): string | null {
    return this.store.notice?.() ?? null;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
