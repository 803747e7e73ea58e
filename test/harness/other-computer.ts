import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { makeFirewalledNamespace, type Netns } from './netns';
import { startHealthyRdpServer } from './healthy-rdp';
import type { FakeServer } from './fake-rdp-server';

/**
 * A server that is another computer: its own network namespace (its own network stack, reached
 * over a veth pair at a non-loopback address), listening on the real Remote Desktop port 3389.
 * Inside it a small relay passes 3389 on to a healthy fake RDP listener in this process, whose
 * certificate carries the server's name. `blocked: true` instead drops 3389 with iptables in the
 * namespace: a firewall on the server that silently drops Remote Desktop. Needs root (CI is root).
 */
export interface OtherComputer {
  /** Its address (what the test's hosts map gives for its name). */
  address: string;
  port: 3389;
  close(): Promise<void>;
}

// Runs inside the namespace under the same node binary: listen on ADDRESS:3389, pipe to HOST:PORT.
const RELAY = `
const net = require('node:net');
const [address, upstreamHost, upstreamPort] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(upstreamPort), upstreamHost);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(3389, address, () => process.stdout.write('ready\\n'));
`;

/** Listens on `address` (this side of the pair) and pipes to the loopback listener. */
function bridge(address: string, port: number): Promise<Server> {
  const server = createServer((client) => {
    const upstream = createConnection(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, address, () => resolve(server)));
}

/**
 * `upstream`: the loopback port of a listener this process already runs (an xrdp, a fake proxy)
 * to put behind the other computer's 3389 instead of the healthy Windows listener.
 */
export async function startOtherComputer(name: string, options: { blocked?: boolean; upstream?: number } = {}): Promise<OtherComputer> {
  const ns: Netns = await makeFirewalledNamespace(options.blocked ? [3389] : []);
  let listener: FakeServer | null = null;
  let relay: ChildProcess | null = null;
  let hostSide: Server | null = null;
  const close = async () => {
    relay?.kill();
    hostSide?.close();
    await listener?.close();
    await ns.cleanup();
  };
  try {
    if (options.upstream === undefined) listener = await startHealthyRdpServer(`DNS:${name},IP:${ns.address}`);
    hostSide = await bridge(ns.hostAddress, options.upstream ?? listener?.port ?? 0);
    const bridgePort = (hostSide.address() as { port: number }).port;
    const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '-e', RELAY, ns.address, ns.hostAddress, String(bridgePort)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    relay = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the relay in ${ns.name} exited (${code})`)));
    });
  } catch (err) {
    await close();
    throw err;
  }
  return { address: ns.address, port: 3389, close };
}
