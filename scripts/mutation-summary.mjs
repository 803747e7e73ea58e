// Joins the mutation-testing slices (`npm run mutate:diagnosis` with MUTATE=..., one JSON report
// per slice in reports/mutation/diagnosis/) into one table, file by file: each file counted from
// the newest report that mutated it, so the total is the union of whole-file runs. Usage:
//   node scripts/mutation-summary.mjs [report-dir] [--markdown]
// Score = detected / valid, as Stryker counts it: killed and timed-out mutants are detected;
// survived and not covered are not; mutants disabled with a `// Stryker disable` comment (each
// with its reason in the source) and ones that do not compile are left out.
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

/** @type {Map<string, {mutants: {status: string}[]}>} newest report wins per file */
const files = new Map();
for (const { file } of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const [name, f] of Object.entries(report.files ?? {})) files.set(name, f);
}

const count = (mutants) => {
  const c = { mutants: 0, killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else c.ignored++; // Ignored, CompileError, RuntimeError, Pending: not valid mutants
  }
  c.mutants = c.killed + c.survived + c.timeout + c.noCoverage;
  return c;
};
const score = (c) => (c.mutants === 0 ? 100 : (100 * (c.killed + c.timeout)) / c.mutants);

const rows = [...files.entries()].map(([name, f]) => ({ name, ...count(f.mutants) })).sort((a, b) => score(a) - score(b));
const total = rows.reduce(
  (t, r) => {
    for (const k of ['mutants', 'killed', 'survived', 'timeout', 'noCoverage', 'ignored']) t[k] += r[k];
    return t;
  },
  { name: `all ${rows.length} files`, mutants: 0, killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0 },
);

const header = ['file', 'mutants', 'killed', 'survived', 'timeout', 'no coverage', 'disabled', 'score'];
const line = (r) => [r.name, r.mutants, r.killed, r.survived, r.timeout, r.noCoverage, r.ignored, `${score(r).toFixed(1)} %`];
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
