#!/usr/bin/env node
// Writes scripts.sha256.json beside the PowerShell scripts: the SHA-256 of every .ps1 under the
// folder, and what the elevated helper may run (the catalog's administrator fixes, read from
// electron/main/elevation/allow-list.ts). The helper refuses to run a script (or to load a
// library) whose hash differs, and runs only what this list names; electron-builder ships the
// manifest with the scripts into the per-machine install folder, which only administrators can change.
// Usage: node scripts/script-manifest.mjs [folder]   (default assets/scripts)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const MANIFEST_NAME = 'scripts.sha256.json';

function* ps1Files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* ps1Files(path);
    else if (entry.isFile() && entry.name.endsWith('.ps1')) yield path;
  }
}

/** { algorithm, files: { "lib/common.ps1": "<hex>", ... }, elevated: helperAllowList() }, keys sorted. */
export function scriptManifest(dir, elevated) {
  const files = {};
  for (const path of [...ps1Files(dir)].sort()) {
    files[relative(dir, path).split(sep).join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return { algorithm: 'SHA-256', files, elevated };
}

/** `elevated`: helperAllowList() from electron/main/elevation/allow-list.ts (see loadHelperAllowList). */
export function writeScriptManifest(dir, elevated) {
  if (!elevated) throw new Error('The manifest needs the allow-list of the elevated helper.');
  const path = join(dir, MANIFEST_NAME);
  writeFileSync(path, `${JSON.stringify(scriptManifest(dir, elevated), null, 2)}\n`);
  return path;
}

/** The allow-list from the catalog's TypeScript, loaded through Vite's module runner (as Vite loads its config). */
export async function loadHelperAllowList() {
  const source = fileURLToPath(new URL('../electron/main/elevation/allow-list.ts', import.meta.url));
  const { module } = await runnerImport(source);
  return module.helperAllowList();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'assets', 'scripts');
  console.log(`wrote ${writeScriptManifest(dir, await loadHelperAllowList())}`);
}
