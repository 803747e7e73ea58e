import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { API_GLOBAL, channels, ipcChannel } from '../shared/ipc-channels';
import type { EventName, Events } from '../shared/ipc-contract';
import { createHandlers } from '../electron/main/handlers';
import { dispatch } from '../electron/main/ipc/dispatch';
import { createSimulatedPorts } from '../electron/main/simulated/simulated-ports';
import { scenarios } from '../electron/main/simulated/scenarios';
import { ComputerPool, simulationHost } from '../electron/main/simulated/computer-pool';
import { WindowsError, type DesktopPort } from '../electron/main/ports';
import { saveNewFile } from '../electron/main/desktop/save-file';
import { loopbackAddress } from '../electron/main/simulated/listener';
import { scenarioState } from '../electron/main/simulated/scenarios';
import { demoNetwork, DEMO_SERVER_NAME } from './network';
import { installBridge } from './bridge';
import { escapeHtml, pickerPage } from './picker';

/**
 * npm run demo — the real renderer in this computer's browser, bound to the real handler table
 * over the simulated two computers, as the e2e tests bind it (e2e/support/bind-api.ts): each call
 * goes through the real dispatch (sender and schema checks) to the real handlers, which run the
 * real scripts in pwsh against the fake Windows. Simulation only: nothing here reaches a real
 * Windows, and without pwsh it refuses to start.
 *
 * Served on 127.0.0.1 only. The URL carries a one-time token (random per start, as Jupyter's):
 * every page and every call must present it, and the Host header must be this server's own
 * (a DNS-rebinding page names another host).
 */

const ROOT = resolve(__dirname, '../..');
const RENDERER = join(ROOT, 'out', 'renderer');
const TOKEN_HEADER = 'x-rdp-doctor-demo-token';

interface Options {
  port: number;
}

function parseArgs(argv: readonly string[]): Options {
  const i = argv.indexOf('--port');
  const port = i === -1 ? Number(process.env.RDP_DOCTOR_DEMO_PORT ?? 0) : Number(argv[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port wants a number from 0 to 65535, not "${argv[i + 1]}".`);
  return { port };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The CSP the built page carries, with one change: the page may call this server back (connect-src 'self'). */
function demoPage(html: string, token: string): string {
  const bridge = `<link rel="stylesheet" href="/demo/demo.css" /><script src="/demo/bridge.js?token=${encodeURIComponent(token)}"></script>`;
  return html
    .replace("connect-src 'none'", "connect-src 'self'")
    .replace('<script type="module"', `${bridge}\n    <script type="module"`)
    .replace('<div id="root"></div>', `${demoBar(token)}<div id="root"></div>`);
}

let current = { scenario: 'firewall-rule-disabled', runsOn: 'client' as 'client' | 'server' };

function demoBar(token: string): string {
  const title = scenarios[current.scenario]?.title ?? current.scenario;
  const where =
    current.runsOn === 'client' ? `RDP Doctor on LAPTOP-JÜRGEN, the server ${DEMO_SERVER_NAME}` : 'RDP Doctor on the server itself';
  return `<div class="demo-bar" role="note">Demo, simulated: ${escapeHtml(title)} (${escapeHtml(where)}). <a href="/?token=${encodeURIComponent(token)}">Choose another scenario</a></div>`;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('too large');
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const host = simulationHost();
  if (typeof host === 'string') {
    console.error(`npm run demo runs only the simulation, and it cannot start here:\n  ${host}`);
    console.error('PowerShell 7 on Linux or macOS: https://learn.microsoft.com/powershell/scripting/install/installing-powershell');
    process.exit(2);
  }
  try {
    await readFile(join(RENDERER, 'index.html'));
  } catch {
    console.error('The renderer is not built: run `npm run demo` (it builds first), not out/demo/demo.cjs alone.');
    process.exit(2);
  }

  const token = randomBytes(24).toString('base64url');
  const pool = new ComputerPool(host);
  // The server's RDP port: a loopback listener that answers as the healthy server's state says
  // (the listener model); the network port maps the server's name and port onto it.
  const listener = await loopbackAddress();
  await listener.serve(scenarioState('healthy'), { computerName: DEMO_SERVER_NAME.toUpperCase() });
  const profile = await mkdtemp(join(tmpdir(), 'rdp-doctor-demo-'));
  const downloads = join(profile, 'Downloads');
  await mkdir(downloads, { recursive: true });
  const desktop: DesktopPort = {
    launchRemoteDesktop: async () => {
      throw new WindowsError('unavailable', 'This is the demo: Remote Desktop (mstsc) starts only on Windows.');
    },
    showLog: async () => join(profile, 'logs', 'main.log'),
    saveFile: (fileName, text) => saveNewFile(downloads, fileName, text),
    reveal: (path) => console.log(`(demo) "Open folder" would show ${path}`),
  };

  type Stream = ServerResponse;
  const streams = new Set<Stream>();
  let table = createHandlers(makePorts());

  function makePorts() {
    pool.recycle();
    const sim = createSimulatedPorts(
      current.scenario,
      { network: demoNetwork(listener.port, current.runsOn), desktop, backupDir: join(profile, 'backups') },
      { runsOn: current.runsOn, pool, targetPort: 3389 },
    );
    return sim.ports;
  }

  const server = createServer(async (req, res) => {
    const { port } = server.address() as { port: number };
    const origin = `http://127.0.0.1:${port}`;
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    // A page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (req.headers.host !== `127.0.0.1:${port}`) return send(421, 'text/plain; charset=utf-8', 'Open the demo at 127.0.0.1.');
    const path = url.pathname;
    try {
      if (path.startsWith('/assets/') && req.method === 'GET') {
        const file = join(RENDERER, normalize(path).replace(/^(\.\.[/\\])+/, ''));
        if (!file.startsWith(join(RENDERER, 'assets'))) return send(404, 'text/plain', '');
        const body = await readFile(file).catch(() => null);
        if (!body) return send(404, 'text/plain', '');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        return res.end(body);
      }
      if (path === '/demo/demo.css') return send(200, TYPES['.css']!, DEMO_CSS);
      if (path === '/demo/bridge.js') {
        const js = `(${installBridge.toString()})(${JSON.stringify({
          global: API_GLOBAL,
          names: [...channels],
          progressChannel: ipcChannel('scanProgress'),
          tokenHeader: TOKEN_HEADER,
        })});`;
        return send(200, TYPES['.js']!, js);
      }
      const given = url.searchParams.get('token') ?? (req.headers[TOKEN_HEADER] as string | undefined);
      if (!sameToken(given, token))
        return send(
          403,
          'text/plain; charset=utf-8',
          'This page needs the address printed where `npm run demo` started (it carries a token).',
        );

      if (path === '/' && req.method === 'GET') return send(200, 'text/html; charset=utf-8', pickerPage(token, current));
      if (path === '/start' && req.method === 'GET') {
        const scenario = url.searchParams.get('scenario') ?? '';
        const runsOn = url.searchParams.get('runsOn') === 'server' ? 'server' : 'client';
        if (!scenarios[scenario]) return send(400, 'text/plain; charset=utf-8', `There is no scenario "${scenario.slice(0, 60)}".`);
        current = { scenario, runsOn };
        table = createHandlers(makePorts());
        res.writeHead(303, { location: `/app?token=${encodeURIComponent(token)}` });
        return res.end();
      }
      if (path === '/app' && req.method === 'GET') {
        const html = await readFile(join(RENDERER, 'index.html'), 'utf8');
        // The built page loads ./assets/...: from /app that is /assets/.
        return send(200, 'text/html; charset=utf-8', demoPage(html, token));
      }
      if (path === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': open\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (path.startsWith('/api/') && req.method === 'POST') {
        const channel = path.slice('/api/'.length);
        let payload: unknown;
        try {
          payload = JSON.parse(await readBody(req));
        } catch {
          return send(
            400,
            'application/json',
            JSON.stringify({ ok: false, error: { kind: 'bad-request', message: 'The request was not JSON.' } }),
          );
        }
        // The sender check of the app: the caller must be this server's own page (its Origin).
        const sender = { url: `${req.headers.origin ?? ''}/` };
        const envelope = await dispatch(table, channel, payload, sender, `${origin}/`, {
          emit<E extends EventName>(name: E, body: Events[E]) {
            const line = `data: ${JSON.stringify({ channel: ipcChannel(name), body })}\n\n`;
            for (const s of streams) s.write(line);
          },
        });
        return send(200, 'application/json', JSON.stringify(envelope));
      }
      return send(404, 'text/plain; charset=utf-8', 'Not here.');
    } catch (err) {
      return send(500, 'text/plain; charset=utf-8', `The demo server failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  await new Promise<void>((r) => server.listen(options.port, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  console.log('RDP Doctor demo (simulated computers; nothing on this computer is changed)');
  console.log(`Open: http://127.0.0.1:${port}/?token=${token}`);
  console.log(`Reports and fix scripts are saved to ${downloads}`);
  console.log('Stop it with Ctrl+C.');

  const stop = async () => {
    for (const s of streams) s.end();
    server.close();
    void listener.close();
    await pool.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const DEMO_CSS = `.demo-picker{font:15px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}
.demo-picker select{font:inherit;max-width:100%}.demo-picker fieldset{border:1px solid #8a8886;margin:1rem 0}
.demo-picker button{font:inherit;padding:6px 20px;background:#005fb8;color:#fff;border:0;border-radius:4px}
.demo-picker :focus-visible{outline:2px solid #005fb8;outline-offset:2px}
.demo-bar{font:13px/1.4 system-ui,sans-serif;padding:4px 12px;background:#fff4ce;color:#3b2f00;border-bottom:1px solid #e0c060}
.demo-bar a{color:#003e92}
@media (prefers-color-scheme: dark){.demo-bar{background:#433519;color:#fce100;border-color:#6b5a2a}.demo-bar a{color:#99ebff}}`;

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
