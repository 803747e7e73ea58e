import { readFile } from 'node:fs/promises';
import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import { PROBE_EXIT_CODES, withExitCode } from './exit-codes';
import type { ProbeReport } from '../../shared/probe-facts';
import { parseTargetInput } from '../../shared/target';
import { probeTarget, type ProbeOptions } from '../main/probe/probe';
import { orderedWriter, progressLine, runPool } from './fleet';
import { bySeverity, CSV_HEADER, csvLine, jsonResult, renderReport, renderTable, summarize, type HostResult, type Summary } from './render';

/**
 * rdp-doctor: the probe for helpdesk staff and scripts. No electron import: it runs under plain
 * Node (built by electron-vite as out/main/rdp-doctor.js).
 *
 * Exit codes (for one host; for --file, the highest code of any host):
 *   0  Remote Desktop answers and the security handshake works
 *   1  it works, with warnings (certificate expiring or expired, old TLS only, RDP security only...)
 *   2  Remote Desktop answers but refuses or breaks the security setup (the 0x904 / 0x7 zone)
 *   3  something other than Remote Desktop answers on the port
 *   4  the port is closed, filtered or unreachable on every address
 *   5  the name does not resolve
 *   6  the probe was interrupted (timeout or Ctrl+C) before it could tell
 *  64  usage error
 *  70  internal error
 */

/**
 * Hosts at once for --file. Most of a probe is waiting (round trips, a filtered port's 3 s), so
 * more hosts than cores; each holds at most two sockets, and one server is never probed twice at once.
 */
export const DEFAULT_CONCURRENCY = 32;

export const USAGE = `Usage:
  rdp-doctor probe HOST[:PORT] [--json] [--timeout MS] [--no-nla]
  rdp-doctor probe --file hosts.txt [--concurrency N] [--csv | --jsonl | --json] [--timeout MS] [--no-nla]

Probes Remote Desktop without credentials: DNS, TCP, the RDP security negotiation, TLS versions
and the server certificate, and, where the server asks for NLA, what it says about itself in
CredSSP (its names, Windows build and clock; no credentials are sent). Explains why a connection
fails with error 0x904 / 0x7.
hosts.txt: one HOST or HOST:PORT ([IPv6]:PORT) a line; blank lines and # comments are skipped.
--file: --csv and --jsonl stream one line per host, in list order, as results come in (for big
lists and pipes); the table (default) and --json are sorted worst first once all are done.
--concurrency: hosts probed at once (default ${DEFAULT_CONCURRENCY}); one server is never probed twice at once.
A progress line goes to stderr when it is a terminal.

Exit codes: 0 ok, 1 warnings, 2 handshake refused, 3 not Remote Desktop, 4 port unreachable,
5 name does not resolve, 6 interrupted, 64 usage error, 70 internal error.
With --file the exit code is the highest of all hosts.
`;

export const EXIT_USAGE = 64;
export const EXIT_INTERNAL = 70;

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readFile(path: string): Promise<string>;
  probe?: (host: string, options: ProbeOptions) => Promise<ProbeReport>;
  signal?: AbortSignal;
}

interface Args {
  target: string | null;
  file: string | null;
  json: boolean;
  jsonl: boolean;
  csv: boolean;
  nla: boolean;
  timeoutMs: number | undefined;
  concurrency: number;
}

function parseArgs(argv: readonly string[]): Args | string {
  if (argv[0] !== 'probe') return argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' ? 'help' : `unknown command "${argv[0]}"`;
  const args: Args = {
    target: null,
    file: null,
    json: false,
    jsonl: false,
    csv: false,
    nla: true,
    timeoutMs: undefined,
    concurrency: DEFAULT_CONCURRENCY,
  };
  const number = (flag: string, v: string | undefined, min: number, max: number): number | string => {
    const n = Number(v);
    return v !== undefined && /^\d+$/.test(v) && n >= min && n <= max ? n : `${flag} needs a whole number from ${min} to ${max}`;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') args.json = true;
    else if (a === '--csv') args.csv = true;
    else if (a === '--jsonl') args.jsonl = true;
    else if (a === '--no-nla') args.nla = false;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--timeout' || a === '--concurrency' || a === '--file') {
      const v = argv[++i];
      if (a === '--file') {
        if (!v) return '--file needs a path';
        args.file = v;
        continue;
      }
      const n = a === '--timeout' ? number(a, v, 100, 600_000) : number(a, v, 1, 256);
      if (typeof n === 'string') return n;
      if (a === '--timeout') args.timeoutMs = n;
      else args.concurrency = n;
    } else if (a.startsWith('-')) return `unknown option "${a}"`;
    else if (args.target === null) args.target = a;
    else return `unexpected argument "${a}"`;
  }
  if (Number(args.json) + Number(args.csv) + Number(args.jsonl) > 1) return 'choose one of --json, --jsonl and --csv';
  if (!args.target === !args.file) return 'give one HOST[:PORT] or --file';
  if ((args.csv || args.jsonl) && !args.file) return `${args.csv ? '--csv' : '--jsonl'} is for --file`;
  return args;
}

type Parsed = { input: string; host: string; port: number } | { input: string; error: string };

function parseHost(input: string): Parsed {
  const p = parseTargetInput(input);
  if (p.ok) return { input, host: p.target.host, port: p.target.port };
  return { input, error: p.errors.host ?? p.errors.port ?? 'not a valid target' };
}

async function probeOne(
  t: { input: string; host: string; port: number },
  args: Args,
  io: CliIo,
  onProgress?: ProbeOptions['onProgress'],
): Promise<HostResult> {
  const report = await (io.probe ?? probeTarget)(t.host, {
    port: t.port,
    timeoutMs: args.timeoutMs,
    signal: io.signal,
    onProgress,
    nla: args.nla,
  });
  const findings = probeFindings(report);
  return { input: t.input, report, findings, verdict: withExitCode(probeVerdict(report, findings)) };
}

async function single(args: Args, io: CliIo): Promise<number> {
  const t = parseHost(args.target ?? '');
  if ('error' in t) {
    io.stderr.write(`rdp-doctor: ${t.error}\n`);
    return EXIT_USAGE;
  }
  const tty = io.stderr.isTTY === true;
  const result = await probeOne(t, args, io, tty ? (p) => io.stderr.write(`\r\x1b[K${p.detail}`) : undefined);
  if (tty) io.stderr.write('\r\x1b[K');
  io.stdout.write(args.json ? `${JSON.stringify(jsonResult(result), null, 2)}\n` : renderReport(result));
  return result.verdict.exitCode;
}

async function batch(args: Args, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await io.readFile(args.file ?? '');
  } catch (err) {
    io.stderr.write(`rdp-doctor: cannot read ${args.file}: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const parsed = lines.map(parseHost);
  const bad = parsed.filter((p): p is { input: string; error: string } => 'error' in p);
  if (bad.length) {
    for (const b of bad) io.stderr.write(`rdp-doctor: ${args.file}: "${b.input}": ${b.error}\n`);
    return EXIT_USAGE;
  }
  const targets = parsed as { input: string; host: string; port: number }[];
  const progress = io.stderr.isTTY === true ? progressLine(io.stderr, targets.length) : null;
  // Streamed formats leave in list order as results come in; the others keep what they need to
  // sort at the end (the table only a small summary per host, --json the whole result).
  const stream = args.csv || args.jsonl ? orderedWriter((line) => io.stdout.write(line)) : null;
  if (args.csv) io.stdout.write(CSV_HEADER);
  const summaries: Summary[] = [];
  const documents: { summary: Summary; json: ReturnType<typeof jsonResult> }[] = [];
  let exitCode: number = PROBE_EXIT_CODES.ok;
  await runPool(
    targets,
    { concurrency: args.concurrency, key: (t) => `${t.host.toLowerCase()}|${t.port}`, signal: io.signal },
    async (t, i) => {
      const r = await probeOne(t, args, io);
      const summary = summarize(r);
      exitCode = Math.max(exitCode, r.verdict.exitCode);
      if (stream) stream.put(i, args.csv ? csvLine(summary) : `${JSON.stringify(jsonResult(r))}\n`);
      else if (args.json) documents.push({ summary, json: jsonResult(r) });
      else summaries.push(summary);
      progress?.done(r.verdict.severity);
    },
  );
  progress?.end();
  stream?.flush();
  if (args.json) {
    documents.sort((a, b) => bySeverity(a.summary, b.summary));
    io.stdout.write(`${JSON.stringify({ exitCode, results: documents.map((d) => d.json) }, null, 2)}\n`);
  } else if (!stream) io.stdout.write(renderTable(summaries));
  return exitCode;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr.write(`rdp-doctor: ${args}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await (args.file ? batch(args, io) : single(args, io));
  } catch (err) {
    io.stderr.write(`rdp-doctor: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_INTERNAL;
  }
}

function runFromCommandLine(): void {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (p) => readFile(p, 'utf8'),
    signal: abort.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_INTERNAL;
    },
  );
}

// Imported by tests (main() only); run when node starts this file, as source or as the build.
if (/rdp-doctor(\.[cm]?[jt]s)?$/.test(process.argv[1] ?? '')) runFromCommandLine();
