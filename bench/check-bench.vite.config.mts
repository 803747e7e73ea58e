import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// As bench/scan-bench.vite.config.mts, but CommonJS: the main-process modules it bundles use
// __dirname.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(here, 'check-bench.ts'),
    outDir: resolve(here, '../out/bench-check'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
  },
});
