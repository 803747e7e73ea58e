import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// As bench/probe-bench.vite.config.mts, but CommonJS: the main-process modules it bundles use
// __dirname.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(here, 'scan-bench.ts'),
    outDir: resolve(here, '../out/bench-scan'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
  },
});
