// @ts-check
/*
 * No import cycles, type-only imports included (`npm run lint`). ESLint's import-x/no-cycle skips
 * `import type` by design, yet a type-only knot still ties two modules together: neither can be
 * read, tested or moved without the other. dependency-cruiser reads the TypeScript source before
 * compilation (tsPreCompilationDeps), so it sees the imports the compiler erases.
 * Options: https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module reaches itself through its imports. Move the shared shape below both (the ports in ports.ts, ' +
        "the catalog's shapes in shapes.ts, the store's in store/state.ts) instead of importing upwards.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist)/' },
  },
};
