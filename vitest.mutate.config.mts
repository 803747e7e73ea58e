import { defineConfig } from 'vitest/config';

/**
 * The fix engine's own tests, for mutation testing (`npm run mutate:fixes`, stryker.fixes.config.mjs):
 * only the fast tests of run-fix.ts and journal-file.ts (a scripted Windows, real temp files), so
 * each mutant is judged in a second. The same engine against the real scripts: test/safety/.
 */
export default defineConfig({
  test: {
    include: ['electron/main/fixes/run-fix.test.ts', 'electron/main/fixes/journal-file.test.ts'],
    testTimeout: 30_000,
  },
});
