import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The simulation (fake computers that answer what a scenario planted, and fault hooks that kill
 * the app between a fix's backup and its apply) must not ship: a packaged app could otherwise be
 * told to fake its answers. What ships is `npm run build`; `npm start` builds with
 * `--mode simulation`. Both are built here, so the markers are shown to be real code.
 */
const root = join(__dirname, '../..');
const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
const dirs: string[] = [];

async function mainBundle(mode: string | null): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'rdpd-bundle-'));
  dirs.push(out);
  const args = [cli, 'build', '--outDir', out, '--logLevel', 'error', ...(mode ? ['--mode', mode] : [])];
  await promisify(execFile)(process.execPath, args, { cwd: root, timeout: 120_000 });
  const dir = join(out, 'main');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js'));
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

// Class names and hooks of electron/main/simulated/, a scenario's planted machine name, and the
// title of a cause a check's folder plants (shared/checks/<check-id>/scenarios.ts).
const SIMULATION = [
  'SimulatedWindows',
  'FakeWindowsComputer',
  'killBefore',
  'LAPTOP-JÜRGEN',
  'FakeWindows.psm1',
  'Password-guessing bots flood the server',
];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the main-process bundle', () => {
  it('that ships has no simulation in it, and says so to --simulate', async () => {
    const shipped = await mainBundle(null);
    expect(SIMULATION.filter((s) => shipped.includes(s))).toEqual([]);
    expect(shipped).toContain('leaves the simulation out');
  }, 180_000);

  it('that npm start builds has the simulation', async () => {
    const dev = await mainBundle('simulation');
    expect(SIMULATION.filter((s) => !dev.includes(s))).toEqual([]);
  }, 180_000);
});
