// Mutation testing of the diagnosis (issue 20 §5): the evidence model (rank.ts, causes.ts), the
// verdict, every rule and every check's diagnosis.ts, and the probe's pure parts (x224.ts,
// verdict.ts), judged by the pure tests only (vitest.mutate-diagnosis.config.mts: no PowerShell,
// no network). Not part of `npm test` (all of it takes over an hour on 2 cores), so it runs in
// slices, one or a few files at a time, each file always mutated whole:
//   MUTATE=shared/diagnosis/rank.ts npm run mutate:diagnosis -- --concurrency 1
// Each slice writes its own JSON report and its own incremental file (reports/mutation/diagnosis/),
// so a re-run after new tests re-tests only what changed; `npm run mutate:summary` joins the
// slices' reports into one table, mutant by mutant (the newest report that ran a mutant wins).
// The tests run without isolation (fast); a static mutant (a module-level table or word list) is
// only judged by a fresh import, so such lines get a second, isolated pass on their line range:
//   MUTATE_ISOLATE=1 MUTATE=shared/diagnosis/rank.ts:17-31 npm run mutate:diagnosis
const mutate = process.env.MUTATE
  ? process.env.MUTATE.split(',')
  : [
      'shared/diagnosis/**/*.ts',
      'shared/checks/*/diagnosis.ts',
      'electron/main/probe/x224.ts',
      'electron/main/probe/verdict.ts',
      '!**/*.test.ts',
    ];
// The slice's name: its files (and line range), so the same slice re-run finds its own incremental file.
const isolated = process.env.MUTATE_ISOLATE === '1';
const name = (f) =>
  f
    .replace(/^(shared|electron\/main)\//, '')
    .replace(/\.ts\b/, '')
    .replace(/[^\w.-]+/g, '_');
const slice = (process.env.MUTATE ? mutate.map(name).join('+') : 'all') + (isolated ? '.isolated' : '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate-diagnosis.config.mts', related: false },
  mutate,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/diagnosis/${slice}.json` },
  incremental: true,
  incrementalFile: `reports/mutation/diagnosis/incremental/${slice}.json`,
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 4000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp-diagnosis',
  ignorePatterns: ['out', 'dist', 'test-results', 'playwright-report', 'e2e', 'bench', 'docs', 'assets', 'test/real-cases', 'reports'],
  cleanTempDir: 'always',
};
