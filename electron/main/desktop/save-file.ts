import { mkdir, open, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** Tries "name.ext", then "name (2).ext" …: a file the user already has is never overwritten. */
const MAX_TRIES = 100;

/**
 * Writes a new file in `dir` and returns its path. The folder is made if missing (a fresh
 * profile may have no Downloads yet); an existing file of that name is left as it is, and the
 * new one gets the next free name, as browsers do.
 */
export async function saveNewFile(dir: string, fileName: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n <= MAX_TRIES; n += 1) {
    const path = join(dir, n === 1 ? fileName : `${stem} (${n})${ext}`);
    let handle;
    try {
      // 'wx': fails when the name exists, in the same step as creating it (no check-then-write race).
      handle = await open(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      await handle.writeFile(text, 'utf8');
      await handle.close();
    } catch (err) {
      // A half-written report (a full disk) is removed, not left looking like the real one.
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
      throw err;
    }
    return path;
  }
  throw new Error(`${dir} already holds ${MAX_TRIES} files named like ${fileName}.`);
}
