import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** What only the simulation uses: the simulated computers, and the causes each check's folder plants. */
const SIMULATION_ONLY = /\/(electron\/main|shared)\/simulated\/|\/shared\/checks\/[^/]+\/scenarios\.ts$/;

// Three builds, as in electron-vite's react-ts template: main (plus the CLI, which shares the
// probe code), a CommonJS preload (sandboxed preloads cannot load ES modules), and the renderer.
// `--mode simulation` (npm start) keeps the simulation in the main build; every other build, the
// one that ships included, leaves it and its fault hooks out (electron/main/compose.ts).
export default defineConfig(({ mode }) => {
  const simulation = mode === 'simulation';
  return {
    main: {
      define: simulation ? {} : { 'process.env.RDP_DOCTOR_SIMULATION': JSON.stringify('left-out') },
      build: {
        outDir: 'out/main',
        rollupOptions: {
          // The scenarios are data built at load time, which the bundler would otherwise keep for
          // fear of side effects; nothing under simulated/ (electron/main/ and shared/) and no
          // check's scenarios.ts has any beyond its exports.
          treeshake: simulation ? undefined : { moduleSideEffects: (id: string) => !SIMULATION_ONLY.test(id) },
          input: {
            index: resolve(__dirname, 'electron/main/index.ts'),
            'rdp-doctor': resolve(__dirname, 'electron/cli/rdp-doctor.ts'),
          },
          // The CLI runs under plain node as `rdp-doctor` (package.json bin).
          output: { banner: (chunk: { name: string }) => (chunk.name === 'rdp-doctor' ? '#!/usr/bin/env node' : '') },
        },
      },
    },
    preload: {
      build: {
        outDir: 'out/preload',
        rollupOptions: {
          input: { index: resolve(__dirname, 'electron/preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      root: resolve(__dirname, 'renderer'),
      plugins: [react()],
      build: {
        outDir: resolve(__dirname, 'out/renderer'),
        // electron-vite leaves the renderer unminified; the window parses all of it at start-up and
        // the bundle budget (bench/bundle-size.mjs) compares it with a minified React app.
        minify: true,
        rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      },
    },
  };
});
