import type { JournalEntry } from '../../../shared/results';
import type { Clock, JournalStore } from '../ports';

/**
 * Write-ahead updates of single entries. The journal is one file read and written whole, so two
 * updates in flight at once (a batch and an undo, or another RDP Doctor process) would drop one
 * of them: every read-modify-write goes through one queue here, and holds the store's lock
 * against other processes.
 */
export class JournalWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JournalStore,
    private readonly clock: Clock,
  ) {}

  load(): Promise<JournalEntry[]> {
    // A load may rewrite a damaged journal, so it takes the lock too.
    return this.serial(() => this.locked(() => this.store.load()));
  }

  /** Applies the patch to the entry object and makes it durable before resolving. */
  update(entry: JournalEntry, patch: Partial<JournalEntry>): Promise<void> {
    Object.assign(entry, patch, { updatedAt: this.clock.now().toISOString() });
    const snapshot = structuredClone(entry);
    return this.serial(() =>
      this.locked(async () => {
        const all = await this.store.load();
        const i = all.findIndex((e) => e.id === snapshot.id);
        if (i === -1) all.push(snapshot);
        else all[i] = snapshot;
        await this.store.save(all);
      }),
    );
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return this.store.locked ? this.store.locked(work) : work();
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
