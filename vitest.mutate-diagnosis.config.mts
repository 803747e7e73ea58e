import { defineConfig } from 'vitest/config';

/**
 * The diagnosis's pure tests, for mutation testing (`npm run mutate:diagnosis`): facts in, findings
 * out, no PowerShell and no network, so each mutant is judged in a second.
 */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'test/probe/findings.test.ts'],
    testTimeout: 30_000,
  },
});
