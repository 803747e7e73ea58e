/**
 * At most `n` holders at once: acquire() resolves, in the order asked, with the function that
 * gives the place back (calling it again does nothing), so a holder can give it back half-way
 * through its work.
 */
export function semaphore(n: number): () => Promise<() => void> {
  let free = n;
  const waiting: (() => void)[] = [];
  return () =>
    new Promise((resolve) => {
      const grant = () => {
        let given = false;
        resolve(() => {
          if (given) return;
          given = true;
          const next = waiting.shift();
          if (next) next();
          else free++;
        });
      };
      if (free > 0) {
        free--;
        grant();
      } else waiting.push(grant);
    });
}

/** Runs at most `n` of the given tasks at once, in the order they were queued. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  const acquire = semaphore(n);
  return async <T>(task: () => Promise<T>) => {
    const release = await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
