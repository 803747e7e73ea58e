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
    // run then re-imports nothing (several times faster on a shared 2-core machine).
    isolate: false,
  },
});
