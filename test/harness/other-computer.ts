import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { makeFirewalledNamespace, type Netns } from './netns';

/**
 * A server that is another computer: its own network namespace (its own network stack, reached
 * over a veth pair at a non-loopback address), listening on the real Remote Desktop port 3389.
 * Inside it a small relay passes 3389 on to a listener this process already runs (`upstream`, a
 * loopback port: an xrdp, a proxy). A Windows server's listener is startSimulatedListener
 * (electron/main/simulated/listener/), which answers from its state. Needs root (CI is root).
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

/** `upstream`: the loopback port of the listener to put behind the other computer's 3389. */
export async function startOtherComputer(_name: string, options: { upstream: number }): Promise<OtherComputer> {
  const ns: Netns = await makeFirewalledNamespace([]);
  let relay: ChildProcess | null = null;
  let hostSide: Server | null = null;
  const close = async () => {
    relay?.kill();
    hostSide?.close();
    await ns.cleanup();
  };
  try {
    hostSide = await bridge(ns.hostAddress, options.upstream);
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
