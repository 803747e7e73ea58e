import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';

/**
 * A lock file beside the journal, created with O_CREAT | O_EXCL ('wx'): the operating system
 * lets exactly one process create it, on Windows (CREATE_NEW) as on Linux, so two app instances
 * (or an instance and a stale one) cannot interleave a load-modify-save. It records the holder's
 * pid and time; a lock whose holder is gone, or that is older than any journal write takes, is
 * broken. Node has no flock(), and a lock file needs no native module.
 */
export interface LockOptions {
  /** How long to wait for another holder before giving up with a message. */
  waitMs?: number;
  /** A lock older than this was left by a process that died mid-write (a save takes milliseconds). */
  staleMs?: number;
  /** Whether a process id is running; injectable for the stale-lock test. */
  alive?: (pid: number) => boolean;
}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface Holder {
  pid: number;
  at: number;
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.at === 'number' ? { pid: parsed.pid, at: parsed.at } : null;
  } catch {
    return null;
  }
}

export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const alive = options.alive ?? processAlive;
  const deadline = Date.now() + waitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, at: Date.now() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(lockPath);
    // A lock being written this instant reads as empty: wait for it like a live one.
    if (holder && (!alive(holder.pid) || Date.now() - holder.at > staleMs)) {
      // Renamed away first, so two processes breaking the same stale lock cannot both delete a fresh one.
      const aside = `${lockPath}.stale-${randomUUID()}`;
      await rename(lockPath, aside).then(
        () => unlink(aside),
        () => undefined,
      );
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The journal is being changed by another RDP Doctor${holder ? ` (process ${holder.pid})` : ''}; close it and try again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await work();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
