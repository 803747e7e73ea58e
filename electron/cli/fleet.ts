/**
 * The scheduling and output plumbing of `probe --file`, kept apart from what a probe is so a
 * 10,000-host list runs in flat memory: a pool of workers pulls targets one at a time (no promise
 * per host up front), and results leave as soon as the ones before them have.
 */

/**
 * Runs work(item, index) for every item, at most `concurrency` at once, and never two items with
 * the same key at once. One probe already opens up to two connections to its server; a second
 * probe of the same server at the same time would double that, overflow small listen backlogs
 * (xrdp's is 2: the extra SYNs are dropped and retried a second later) and count as the burst of
 * half-open connections Windows limits with MaxOutstandingConnections. Items of a busy key wait
 * while the workers go on with other keys, in list order.
 */
export async function runPool<T>(
  items: readonly T[],
  options: { concurrency: number; key: (item: T) => string; signal?: AbortSignal },
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  // Per key, its items in list order; `ready` holds the keys that are idle and have items left,
  // in the order they became so. Every step is O(1), whatever the list looks like.
  const queues = new Map<string, { indexes: number[]; head: number }>();
  items.forEach((item, i) => {
    const k = options.key(item);
    const q = queues.get(k);
    if (q) q.indexes.push(i);
    else queues.set(k, { indexes: [i], head: 0 });
  });
  const ready: string[] = [...queues.keys()];
  let readyHead = 0;
  let running = 0;
  let wake: (() => void) | null = null;
  // The first failure stops the pool from taking more items; it is rethrown once the rest settle.
  let failure: { error: unknown } | null = null;

  const worker = async (): Promise<void> => {
    for (;;) {
      if (options.signal?.aborted || failure) return;
      if (readyHead >= ready.length) {
        if (running === 0) return;
        // Everything left belongs to a key in progress: wait until some item finishes.
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      const k = ready[readyHead++]!;
      const q = queues.get(k)!;
      const i = q.indexes[q.head++]!;
      running++;
      try {
        await work(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      } finally {
        running--;
        if (q.head < q.indexes.length) ready.push(k);
        else queues.delete(k);
        // Keep the ready list from growing without end on long runs.
        if (readyHead > 1024 && readyHead * 2 > ready.length) {
          ready.splice(0, readyHead);
          readyHead = 0;
        }
        const w = wake;
        wake = null;
        w?.();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker));
  // Assigned inside the workers, which the compiler cannot see from here.
  const failed = failure as { error: unknown } | null;
  if (failed) throw failed.error;
}

/**
 * Writes item i's line once items 0..i-1 are written, so a piped stream is in list order whatever
 * order the probes finish in. Only the rendered lines of finished-but-early items wait here.
 */
export function orderedWriter(write: (s: string) => void): { put(index: number, line: string): void; pending(): number; flush(): void } {
  const waiting = new Map<number, string>();
  let next = 0;
  return {
    put(index, line) {
      waiting.set(index, line);
      for (let l = waiting.get(next); l !== undefined; l = waiting.get(next)) {
        waiting.delete(next);
        write(l);
        next++;
      }
    },
    pending: () => waiting.size,
    /** After an interrupted run some items never ran: write what did, in order, past the gaps. */
    flush() {
      for (const i of [...waiting.keys()].sort((a, b) => a - b)) write(waiting.get(i)!);
      waiting.clear();
    },
  };
}

/**
 * "[412/1000] 23/s, 18 s left - 380 ok, 20 warning, 12 unreachable": on a terminal only, redrawn
 * at most every `everyMs`, cleared at the end so it never mixes with the results.
 */
export function progressLine(
  stderr: { write(s: string): unknown },
  total: number,
  options: { everyMs?: number; now?: () => number } = {},
): { done(severity: string): void; end(): void } {
  const now = options.now ?? (() => performance.now());
  const everyMs = options.everyMs ?? 100;
  const started = now();
  const counts = new Map<string, number>();
  let finished = 0;
  let drawn = -Infinity;
  const draw = () => {
    const t = now();
    const seconds = Math.max(0.001, (t - started) / 1000);
    const rate = finished / seconds;
    const left = rate > 0 ? Math.ceil((total - finished) / rate) : null;
    const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
    stderr.write(
      `\r\x1b[K[${finished}/${total}] ${rate.toFixed(0)}/s${left === null ? '' : `, ${left} s left`}${tally ? ` - ${tally}` : ''}`,
    );
    drawn = t;
  };
  return {
    done(severity) {
      finished++;
      counts.set(severity, (counts.get(severity) ?? 0) + 1);
      if (finished === total || now() - drawn >= everyMs) draw();
    },
    end() {
      stderr.write('\r\x1b[K');
    },
  };
}
