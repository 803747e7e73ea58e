import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A network namespace joined to this one by a veth pair, so a test can reach a real firewall
 * (iptables DROP inside the namespace) without touching the host's own rules. Link-local /30,
 * picked from the PID so parallel runs do not collide; traffic never leaves the pair.
 * Needs root (CI runs as root) plus iproute2 and iptables.
 */
export interface Netns {
  name: string;
  /** The namespace side's address: what the probe connects to. */
  address: string;
  /** This side's address on the pair: what the namespace reaches this machine at. */
  hostAddress: string;
  cleanup(): Promise<void>;
}

async function sh(cmd: string, args: string[]): Promise<void> {
  try {
    await run(cmd, args);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** Namespaces this process made so far: each gets its own name and /30, so several can be up at once. */
let made = 0;

export async function makeFirewalledNamespace(dropPorts: number[]): Promise<Netns> {
  // Four /30s per process (the PID picks them), reused in turn.
  const id = (process.pid * 4 + (made++ % 4)) % 12_288;
  const name = `rdpd-${process.pid}-${id}`;
  const host = `rdpdh${id}`;
  const peer = `rdpdn${id}`;
  // 169.254.(64 + id/64).(id%64 * 4): a /30 per process inside 169.254.64.0/18 (third octet <= 255).
  const third = 64 + Math.floor(id / 64);
  const base = (id % 64) * 4;
  const hostIp = `169.254.${third}.${base + 1}`;
  const nsIp = `169.254.${third}.${base + 2}`;
  const cleanup = async () => {
    // Deleting the namespace also deletes both ends of the veth pair.
    await run('ip', ['netns', 'del', name]).catch(() => undefined);
    await run('ip', ['link', 'del', host]).catch(() => undefined);
  };
  await cleanup();
  try {
    await sh('ip', ['netns', 'add', name]);
    await sh('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
    await sh('ip', ['link', 'set', peer, 'netns', name]);
    await sh('ip', ['addr', 'add', `${hostIp}/30`, 'dev', host]);
    await sh('ip', ['link', 'set', host, 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'addr', 'add', `${nsIp}/30`, 'dev', peer]);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', peer, 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
    for (const port of dropPorts) {
      await sh('ip', ['netns', 'exec', name, 'iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', String(port), '-j', 'DROP']);
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { name, address: nsIp, hostAddress: hostIp, cleanup };
}
