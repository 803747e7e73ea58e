import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// As bench/scan-bench.vite.config.mts: plain node runs one CommonJS bundle (the main-process
// modules it bundles use __dirname to find the checkout's fake Windows).
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(here, 'demo.ts'),
    outDir: resolve(here, '../out/demo'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
  },
});
