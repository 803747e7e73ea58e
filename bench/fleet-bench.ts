import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makeCertificates } from '../test/harness/certs';
import { freePort } from '../test/harness/free-port';
import { scenarios, startXrdp, xrdpAvailable, type RunningXrdp } from '../test/harness/xrdp';

/**
 * npm run bench:fleet — `rdp-doctor probe --file` over 1,000 loopback targets (six xrdp
 * configurations and two closed ports, each listed 125 times), against nmap's rdp-enum-encryption
 * over the same 1,000 host:port pairs in the same run: wall time of each, the ratio, our peak RSS,
 * and that every one of our rows came back. Goal: <= 10 s for 1,000 targets on this machine.
 * Ours runs BENCH_FLEET_RUNS times (default 3; the machine is shared, so the best run is the
 * least disturbed one, and the median is printed beside it); nmap once (it takes minutes).
 *
 * nmap takes one port list for all hosts, so it gets `-p <the 8 ports>` and 125 copies of
 * 127.0.0.1 (nmap scans a repeated target again): the same 1,000 pairs.
 */

const run = promisify(execFile);
const NMAP = '/usr/bin/nmap';
const TARGETS = Number(process.env.BENCH_FLEET_TARGETS ?? 1000);
const RUNS = Math.max(1, Number(process.env.BENCH_FLEET_RUNS ?? 3));
const GOAL_MS = 10_000;
const CLI = resolve('out/main/rdp-doctor.js');
const RSS_HOOK = resolve('bench/max-rss.cjs');
/**
 * Another build of the CLI (say main's, to see what a change did): each run then runs it too, just
 * before ours, on the same servers and list, and the medians are compared.
 */
const BASELINE = process.env.BENCH_FLEET_BASELINE ? resolve(process.env.BENCH_FLEET_BASELINE) : null;

/** Distinct closed ports for the 10x memory run (one server is never probed twice at once). */
const MEMORY_PORTS = 200;
/**
 * Where the xrdp servers keep their config and log. xrdp fsyncs its log after every line (a dozen
 * per probe connection): on this shared disk that was more CPU than our whole probe and stalled
 * the servers on other people's I/O. The servers stand in for other computers, so by default their
 * log goes to tmpfs; BENCH_XRDP_DIR=/tmp measures with the disk as before.
 */
const XRDP_DIR = process.env.BENCH_XRDP_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const SCENARIOS = ['negotiate', 'tls-only', 'rdp-only', 'expired', 'tls12-only', 'missing-cert'] as const;

interface OurRun {
  ms: number;
  maxRssKb: number;
  /** Heap still in use after a full GC at exit: what the run kept, without the GC's slack. */
  liveHeapKb: number;
  cpuMs: number;
  rows: number;
  exitCode: number | null;
  stderr: string;
}

async function runOurs(file: string, extra: string[], cli = CLI): Promise<OurRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-fleet-'));
  const rssFile = join(dir, 'rss');
  const t = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--require', RSS_HOOK, cli, 'probe', '--file', file, '--csv', ...extra], {
    env: { ...process.env, RDPD_MAX_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Rows are counted as they stream; nothing is kept, so the bench does not hide the CLI's memory.
  let rows = -1; // the header
  let partial = '';
  child.stdout.on('data', (d: Buffer) => {
    const text = partial + d.toString();
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    rows += lines.length;
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exitCode = await new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const ms = performance.now() - t;
  const [maxRssKb = 0, liveHeapKb = 0, cpuMs = 0] = (await readFile(rssFile, 'utf8').catch(() => '0 0 0')).trim().split(' ').map(Number);
  await rm(dir, { recursive: true, force: true });
  return { ms, maxRssKb, liveHeapKb, cpuMs, rows, exitCode, stderr };
}

/** CPU time (ms) the xrdp processes have used so far, from /proc/<pid>/stat (utime + stime). */
async function xrdpCpuMs(servers: RunningXrdp[]): Promise<number> {
  let ticks = 0;
  for (const s of servers) {
    const stat = await readFile(`/proc/${s.pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function runNmap(ports: number[], hostsFile: string): Promise<{ ms: number; scripts: number }> {
  const t = performance.now();
  const { stdout } = await run(NMAP, ['-Pn', '-n', '-p', ports.join(','), '--script', '+rdp-enum-encryption', '-iL', hostsFile], {
    timeout: 30 * 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { ms: performance.now() - t, scripts: (stdout.match(/rdp-enum-encryption:/g) ?? []).length };
}

async function main(): Promise<number> {
  if (!xrdpAvailable()) {
    console.error('bench:fleet needs xrdp (Debian package xrdp) at /usr/sbin/xrdp');
    return 2;
  }
  if (!existsSync(CLI)) {
    console.error(`bench:fleet needs the built CLI at ${CLI} (npm run build)`);
    return 2;
  }
  const haveNmap = existsSync(NMAP) && process.env.BENCH_NMAP !== '0';
  const certs = await makeCertificates();
  const servers: RunningXrdp[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-fleet-list-'));
  try {
    for (const name of SCENARIOS) servers.push(await startXrdp(scenarios[name], certs, { dir: XRDP_DIR }));
    // Closed ports: free a moment ago, nothing listens there now (the kernel answers RST).
    const closed = [await freePort(), await freePort()];
    const ports = [...servers.map((s) => s.port), ...closed];
    const list = Array.from({ length: TARGETS }, (_, i) => `127.0.0.1:${ports[i % ports.length]}`);
    const file = join(dir, 'hosts.txt');
    await writeFile(file, `${list.join('\n')}\n`);
    const nmapHosts = join(dir, 'nmap-hosts.txt');
    await writeFile(nmapHosts, `${Array.from({ length: Math.ceil(TARGETS / ports.length) }, () => '127.0.0.1').join('\n')}\n`);

    if (process.argv.includes('--serve')) {
      // For profiling by hand: the same servers and list, until Ctrl+C.
      console.log(`serving; list: ${file}`);
      await new Promise<void>((res) => process.once('SIGINT', () => res()).once('SIGTERM', () => res()));
      return 0;
    }
    await runOurs(file, []); // warm-up: page cache, xrdp's first TLS contexts
    const load = () =>
      readFile('/proc/loadavg', 'utf8').then(
        (t) => t.split(' ')[0] ?? '?',
        () => '?',
      );
    console.log(
      `rdp-doctor probe --file (${TARGETS} targets: ${SCENARIOS.length} xrdp configurations + ${closed.length} closed ports, default settings), ${RUNS} runs; xrdp logs in ${XRDP_DIR}`,
    );
    const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
    // The machine is shared with other work: each run prints the load and the CPU both sides used,
    // which tell a slow run from a slow probe. The best run is the one least disturbed.
    const runs: OurRun[] = [];
    const baseRuns: OurRun[] = [];
    /** Our CPU plus the servers' per run: both share this machine's cores. */
    const cpuBoth: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (BASELINE) {
        const loadBefore = await load();
        const xrdpBefore = await xrdpCpuMs(servers);
        const b = await runOurs(file, [], BASELINE);
        baseRuns.push(b);
        console.log(
          `  baseline run ${i + 1}: ${(b.ms / 1000).toFixed(2)} s, ${b.rows} rows, peak RSS ${mb(b.maxRssKb)}; CPU ${(b.cpuMs / 1000).toFixed(1)} s + xrdp ${(((await xrdpCpuMs(servers)) - xrdpBefore) / 1000).toFixed(1)} s; load ${loadBefore} -> ${await load()}`,
        );
      }
      const loadBefore = await load();
      const xrdpBefore = await xrdpCpuMs(servers);
      const r = await runOurs(file, []);
      const xrdpMs = (await xrdpCpuMs(servers)) - xrdpBefore;
      runs.push(r);
      cpuBoth.push(r.cpuMs + xrdpMs);
      console.log(
        `  run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, ${r.rows} rows streamed, peak RSS ${mb(r.maxRssKb)} (heap kept ${mb(r.liveHeapKb)}), exit ${r.exitCode}; ` +
          `CPU ours ${(r.cpuMs / 1000).toFixed(1)} s + xrdp ${(xrdpMs / 1000).toFixed(1)} s; load ${loadBefore} -> ${await load()}`,
      );
    }
    const byTime = [...runs].sort((a, b) => a.ms - b.ms);
    const ours = byTime[0]!;
    const mid = byTime[Math.floor(byTime.length / 2)]!;
    console.log(
      `  ours: best ${(ours.ms / 1000).toFixed(2)} s, median ${(mid.ms / 1000).toFixed(2)} s; peak RSS at most ${mb(Math.max(...runs.map((r) => r.maxRssKb)))}`,
    );
    // The servers stand in for other computers but run on these 2 cores: no schedule can take
    // less wall time than their CPU and ours spread over both cores.
    const cpuMid = [...cpuBoth].sort((a, b) => a - b)[Math.floor(cpuBoth.length / 2)]!;
    console.log(
      `  CPU, ours + xrdp's: median ${(cpuMid / 1000).toFixed(1)} s, so at least ${(cpuMid / 2000).toFixed(1)} s of wall time on 2 idle cores (${cpus().length} here)`,
    );
    if (BASELINE) {
      const base = [...baseRuns].sort((a, b) => a.ms - b.ms)[Math.floor(baseRuns.length / 2)]!;
      console.log(
        `  baseline (${BASELINE}): median ${(base.ms / 1000).toFixed(2)} s; this build ${(base.ms / mid.ms).toFixed(2)}x as fast (medians, interleaved runs)`,
      );
    }
    for (const r of runs) if (r.rows !== TARGETS) console.log(`  MISSING ROWS: ${r.rows} of ${TARGETS}\n${r.stderr}`);
    // Memory at 10x the list: closed ports (fast), each of ${MEMORY_PORTS} listed many times.
    const closedMany = await Promise.all(Array.from({ length: MEMORY_PORTS }, () => freePort()));
    const memFile = join(dir, 'hosts-10x.txt');
    await writeFile(memFile, `${Array.from({ length: TARGETS * 10 }, (_, i) => `127.0.0.1:${closedMany[i % MEMORY_PORTS]}`).join('\n')}\n`);
    const big = await runOurs(memFile, []);
    console.log(
      `  memory, ${TARGETS * 10} targets (closed ports): peak RSS ${mb(big.maxRssKb)}, heap kept ${mb(big.liveHeapKb)}, ${big.rows} rows, ${(big.ms / 1000).toFixed(2)} s`,
    );
    const met = ours.ms <= GOAL_MS && runs.every((r) => r.rows === TARGETS);
    if (haveNmap) {
      const nmap = await runNmap(ports, nmapHosts);
      console.log(
        `  nmap -p <8 ports> --script rdp-enum-encryption over the same ${ports.length * Math.ceil(TARGETS / ports.length)} host:port pairs: ${(nmap.ms / 1000).toFixed(2)} s (${nmap.scripts} script results; it skips closed ports)`,
      );
      console.log(
        `  ratio: ours is ${(nmap.ms / ours.ms).toFixed(1)}x faster than nmap (best run), ${(nmap.ms / mid.ms).toFixed(1)}x (median run)`,
      );
    } else console.log('  nmap not installed (Debian package nmap) or BENCH_NMAP=0: no peer measured');
    console.log(`goal (best run <= ${GOAL_MS / 1000} s for ${TARGETS} targets, every row back in every run): ${met ? 'met' : 'NOT met'}`);
    return met ? 0 : 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await certs.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
