// Mutation testing of the fix engine: every line of its files (run-fix.ts, after-fix.ts,
// fix-steps.ts, fix-preview.ts) and of journal-file.ts, judged by
// their own tests only (vitest.mutate.config.mts). Run with `npm run mutate:fixes`; the score is
// printed as a table (clear-text reporter). Threshold: 85 % killed (issue 22).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.mts', related: false },
  mutate: [
    'electron/main/fixes/run-fix.ts',
    'electron/main/fixes/after-fix.ts',
    'electron/main/fixes/fix-steps.ts',
    'electron/main/fixes/fix-preview.ts',
    'electron/main/fixes/journal-file.ts',
  ],
  reporters: ['clear-text', 'progress'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant that makes a loop spin or a wait never end is 'timed out' (counted as detected).
  timeoutMS: 4000,
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'test-results', 'playwright-report', 'e2e', 'bench', 'docs'],
  cleanTempDir: 'always',
};
