#!/usr/bin/env node
// Runs @doyensec/electronegativity over the main process, preload and renderer sources and fails
// on any finding not reviewed in docs/security.md. Electronegativity itself exits 0 whatever it
// finds, so without this list it could never fail a build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
// The sources have no package.json of their own to read the version from.
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/** Reviewed findings: check id and file; the reasons are in docs/security.md. */
const accepted = [
  { check: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts' },
  { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/window.ts' },
  { check: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', sample: "script-src 'self'" },
];

// AvailableSecurityFixesGlobalCheck downloads Electron's release list; the build machines have
// no route to it, and `npm outdated` answers the same question from the registry.
const EXCLUDED = 'AvailableSecurityFixesGlobalCheck';

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}

/** The app's own code, the one place an Electron app is wired up: main process, preload, page. */
const SOURCES = ['electron', 'renderer'];

function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  // One tree holding all of them: the global checks (CSP, navigation limits, permission handler)
  // look for their answer across files, and would miss it in a scan of each folder alone.
  const tree = join(dir, 'app');
  for (const s of SOURCES) cpSync(join(root, s), join(tree, s), { recursive: true, filter: (p) => !p.includes('node_modules') });
  const csv = join(dir, 'out.csv');
  try {
    const run = spawnSync(process.execPath, [cli, '-i', tree, '-r', '-e', electronVersion, '-x', EXCLUDED, '-v', 'false', '-o', csv], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (run.status !== 0 || !existsSync(csv)) {
      throw new Error(`electronegativity did not run (exit ${run.status}): ${(run.stderr || run.stdout || '').slice(-500)}`);
    }
    const [, ...rows] = parseCsv(readFileSync(csv, 'utf8')).filter((r) => r.length >= 8);
    return rows.map(([check, severity, confidence, file, location, sample, description]) => ({
      check,
      severity,
      confidence,
      file: file.replace(/\\/g, '/'),
      location,
      sample,
      description,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const findings = scan()
  // Informational only: how it read the Electron version.
  .filter((f) => f.severity !== 'INFORMATIONAL');
const isAccepted = (f) => accepted.some((a) => a.check === f.check && a.file === f.file && (!a.sample || f.sample.includes(a.sample)));
for (const f of findings) {
  console.log(
    `${isAccepted(f) ? 'reviewed' : 'NEW     '}  ${f.check} ${f.severity}/${f.confidence}  ${f.file}:${f.location}  ${f.description}`,
  );
}
const fresh = findings.filter((f) => !isAccepted(f));
console.log(
  `electronegativity ${electronVersion}: ${findings.length} findings, ${findings.length - fresh.length} reviewed (docs/security.md), ${fresh.length} new`,
);
if (fresh.length > 0) {
  console.error('Fix the new findings, or review them and add them to docs/security.md and scripts/lint-electron.mjs.');
  process.exit(1);
}
