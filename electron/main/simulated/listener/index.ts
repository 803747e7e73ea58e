import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { makeFirewalledNamespace, type Netns } from '../../../../test/harness/netns';
import type { MachineState } from '../../../../shared/simulated/machine-state';
import { makeListenerCertificate, type Pem } from './certificate';
import { listenerAnswers, type ListenerBehaviour } from './model';
import { serveSocket } from './serve';

export { listenerAnswers, type ListenerBehaviour } from './model';

const run = promisify(execFile);

/**
 * A server's Remote Desktop listener on the network, answering as `listenerAnswers` says for its
 * machine state: the real probe connects to `host:port` and meets what Windows would send.
 * The server is another computer: its own network namespace reached over a veth pair at a
 * non-loopback address, on the real port (3389 unless `targetPort` says otherwise), where
 * "filtered" drops the SYN with iptables and "refused" resets it (test/harness/netns.ts; needs
 * root, as CI has). For RDP Doctor running on the server itself, see loopbackAddress().
 */
export interface SimulatedListenerOptions {
  /** The server's computer name, as its NTLM CHALLENGE shows it (default SRV-APP01). */
  name?: string;
  /** The port a client connects to, which the state's 'target' stands for (default 3389). */
  targetPort?: number;
}

export interface SimulatedListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startSimulatedListener(server: MachineState, options: SimulatedListenerOptions = {}): Promise<SimulatedListener> {
  const targetPort = options.targetPort ?? 3389;
  const address = await namespaceAddress(targetPort);
  try {
    await address.serve(server, { computerName: options.name, targetPort });
  } catch (err) {
    await address.close();
    throw err;
  }
  return { host: address.host, port: address.port, close: () => address.close() };
}

/**
 * Where a simulated server listens, kept while its state changes (a fix, a restart): `serve`
 * plays the state's answers from then on. Loopback: the client is the server itself (no
 * firewall on loopback, KB2771908). A namespace: another computer.
 */
export interface ServerAddress {
  host: string;
  port: number;
  serve(state: MachineState, options?: { computerName?: string; targetPort?: number }): Promise<ListenerBehaviour>;
  close(): Promise<void>;
}

/** The TLS credential for a behaviour: a certificate made for the state's subject and dates. */
function credentialOf(b: ListenerBehaviour): Pem | null {
  return b.tls?.outcome === 'completes' ? makeListenerCertificate(b.tls.certificate) : null;
}

/** A TCP server that plays whatever behaviour is current; sockets are dropped when it changes. */
class Player {
  private behaviour: ListenerBehaviour | null = null;
  private credential: Pem | null = null;
  private readonly sockets = new Set<Socket>();
  readonly server: Server = createServer((socket) => {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    if (!this.behaviour) return void socket.destroy();
    serveSocket(socket, this.behaviour, this.credential);
  });

  play(b: ListenerBehaviour): void {
    this.behaviour = b;
    this.credential = credentialOf(b);
    for (const s of this.sockets) s.destroy();
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, 511, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  get listening(): boolean {
    return this.server.listening;
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * A loopback port (this computer is the server). "Refused" closes the port (a SYN then gets RST),
 * anything else listens on it again; the port stays the same.
 */
export async function loopbackAddress(port = 0): Promise<ServerAddress> {
  let player = new Player();
  const bound = await player.listen(port, '127.0.0.1');
  return {
    host: '127.0.0.1',
    port: bound,
    async serve(state, options = {}) {
      const b = listenerAnswers(state, { ...options, targetPort: options.targetPort ?? bound, fromThisComputer: true });
      if (b.tcp === 'accepts') {
        if (!player.listening) {
          player = new Player();
          await player.listen(bound, '127.0.0.1');
        }
        player.play(b);
      } else await player.stop();
      return b;
    },
    close: () => player.stop(),
  };
}

/** Runs inside the namespace under the same node binary: listen on ADDRESS:PORT, pipe to HOST:UPSTREAM. */
const RELAY = `
const net = require('node:net');
const [address, port, upstreamHost, upstreamPort] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(upstreamPort), upstreamHost);
  client.pipe(upstream).pipe(client);
  // A reset stays a reset on the other side (the listener resets a handshake it cannot serve).
  client.on('error', () => upstream.resetAndDestroy());
  upstream.on('error', () => client.resetAndDestroy());
});
server.listen(Number(port), address, () => process.stdout.write('ready\\n'));
`;

/**
 * Another computer: a network namespace on `port`. A relay inside it passes connections over the
 * veth pair to the player in this process; what TCP does is set with iptables in the namespace
 * (DROP: filtered; REJECT with a TCP reset: refused; nothing: accepted).
 */
export async function namespaceAddress(port = 3389): Promise<ServerAddress> {
  const ns: Netns = await makeFirewalledNamespace([]);
  const player = new Player();
  let relay: ChildProcess | null = null;
  const close = async () => {
    relay?.kill();
    await player.stop();
    await ns.cleanup();
  };
  try {
    const bridgePort = await player.listen(0, ns.hostAddress);
    const child = spawn(
      'ip',
      ['netns', 'exec', ns.name, process.execPath, '-e', RELAY, ns.address, String(port), ns.hostAddress, String(bridgePort)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    relay = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the relay in ${ns.name} exited (${code})`)));
    });
  } catch (err) {
    await close();
    throw err;
  }
  const iptables = (...args: string[]) => run('ip', ['netns', 'exec', ns.name, 'iptables', ...args]);
  return {
    host: ns.address,
    port,
    async serve(state, options = {}) {
      const b = listenerAnswers(state, { ...options, targetPort: options.targetPort ?? port });
      await iptables('-F', 'INPUT');
      const rule = ['-A', 'INPUT', '-p', 'tcp', '--dport', String(port), '-j'];
      if (b.tcp === 'filtered') await iptables(...rule, 'DROP');
      if (b.tcp === 'refused') await iptables(...rule, 'REJECT', '--reject-with', 'tcp-reset');
      player.play(b);
      return b;
    },
    close,
  };
}
