import { describe, expect, it } from 'vitest';
import { orderedWriter, progressLine, runPool } from '../../electron/cli/fleet';

/** The --file plumbing on its own: scheduling, ordered streaming, the progress line. */

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('runPool', () => {
  it('10,000 items: each runs once, never two of one key at once, all workers busy', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `host${i % 7}`);
    const runs = new Uint8Array(items.length);
    const now = new Map<string, number>();
    let running = 0;
    let peak = 0;
    let peakSame = 0;
    await runPool(items, { concurrency: 16, key: (k) => k }, async (k, i) => {
      runs[i]!++;
      running++;
      now.set(k, (now.get(k) ?? 0) + 1);
      peak = Math.max(peak, running);
      peakSame = Math.max(peakSame, now.get(k)!);
      await tick();
      running--;
      now.set(k, now.get(k)! - 1);
    });
    expect(runs.every((n) => n === 1)).toBe(true);
    expect(peakSame).toBe(1);
    // Seven distinct servers: seven at once, not sixteen, not fewer.
    expect(peak).toBe(7);
  });

  it('a server listed many times does not hold up the others behind it', async () => {
    const items = [...Array.from({ length: 50 }, () => 'busy'), 'b', 'c'];
    const order: string[] = [];
    await runPool(items, { concurrency: 4, key: (k) => k }, async (k) => {
      order.push(k);
      await tick();
    });
    expect(order.slice(0, 3)).toEqual(['busy', 'b', 'c']);
    expect(order).toHaveLength(52);
  });

  it('stops taking new items once the signal fires', async () => {
    const abort = new AbortController();
    let started = 0;
    await runPool(
      Array.from({ length: 100 }, (_, i) => String(i)),
      { concurrency: 4, key: (k) => k, signal: abort.signal },
      async () => {
        if (++started === 10) abort.abort();
        await tick();
      },
    );
    expect(started).toBeLessThan(20);
  });

  it('a failing item stops the pool taking more, and the failure comes out once the others settle', async () => {
    let started = 0;
    let settled = 0;
    const run = runPool(
      Array.from({ length: 100 }, (_, i) => String(i)),
      { concurrency: 4, key: (k) => k },
      async (k) => {
        started++;
        await tick();
        settled++;
        if (k === '5') throw new Error('probe bug');
      },
    );
    await expect(run).rejects.toThrow('probe bug');
    expect(settled).toBe(started);
    expect(started).toBeLessThan(12);
  });
});

describe('orderedWriter', () => {
  it('writes each line once all before it are written', () => {
    const out: string[] = [];
    const w = orderedWriter((l) => out.push(l));
    w.put(2, 'c');
    w.put(1, 'b');
    expect(out).toEqual([]);
    expect(w.pending()).toBe(2);
    w.put(0, 'a');
    expect(out).toEqual(['a', 'b', 'c']);
    w.put(3, 'd');
    expect(out).toEqual(['a', 'b', 'c', 'd']);
    expect(w.pending()).toBe(0);
  });

  it('flush writes what is waiting past a gap (items an interrupted run never started)', () => {
    const out: string[] = [];
    const w = orderedWriter((l) => out.push(l));
    w.put(0, 'a');
    w.put(3, 'd');
    w.put(2, 'c');
    w.flush();
    expect(out).toEqual(['a', 'c', 'd']);
  });
});

describe('progressLine', () => {
  it('redraws at most every 100 ms, always at the last host, and clears itself at the end', () => {
    let t = 0;
    const err: string[] = [];
    const p = progressLine({ write: (s: string) => err.push(s) }, 5, { now: () => t });
    t = 10;
    p.done('ok'); // first one: drawn
    t = 50;
    p.done('ok'); // too soon
    t = 200;
    p.done('warning'); // drawn
    t = 210;
    p.done('unreachable'); // too soon
    t = 220;
    p.done('ok'); // the last: drawn
    p.end();
    expect(err).toHaveLength(4);
    expect(err[0]).toMatch(/^\r\x1b\[K\[1\/5\]/);
    expect(err[2]).toBe('\r\x1b[K[5/5] 23/s, 0 s left - 3 ok, 1 warning, 1 unreachable');
    expect(err[3]).toBe('\r\x1b[K');
  });
});
