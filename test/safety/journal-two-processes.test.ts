import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Two RDP Doctor processes on one profile (the single-instance lock stops this in the app; the
// journal must hold even so): two real Node processes run the real JournalFile + JournalWriter
// against one journal.json at the same time.
const dir = mkdtempSync(join(tmpdir(), 'rdpd-two-'));
const child = join(dir, 'child.mjs');

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(__dirname, '../..'),
    ssr: { noExternal: true },
    build: {
      ssr: join(__dirname, 'journal-writer-child.ts'),
      outDir: dir,
      emptyOutDir: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'child.mjs' } },
    },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (path: string, name: string, count: number, startAt: number) =>
  new Promise<number | null>((resolve) =>
    spawn(process.execPath, [child, path, name, String(count), String(startAt)], { stdio: 'inherit' }).on('exit', resolve),
  );

describe('two processes writing one journal', () => {
  it('lose no update: every entry both wrote is there, and no lock or temp file is left', async () => {
    const path = join(dir, 'profile', 'journal.json');
    const startAt = Date.now() + 1_000;
    expect(await Promise.all([run(path, 'first', 100, startAt), run(path, 'second', 100, startAt)])).toEqual([0, 0]);
    const ids = (JSON.parse(readFileSync(path, 'utf8')) as Array<{ id: string }>).map((e) => e.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(readdirSync(join(dir, 'profile'))).toEqual(['journal.json']);
  });
});
