import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { makeFirewalledNamespace, type Netns } from '../../../../test/harness/netns';
import type { MachineState } from '../machine-state';
import { makeListenerCertificate } from './certificate';
import { listenerAnswers, type ListenerBehaviour } from './model';
import { serveSocket } from './serve';

export { listenerAnswers, type ListenerBehaviour } from './model';

/**
 * A server's Remote Desktop listener on the network, answering as `listenerAnswers` says for its
 * machine state: the real probe connects to `host:port` and meets what Windows would send.
 *
 * - On loopback (default): a port on 127.0.0.1; "refused" is a port nothing listens on.
 * - `otherComputer: true`, or a state whose port is filtered: the server is another computer,
 *   its own network namespace reached over a veth pair at a non-loopback address, listening on
 *   the real port (the target port, 3389 by default); "filtered" drops the SYN with iptables
 *   there (test/harness/netns.ts). Needs root and iproute2/iptables (CI is root).
 */
export interface SimulatedListenerOptions {
  /** The server's computer name, as its certificate and NTLM CHALLENGE show it. */
  computerName?: string;
  /** The port a client connects to, which the state's 'target' stands for (default 3389). */
  targetPort?: number;
  /** Serve from another computer (a network namespace) at a non-loopback address. */
  otherComputer?: boolean;
}

export interface SimulatedListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Runs inside the namespace under the same node binary: listen on ADDRESS:PORT, pipe to HOST:UPSTREAM. */
const RELAY = `
const net = require('node:net');
const [address, port, upstreamHost, upstreamPort] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(upstreamPort), upstreamHost);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(Number(port), address, () => process.stdout.write('ready\\n'));
`;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, 511, () => resolve((server.address() as { port: number }).port));
  });
}

/** A loopback port nothing listens on: bound once to learn it, then closed (a SYN to it gets RST). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0, '127.0.0.1');
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** The in-process server that plays the behaviour, on loopback. */
async function playing(behaviour: ListenerBehaviour): Promise<{ port: number; close(): Promise<void> }> {
  const tls = behaviour.tls;
  const pem =
    tls?.outcome !== 'completes'
      ? null
      : tls.certificate.pfx
        ? { pfx: Buffer.from(tls.certificate.pfx, 'base64') }
        : makeListenerCertificate(tls.certificate);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveSocket(socket, behaviour, pem);
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startSimulatedListener(server: MachineState, options: SimulatedListenerOptions = {}): Promise<SimulatedListener> {
  const inNamespace = options.otherComputer === true;
  const targetPort = options.targetPort ?? 3389;
  const behaviour = listenerAnswers(server, { computerName: options.computerName, targetPort });

  if (!inNamespace && behaviour.tcp !== 'filtered') {
    if (behaviour.tcp === 'refused') return { host: '127.0.0.1', port: await closedPort(), close: async () => {} };
    const played = await playing(behaviour);
    return { host: '127.0.0.1', ...played };
  }

  // Another computer: its own namespace; the port filtered there with iptables, or served by a
  // relay inside it that pipes to the player in this process (over the veth pair).
  const port = inNamespace ? targetPort : 3389;
  const ns: Netns = await makeFirewalledNamespace(behaviour.tcp === 'filtered' ? [port] : []);
  let relay: ChildProcess | null = null;
  let hostSide: Server | null = null;
  let played: { port: number; close(): Promise<void> } | null = null;
  const close = async () => {
    relay?.kill();
    await new Promise<void>((r) => (hostSide ? hostSide.close(() => r()) : r()));
    await played?.close();
    await ns.cleanup();
  };
  try {
    if (behaviour.tcp === 'accepts') {
      played = await playing(behaviour);
      const upstream = played.port;
      hostSide = createServer((client) => {
        const up = createConnection(upstream, '127.0.0.1');
        client.pipe(up).pipe(client);
        client.on('error', () => up.destroy());
        up.on('error', () => client.destroy());
      });
      const bridgePort = await listen(hostSide, 0, ns.hostAddress);
      const child = spawn(
        'ip',
        ['netns', 'exec', ns.name, process.execPath, '-e', RELAY, ns.address, String(port), ns.hostAddress, String(bridgePort)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      relay = child;
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the relay in ${ns.name} exited (${code})`)));
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { host: ns.address, port, close };
}
