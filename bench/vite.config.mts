import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Node 20 cannot run TypeScript itself (no --experimental-strip-types before 22.6) and tsx is not
// a dependency: vite, already here, bundles each bench to one ES module that plain node runs.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(here, '../out/bench'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { 'probe-bench': resolve(here, 'probe-bench.ts'), 'fleet-bench': resolve(here, 'fleet-bench.ts') },
      output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
