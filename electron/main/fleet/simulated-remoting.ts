import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { hostKey } from '../../../shared/server-place';
import { runPool } from '../../cli/fleet';
import { limiter } from '../probe/limit';
import type { MachineState } from '../../../shared/simulated/machine-state';
import type { ComputerPool } from '../simulated/computer-pool';
import type { FakeWindowsComputer } from '../simulated/fake-windows-port';
import { PAYLOAD_ARGUMENTS, type FleetRemoting, type FleetRunOptions, type RemoteAnswer } from './remoting';

/** An answer before its time is added. */
type Unmeasured = { computer: string; ok: true; output: string } | { computer: string; ok: false; error: string; timedOut: boolean };

/** One simulated server as remoting meets it. */
export interface SimulatedServer {
  /** $env:COMPUTERNAME there. */
  computerName: string;
  /** Its machine (a scenario's server): the payload runs the real scripts against it. */
  state: MachineState;
  /** What Invoke-Command says when it cannot reach it (WinRM off, wrong password...), or none. */
  unreachable?: string;
  /** Extra time before it answers (a slow WAN link, a busy server). */
  delayMs?: number;
}

/**
 * Simulated PowerShell remoting for tests and benchmarks: the same payload the real engine ships
 * with Invoke-Command -FilePath runs under pwsh on each simulated server's machine, with
 * -ThrottleLimit's rule (at most N computers at once) and the per-computer timeout. Warm pwsh
 * sessions are reused from the pool (loading a machine costs 0.2-1.1 s; starting pwsh more):
 * `sessions` of them run payloads at once, whatever the throttle limit, because this machine's
 * cores are the limit here, not the network.
 */
export class SimulatedFleetRemoting implements FleetRemoting {
  readonly description = 'simulated PowerShell remoting (the real scripts under pwsh)';
  private readonly servers = new Map<string, SimulatedServer>();
  private readonly computers: FakeWindowsComputer[] = [];
  /** How many payloads ran, per computer name: a test can tell nothing ran twice. */
  readonly runs = new Map<string, number>();
  /** The most computers worked on at once: -ThrottleLimit's rule, for tests. */
  maxAtOnce = 0;
  private atOnce = 0;
  /** The machine state each session holds now. */
  private readonly loaded = new WeakMap<FakeWindowsComputer, MachineState>();

  constructor(
    servers: Readonly<Record<string, SimulatedServer>>,
    private readonly pool: ComputerPool,
    private readonly payload: string,
    private readonly sessions = 2,
  ) {
    for (const [name, server] of Object.entries(servers)) this.servers.set(hostKey(name), server);
  }

  async run(computers: readonly string[], options: FleetRunOptions, onAnswer: (answer: RemoteAnswer) => void): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-fleet-'));
    const file = join(dir, 'rdp-doctor-fleet-payload.ps1');
    await writeFile(file, this.payload);
    const free: FakeWindowsComputer[] = [];
    for (let i = 0; i < Math.min(this.sessions, computers.length); i++) free.push(this.pool.take(true));
    const pwsh = limiter(free.length);
    // Start each pwsh session before the clock of any server starts: on Windows every server
    // runs on itself, so this machine's own start-up is no server's time.
    const first = this.servers.values().next().value;
    if (first)
      await Promise.all(
        free.map(async (c) => {
          // A session that fails to start here is started again by the first server it serves.
          await c.load(first.state, first.computerName, options.port).then(
            () => this.loaded.set(c, first.state),
            () => undefined,
          );
        }),
      );
    try {
      await runPool(computers, { concurrency: options.throttleLimit, key: hostKey, signal: options.signal }, async (name) => {
        const started = performance.now();
        this.maxAtOnce = Math.max(this.maxAtOnce, ++this.atOnce);
        const answer = await this.one(name, file, options, pwsh, free).finally(() => this.atOnce--);
        onAnswer({ ...answer, ms: performance.now() - started });
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async one(
    name: string,
    file: string,
    options: FleetRunOptions,
    pwsh: ReturnType<typeof limiter>,
    free: FakeWindowsComputer[],
  ): Promise<Unmeasured> {
    const server = this.servers.get(hostKey(name));
    // What Invoke-Command says for a name nobody answers to (about_Remote_Troubleshooting).
    if (!server)
      return {
        computer: name,
        ok: false,
        timedOut: false,
        error: `Connecting to remote server ${name} failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.`,
      };
    // The timeout counts the server's own time (its delay, its run), not the wait for one of this
    // machine's pwsh sessions: on Windows each server runs on itself. Past it, Stop-Job: what has
    // not started there does not start.
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut: Unmeasured = { computer: name, ok: false, timedOut: true, error: 'timeout' };
    const within = <T>(work: Promise<T>, ms: number): Promise<T | typeof timedOut> =>
      Promise.race([
        work,
        new Promise<typeof timedOut>((resolve) => {
          timer = setTimeout(() => {
            stop.abort();
            resolve(timedOut);
          }, ms);
        }),
      ]).finally(() => clearTimeout(timer));
    try {
      const started = performance.now();
      if (server.delayMs) {
        const waited = await within(
          delay(server.delayMs, undefined, { signal: stop.signal }).catch(() => undefined),
          options.timeoutMs,
        );
        if (waited === timedOut) return timedOut;
      }
      if (server.unreachable) return { computer: name, ok: false, timedOut: false, error: server.unreachable };
      const left = options.timeoutMs - (performance.now() - started);
      // The session is busy until the script ends, even when this server's answer (a timeout)
      // has already left: only then does another server get it.
      return await new Promise<Unmeasured>((resolve, reject) => {
        pwsh(async () => {
          if (stop.signal.aborted) return resolve(timedOut);
          const computer = free.pop()!;
          const run = (async () => {
            this.runs.set(name, (this.runs.get(name) ?? 0) + 1);
            // Servers made from one machine state share its load: the payload changes nothing
            // (test/powershell/server-report.test.ts compares the machine whole), and what differs
            // between them, the name, comes from $env:COMPUTERNAME, set for each run.
            if (this.loaded.get(computer) !== server.state) {
              await computer.load(server.state, server.computerName, options.port);
              this.loaded.set(computer, server.state);
            }
            return (await computer.runScriptFile(file, PAYLOAD_ARGUMENTS, server.computerName)).output;
          })();
          try {
            const output = await within(run, left);
            resolve(typeof output === 'string' ? { computer: name, ok: true, output } : timedOut);
            await run.catch(() => undefined);
          } finally {
            free.push(computer);
          }
        }).catch(reject);
      });
    } catch (err) {
      return { computer: name, ok: false, timedOut: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
