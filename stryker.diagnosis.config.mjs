// Mutation testing of the diagnosis (issue 20 §5): the evidence model (rank.ts, causes.ts), the
// verdict, and the rules, judged by the pure diagnosis tests only (vitest.mutate-diagnosis.config.mts:
// no PowerShell, no network). Run with `npm run mutate:diagnosis`; the clear-text reporter prints
// the score per file. Not part of `npm test` (it takes tens of minutes on 2 cores).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate-diagnosis.config.mts', related: false },
  mutate: process.env.MUTATE
    ? process.env.MUTATE.split(',')
    : ['shared/diagnosis/**/*.ts', 'shared/checks/*/diagnosis.ts', '!**/*.test.ts'],
  reporters: ['clear-text', 'progress'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 4000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp-diagnosis',
  ignorePatterns: ['out', 'dist', 'test-results', 'playwright-report', 'e2e', 'bench', 'docs', 'assets', 'test/real-cases'],
  cleanTempDir: 'always',
};
