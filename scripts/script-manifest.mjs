#!/usr/bin/env node
// Writes scripts.sha256.json beside the PowerShell scripts: the SHA-256 of every .ps1 under the
// folder. The elevated helper refuses to run a script (or to load a library) whose hash differs,
// and electron-builder ships the manifest with the scripts into the per-machine install folder.
// Usage: node scripts/script-manifest.mjs [folder]   (default assets/scripts)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST_NAME = 'scripts.sha256.json';

function* ps1Files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* ps1Files(path);
    else if (entry.isFile() && entry.name.endsWith('.ps1')) yield path;
  }
}

/** { algorithm, files: { "lib/common.ps1": "<hex>", ... } }, keys sorted. */
export function scriptManifest(dir) {
  const files = {};
  for (const path of [...ps1Files(dir)].sort()) {
    files[relative(dir, path).split(sep).join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return { algorithm: 'SHA-256', files };
}

export function writeScriptManifest(dir) {
  const path = join(dir, MANIFEST_NAME);
  writeFileSync(path, `${JSON.stringify(scriptManifest(dir), null, 2)}\n`);
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'assets', 'scripts');
  console.log(`wrote ${writeScriptManifest(dir)}`);
}
