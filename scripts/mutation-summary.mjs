// Joins the mutation-testing slices (`npm run mutate:diagnosis` with MUTATE=..., one JSON report
// per slice in reports/mutation/diagnosis/) into one table, file by file. Each file is counted
// from the newest report that mutated it whole; an isolated pass over a line range (a report named
// *.isolated.json, MUTATE_ISOLATE=1) then replaces the results of the mutants it ran, so the total
// is the union of whole-file runs. Usage:
//   node scripts/mutation-summary.mjs [report-dir] [--markdown]
// Score = detected / valid, as Stryker counts it: killed and timed-out mutants are detected;
// survived and not covered are not; mutants disabled with a `// Stryker disable` comment (each
// with its reason in the source) and ones that do not compile are left out. "static" counts the
// survivors that are static mutants (module-level tables and words) no isolated pass has judged:
// without isolation they cannot be killed, so they count as survived until one does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const dir = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/diagnosis';

let reports;
try {
  reports = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f))
    .map((file) => ({ file, mtime: statSync(file).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime);
} catch {
  console.error(`No reports in ${dir}: run a slice first (MUTATE=<file> npm run mutate:diagnosis).`);
  process.exit(1);
}

const keyOf = (m) =>
  `${m.mutatorName}|${m.replacement}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;
/** @type {Map<string, Map<string, {status: string, static?: boolean, isolated?: boolean}>>} per file, per mutant */
const files = new Map();
const read = (file) => JSON.parse(readFileSync(file, 'utf8')).files ?? {};
// Whole-file runs first (the newest wins), then the isolated passes over them (the newest last).
for (const { file } of reports.filter((r) => !r.file.endsWith('.isolated.json')))
  for (const [name, f] of Object.entries(read(file))) files.set(name, new Map(f.mutants.map((m) => [keyOf(m), m])));
for (const { file } of reports.filter((r) => r.file.endsWith('.isolated.json')))
  for (const [name, f] of Object.entries(read(file))) {
    const base = files.get(name);
    if (!base) continue; // no whole-file run yet: a line range alone is no measurement of the file
    for (const m of f.mutants) if (base.has(keyOf(m))) base.set(keyOf(m), { ...m, isolated: true });
  }

const count = (mutants) => {
  const c = { mutants: 0, killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, static: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Survived') {
      c.survived++;
      if (m.static && !m.isolated) c.static++;
    } else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else c.ignored++; // Ignored, CompileError, RuntimeError, Pending: not valid mutants
  }
  c.mutants = c.killed + c.survived + c.timeout + c.noCoverage;
  return c;
};
const score = (c) => (c.mutants === 0 ? 100 : (100 * (c.killed + c.timeout)) / c.mutants);

const rows = [...files.entries()].map(([name, f]) => ({ name, ...count([...f.values()]) })).sort((a, b) => score(a) - score(b));
const total = rows.reduce(
  (t, r) => {
    for (const k of ['mutants', 'killed', 'survived', 'timeout', 'noCoverage', 'ignored', 'static']) t[k] += r[k];
    return t;
  },
  { name: `all ${rows.length} files`, mutants: 0, killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, static: 0 },
);

const header = ['file', 'mutants', 'killed', 'survived', 'of them static', 'timeout', 'no coverage', 'disabled', 'score'];
const line = (r) => [r.name, r.mutants, r.killed, r.survived, r.static, r.timeout, r.noCoverage, r.ignored, `${score(r).toFixed(1)} %`];
const table = [...rows.map(line), line(total)];
if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const r of table) console.log(`| ${r.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  for (const r of table) console.log(fmt(r));
}
