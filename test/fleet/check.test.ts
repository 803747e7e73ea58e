import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, EXIT_USAGE, type CliIo } from '../../electron/cli/rdp-doctor';
import type { ReportFiles } from '../../electron/cli/io';
import { parseServerReport } from '../../shared/server-report';
import { loadavg } from 'node:os';
import { estate, expectedFinding, PLANTED, probeOf, simulatedRemoting, type Estate } from './servers';
import { SimulatedFleetRemoting } from '../../electron/main/fleet/simulated-remoting';

/**
 * `rdp-doctor check --computers` end to end: 50 simulated servers over simulated PowerShell
 * remoting, each running the real check payload (the generated script's -Report mode, as
 * Invoke-Command -FilePath ships it) under pwsh against its own fake Windows, the probe beside it.
 */

const TIMEOUT_MS = 120_000;
const e: Estate = estate(56, { slowMs: 1_500 });
const sim = simulatedRemoting(e, 2);

function memoryFiles(): ReportFiles & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    makeDir: async () => undefined,
    writeNew: async (path, text) => {
      if (saved.has(path)) throw new Error('EEXIST');
      saved.set(path, text);
    },
    listJson: async () => [...saved.keys()].map((p) => p.split('/').at(-1)!).sort(),
    readCapped: async (path) => saved.get(path) ?? '',
  };
}

function io(opts: { tty?: boolean; remoting?: CliIo['remoting'] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files = memoryFiles();
  const probed: string[] = [];
  const value: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s), isTTY: opts.tty ?? false },
    readFile: async () => `# the estate\n${e.names.join('\n')}\nSRV-01\n`,
    probe: async (host) => {
      probed.push(host);
      return { ...probeOf(e.wire[host] ?? 'ok'), target: { host, port: 3389 } };
    },
    remoting: opts.remoting ?? (() => sim.remoting),
    files,
  };
  return { value, out: () => out.join(''), err: () => err.join(''), files, probed };
}

type Row = Record<'server' | 'computer' | 'checks' | 'probe' | 'finding' | 'exit_code' | 'finding_id' | 'taken_at' | 'reason', string>;

let run: ReturnType<typeof io>;
let code: number;
let seconds: number;

beforeAll(async () => {
  run = io({ tty: true });
  const started = performance.now();
  code = await main(
    ['check', '--computers', 'servers.txt', '--csv', '--timeout', String(TIMEOUT_MS), '--throttle', '8', '--out', 'reports'],
    run.value,
  );
  seconds = (performance.now() - started) / 1000;
}, 600_000);

afterAll(() => sim.pool.dispose());

const rows = () => {
  const [header, ...lines] = run.out().trim().split('\n');
  const names = header!.split(',');
  return lines.map((l) => {
    // No cell of these rows holds a quoted comma but the reason and finding, which come last or are checked whole.
    const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])) as Row;
  });
};
const row = (server: string) => rows().find((r) => r.server === server)!;

describe('rdp-doctor check --computers (50 simulated servers, the real scripts under pwsh)', () => {
  it('one row per server, in list order, the one listed twice once; at least 50 ran the real scripts', () => {
    expect(rows().map((r) => r.server)).toEqual(e.names);
    expect(sim.remoting.runs.size).toBeGreaterThanOrEqual(50);
    console.log(`check --computers: ${e.names.length} servers in ${seconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)})`);
    // Each reachable server's payload ran exactly once; never more than 8 servers at once.
    for (const [name, n] of sim.remoting.runs) expect([name, n]).toEqual([name, 1]);
    expect(sim.remoting.maxAtOnce).toBe(8);
  });

  it("finds each planted cause on its server, with the probe's end beside it", () => {
    for (const name of e.names.filter((n) => e.kind[n] === 'planted')) {
      const r = row(name);
      const planted = PLANTED.find((p) => p.scenario === e.scenarioOf[name])!;
      expect([name, r.checks, r.finding_id]).toEqual([name, planted.verdict, expectedFinding(planted.scenario)]);
      expect(r.computer).toBe(name.toUpperCase());
    }
    // Both ends: the firewall's server is filtered from here, TermService's refuses.
    expect(row('srv-01').probe).toBe('unreachable');
    expect(row('srv-02').probe).toBe('unreachable');
    expect(Number(row('srv-01').exit_code)).toBe(4);
  });

  it('healthy servers say no problem and exit 0', () => {
    const healthy = e.names.filter((n) => e.kind[n] === 'healthy' || e.kind[n] === 'slow');
    expect(healthy.length).toBeGreaterThanOrEqual(30);
    for (const name of healthy) expect([name, row(name).checks, row(name).exit_code]).toEqual([name, 'no-problem', '0']);
  });

  it('a server remoting cannot reach is a row with the reason in plain words, never a stop', () => {
    for (const name of e.names.filter((n) => e.kind[n] === 'unreachable' || e.kind[n] === 'unknown')) {
      const r = row(name);
      expect(r.checks).toBe('not-checked');
      expect(r.reason).toMatch(/WinRM on srv-\d+ could not be reached|refused the account you gave: access is denied/);
      expect(r.reason).toContain('(Windows said: Connecting to remote server');
      // The network end is still there.
      expect(r.probe).toBe('ok');
    }
  });

  it('the slow servers within their time are checked', () => {
    for (const name of e.names.filter((n) => e.kind[n] === 'slow')) expect(row(name).checks).toBe('no-problem');
  });

  it('a report from another computer than the one listed is refused, not filed under that name', () => {
    const r = row(e.names.find((n) => e.kind[n] === 'impostor')!);
    expect(r.checks).toBe('not-checked');
    expect(r.reason).toMatch(/^This report is from OTHER-PC, but you are diagnosing srv-\d+/);
  });

  it('saves one report per checked server in the server-report format the app opens', () => {
    const checked = rows().filter((r) => r.checks !== 'not-checked');
    expect([...run.files.saved.keys()].sort()).toEqual(checked.map((r) => `reports/rdp-doctor-report-${r.server}.json`).sort());
    for (const r of checked) {
      const parsed = parseServerReport(run.files.saved.get(`reports/rdp-doctor-report-${r.server}.json`)!, { host: r.server });
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.report.madeFor).toEqual({ host: r.server, port: 3389 });
    }
    expect(run.err()).toContain(`${checked.length} of ${e.names.length} server reports saved in reports`);
  });

  it('exits with the worst server, shows progress on a terminal and clears it', () => {
    expect(code).toBe(Math.max(...rows().map((r) => Number(r.exit_code))));
    expect(run.err()).toContain(`[${e.names.length}/${e.names.length}]`);
    expect(run.err()).toContain('\r\x1b[K');
    expect(run.probed.sort()).toEqual([...e.names].sort());
  });

  it('reports DIR reads the saved reports back into the same rows (without the probe end)', async () => {
    const back = io();
    back.value.files = run.files;
    const readCode = await main(['reports', 'reports', '--jsonl'], back.value);
    const lines = back
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { server: string; checks: string; findingId: string; probe: string });
    const checked = rows().filter((r) => r.checks !== 'not-checked');
    expect(lines.map((l) => [l.server, l.checks, l.findingId, l.probe]).sort()).toEqual(
      checked.map((r) => [r.server, r.checks, r.finding_id, '-']).sort(),
    );
    expect(readCode).toBe(2);
  });
});

describe('rdp-doctor check: the per-server timeout', () => {
  it('a server past its time is stopped (what has not started there does not start) and says so; the others are not held up', async () => {
    // No server here reaches a pwsh run: one never answers, one cannot be reached.
    const quick = estate(15, { slowMs: 0, tooSlowMs: 600_000 });
    const names = ['srv-09', 'srv-15'];
    const remoting = new SimulatedFleetRemoting(Object.fromEntries(names.map((n) => [n, quick.servers[n]!])), sim.pool, 'unused', 0);
    const t = io({ remoting: () => remoting });
    t.value.readFile = async () => names.join('\n');
    const started = performance.now();
    expect(await main(['check', '--computers', 'x', '--jsonl', '--timeout', '2000', '--no-probe', '--out', 'r'], t.value)).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { server: string; checks: string; reason: string; probe: string });
    expect(lines.map((l) => [l.server, l.checks, l.probe])).toEqual([
      ['srv-09', 'not-checked', '-'],
      ['srv-15', 'not-checked', '-'],
    ]);
    expect(lines[1]!.reason).toBe('No answer within 2 s: stopped.');
    expect(remoting.runs.size).toBe(0);
  });
});

describe('rdp-doctor check: usage', () => {
  it.each([
    [['check'], 'give the list of servers with --computers FILE'],
    [['check', '--computers', 'x', '--throttle', '0'], '--throttle needs a whole number from 1 to 1000'],
    [['check', '--computers', 'x', '--csv', '--json'], 'choose one of --json, --jsonl and --csv'],
    [['check', '--computers', 'x', '--password', 'p'], "Unknown option '--password'"],
    [['check', '--computers', 'x', 'extra'], 'unexpected argument "extra"'],
  ])('%j is a usage error: %s', async (argv, message) => {
    const t = io();
    expect(await main(argv, t.value)).toBe(EXIT_USAGE);
    expect(t.err()).toContain(`rdp-doctor: ${message}`);
    expect(t.err()).toContain('Usage:\n  rdp-doctor check --computers');
  });

  it('--user asks for the password on the terminal only: without one it refuses, and nothing runs', async () => {
    const t = io({ remoting: () => 'must not be asked' });
    expect(await main(['check', '--computers', 'x', '--user', 'CORP\\helpdesk'], t.value)).toBe(EXIT_USAGE);
    expect(t.err()).toContain('--user needs a terminal to ask for the password (it is never read from a file or an argument)');
    expect(t.probed).toEqual([]);
  });

  it('--help per command', async () => {
    for (const [command, line] of [
      ['check', 'rdp-doctor check --computers servers.txt'],
      ['reports', 'rdp-doctor reports DIR'],
      ['probe', 'rdp-doctor probe HOST[:PORT]'],
    ] as const) {
      const t = io();
      expect(await main([command, '--help'], t.value)).toBe(0);
      expect(t.out()).toContain(line);
    }
  });
});
