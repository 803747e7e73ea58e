import { defineConfig } from 'vitest/config';

/**
 * The diagnosis's pure tests, for mutation testing (`npm run mutate:diagnosis`): facts in, findings
 * out, and the probe's byte parser and verdict on bytes in memory; no PowerShell and no network,
 * so each mutant is judged in a second.
 */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'test/probe/findings.test.ts', 'test/probe/x224.test.ts', 'test/probe/verdict.test.ts'],
    testTimeout: 30_000,
    // The tests keep no state between files, so one module graph serves them all: each mutant's
    // run then re-imports nothing (about twice as fast on a shared 2-core machine). A static
    // mutant (a module-level constant: a table, a word list) changes only a fresh import, so the
    // pass that judges those runs isolated (MUTATE_ISOLATE=1; stryker.diagnosis.config.mjs).
    isolate: process.env.MUTATE_ISOLATE === '1',
  },
});
