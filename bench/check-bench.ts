import { loadavg } from 'node:os';
import { checkFleet, type FleetTarget } from '../electron/main/fleet/check-fleet';
import { estate, probeOf, simulatedRemoting } from '../test/fleet/servers';

/**
 * npm run bench:check — `check --computers`' engine over BENCH_CHECK_SERVERS simulated servers
 * (default 50: planted causes, unreachable, slow and healthy ones, as test/fleet/check.test.ts),
 * every reachable one running the real -Report payload under pwsh against its own fake Windows,
 * 8 at once over 2 warm sessions; against the same servers checked one at a time (what a person
 * does today: throttle 1, one session) over about BENCH_CHECK_PEER of them, every n-th (the same
 * mix of planted, healthy, slow and unreachable ones), in the same run.
 * Prints servers per minute for both, the ratio, and the load average beside each: the machine is
 * shared, so the numbers are noisy; the ratio is what to compare between runs.
 */

const SERVERS = Number(process.env.BENCH_CHECK_SERVERS ?? 50);
const PEER = Number(process.env.BENCH_CHECK_PEER ?? 12);

/** `every`: the peer takes every n-th server of the same estate, so both see the same mix. */
async function measure(every: number, throttleLimit: number, sessions: number): Promise<{ seconds: number; rows: number; load: number }> {
  const e = estate(SERVERS, { slowMs: 1_000, tooSlowMs: 30_000 });
  const sim = simulatedRemoting(e, sessions);
  const targets: FleetTarget[] = e.names.filter((_, i) => i % every === 0).map((n) => ({ input: n, host: n, port: 3389 }));
  let rows = 0;
  const load = loadavg()[0]!;
  const started = performance.now();
  try {
    await checkFleet(
      targets,
      sim.remoting,
      {
        throttleLimit,
        timeoutMs: 15_000,
        port: 3389,
        probeConcurrency: 32,
        probe: async (t) => ({ ...probeOf(e.wire[t.host] ?? 'ok'), target: { host: t.host, port: t.port } }),
      },
      () => rows++,
    );
  } finally {
    await sim.pool.dispose();
  }
  return { seconds: (performance.now() - started) / 1000, rows, load: (load + loadavg()[0]!) / 2 };
}

async function main() {
  const ours = await measure(1, 8, 2);
  const peer = await measure(Math.max(1, Math.round(SERVERS / PEER)), 1, 1);
  const perMinute = (r: { seconds: number; rows: number }) => (r.rows / r.seconds) * 60;
  console.log(
    `check --computers, ${ours.rows} servers, throttle 8 over 2 pwsh sessions: ${ours.seconds.toFixed(1)} s, ${perMinute(ours).toFixed(0)} servers/min (load average ${ours.load.toFixed(1)})`,
  );
  console.log(
    `one server at a time (throttle 1, one session), ${peer.rows} servers, same run: ${peer.seconds.toFixed(1)} s, ${perMinute(peer).toFixed(0)} servers/min (load average ${peer.load.toFixed(1)})`,
  );
  console.log(`ratio: ${(perMinute(ours) / perMinute(peer)).toFixed(1)}x`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
