// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/*
 * The layers, as in VS Code's code-layering check (common / node / electron-main: each imports
 * only below itself):
 *   shared/     runs on both sides: imports neither electron/ nor renderer/, nor Node modules
 *   renderer/   browser code: imports shared/ only, never electron/ or a Node module
 *   electron/   Node: never renderer/; the preload never the main process
 * Only the Electron entry files import `electron` (the binary is absent on the build machines, and
 * everything else runs under plain Node in the tests).
 */
const ELECTRON_ENTRIES = ['electron/main/index.ts', 'electron/main/window.ts', 'electron/preload/index.ts'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'bench/**'];
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnlyInEntries = [
  { name: 'electron', message: `Only ${ELECTRON_ENTRIES.join(', ')} import electron: pass what you need in as a port.` },
  { name: 'electron-log/main', message: 'electron-log/main loads electron: only electron/main/index.ts uses it.' },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.stryker-tmp*/**',
      'reports/**',
      'assets/**',
      'test/fake-windows/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: {
      // As in import-x's typescript preset, without its eslint-import-resolver-typescript: the
      // tree imports by relative path only, which the Node resolver follows.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.json'] })],
    },
    rules: {
      // Import cycles, type-only ones included, are dependency-cruiser's (.dependency-cruiser.cjs,
      // also run by `npm run lint`): import-x/no-cycle skips `import type` and has no option not to.
      'no-restricted-imports': ['error', { paths: electronOnlyInEntries }],
      // `_name` says "deliberately unused" (a parameter a port's signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ELECTRON_ENTRIES, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['shared/**', 'renderer/**', 'electron/**'],
    // A test may hold two layers to one contract (the catalog's links against the main process's
    // link filter, say): it ships in neither.
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer'], message: 'shared/ runs on both sides.' },
            { target: './renderer', from: './electron', message: 'The renderer reaches the main process through window.api only.' },
            { target: './electron', from: './renderer', message: 'The main process never imports the page.' },
            { target: './electron/preload', from: './electron/main', message: 'The preload is sandboxed: it imports shared/ only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**', 'renderer/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...electronOnlyInEntries,
            ...nodeModules.map((name) => ({ name, message: 'shared/ and renderer/ run in the page: no Node modules.' })),
          ],
        },
      ],
    },
  },
);
