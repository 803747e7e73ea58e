// Renderer bundle budget: the initial JS the window loads, gzip'd, against a peer built in the
// same run with the same Vite: the smallest React 19 app (one <div>), i.e. the floor any React
// renderer pays. Prints both, the ratio, and whether we are inside the 200 KB budget.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const BUDGET_KB = 200;
const root = new URL('..', import.meta.url).pathname;

/** gzip size of every script the HTML loads up front (entry + modulepreloads). */
function initialJsGzip(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  return srcs.reduce((sum, src) => sum + gzipSync(readFileSync(join(outDir, src)), { level: 9 }).length, 0);
}

async function buildPeer() {
  const dir = mkdtempSync(join(tmpdir(), 'react-peer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="r"></div><script type="module" src="./main.jsx"></script>');
  writeFileSync(
    join(dir, 'main.jsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('r')).render(<div>hello</div>);\n",
  );
  await build({
    root: dir,
    logLevel: 'silent',
    plugins: [react()],
    resolve: { alias: { react: join(root, 'node_modules/react'), 'react-dom': join(root, 'node_modules/react-dom') } },
    build: { outDir: join(dir, 'out') },
  });
  const size = initialJsGzip(join(dir, 'out'));
  rmSync(dir, { recursive: true, force: true });
  return size;
}

const oursDir = join(root, 'out/renderer');
if (!readdirSync(oursDir, { withFileTypes: true }).length) throw new Error('Build first: npm run build');
const ours = initialJsGzip(oursDir);
const peer = await buildPeer();
const kb = (n) => (n / 1024).toFixed(1);
console.log('Renderer initial JS, gzip -9');
console.log(`  RDP Doctor renderer        ${kb(ours).padStart(7)} KB`);
console.log(`  minimal React 19 app (peer) ${kb(peer).padStart(6)} KB`);
console.log(`  ratio ours / peer          ${(ours / peer).toFixed(2).padStart(7)}x`);
console.log(
  `  budget                     ${String(BUDGET_KB).padStart(7)} KB  -> ${ours / 1024 <= BUDGET_KB ? 'within budget' : 'OVER BUDGET'}`,
);
process.exitCode = ours / 1024 <= BUDGET_KB ? 0 : 1;
