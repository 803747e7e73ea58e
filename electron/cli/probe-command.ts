import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import { PROBE_EXIT_CODES, withExitCode } from './exit-codes';
import { parseTargetInput } from '../../shared/target';
import { probeTarget, type ProbeOptions } from '../main/probe/probe';
import { FORMAT_OPTIONS, listLines, outputFormat, parseCommand, wholeNumber, type OutputFormat } from './args';
import { orderedWriter, progressLine, runPool } from './fleet';
import { EXIT_USAGE, type CliIo } from './io';
import { bySeverity, CSV_HEADER, csvLine, jsonResult, renderReport, renderTable, summarize, type HostResult, type Summary } from './render';
import { jsonText, terminalValue } from './safe-text';

/**
 * Hosts at once for --file. Most of a probe is waiting (round trips, a filtered port's 3 s), so
 * more hosts than cores; each holds at most two sockets, and one server is never probed twice at once.
 */
export const DEFAULT_CONCURRENCY = 32;

export const PROBE_USAGE = `Usage:
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
--timeout: the whole probe of one host, in ms (default 10000).
A progress line goes to stderr when it is a terminal.

Exit codes: 0 ok, 1 warnings, 2 handshake refused, 3 not Remote Desktop, 4 port unreachable,
5 name does not resolve, 6 interrupted, 64 usage error, 70 internal error.
With --file the exit code is the highest of all hosts.
`;

const OPTIONS = {
  ...FORMAT_OPTIONS,
  file: { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  nla: { type: 'boolean', default: true },
} as const;

interface ProbeArgs {
  target: string | null;
  file: string | null;
  format: OutputFormat;
  nla: boolean;
  timeoutMs: number | undefined;
  concurrency: number;
}

function probeArgs(argv: readonly string[]): ProbeArgs | 'help' | string {
  const p = parseCommand(argv, OPTIONS);
  if (typeof p === 'string') return p;
  const { values, positionals } = p;
  if (values.help) return 'help';
  const timeoutMs = wholeNumber('--timeout', values.timeout, 100, 600_000);
  if (typeof timeoutMs === 'string') return timeoutMs;
  const concurrency = wholeNumber('--concurrency', values.concurrency, 1, 256);
  if (typeof concurrency === 'string') return concurrency;
  const format = outputFormat(values);
  if (format !== 'table' && format !== 'json' && format !== 'jsonl' && format !== 'csv') return format;
  if (positionals.length > 1) return `unexpected argument "${positionals[1]}"`;
  const target = positionals[0] ?? null;
  const file = values.file ?? null;
  if (file === '') return '--file needs a path';
  if (!target === !file) return 'give one HOST[:PORT] or --file';
  if ((format === 'csv' || format === 'jsonl') && !file) return `--${format} is for --file`;
  return { target, file, format, nla: values.nla !== false, timeoutMs, concurrency: concurrency ?? DEFAULT_CONCURRENCY };
}

type ParsedHost = { input: string; host: string; port: number } | { input: string; error: string };

export function parseHost(input: string): ParsedHost {
  const p = parseTargetInput(input);
  if (p.ok) return { input, host: p.target.host, port: p.target.port };
  return { input, error: p.errors.host ?? p.errors.port ?? 'not a valid target' };
}

/** A list file's hosts, or the usage error (every bad line named on stderr). */
export async function readHostList(path: string, io: CliIo): Promise<{ input: string; host: string; port: number }[] | number> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (err) {
    io.stderr.write(`rdp-doctor: cannot read ${path}: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const parsed = listLines(text).map(parseHost);
  const bad = parsed.filter((p): p is { input: string; error: string } => 'error' in p);
  if (bad.length) {
    for (const b of bad) io.stderr.write(`rdp-doctor: ${terminalValue(`${path}: "${b.input}": ${b.error}`)}\n`);
    return EXIT_USAGE;
  }
  return parsed as { input: string; host: string; port: number }[];
}

async function probeOne(
  t: { input: string; host: string; port: number },
  args: Pick<ProbeArgs, 'timeoutMs' | 'nla'>,
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

async function single(args: ProbeArgs, io: CliIo): Promise<number> {
  const t = parseHost(args.target ?? '');
  if ('error' in t) {
    io.stderr.write(`rdp-doctor: ${t.error}\n`);
    return EXIT_USAGE;
  }
  const tty = io.stderr.isTTY === true;
  const result = await probeOne(t, args, io, tty ? (p) => io.stderr.write(`\r\x1b[K${p.detail}`) : undefined);
  if (tty) io.stderr.write('\r\x1b[K');
  io.stdout.write(args.format === 'json' ? `${jsonText(JSON.stringify(jsonResult(result), null, 2))}\n` : renderReport(result));
  return result.verdict.exitCode;
}

async function batch(args: ProbeArgs, io: CliIo): Promise<number> {
  const targets = await readHostList(args.file ?? '', io);
  if (typeof targets === 'number') return targets;
  const progress = io.stderr.isTTY === true ? progressLine(io.stderr, targets.length) : null;
  // Streamed formats leave in list order as results come in; the others keep what they need to
  // sort at the end (the table only a small summary per host, --json the whole result).
  const streamed = args.format === 'csv' || args.format === 'jsonl';
  const stream = streamed ? orderedWriter((line) => io.stdout.write(line)) : null;
  if (args.format === 'csv') io.stdout.write(CSV_HEADER);
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
      if (stream) stream.put(i, args.format === 'csv' ? csvLine(summary) : `${jsonText(JSON.stringify(jsonResult(r)))}\n`);
      else if (args.format === 'json') documents.push({ summary, json: jsonResult(r) });
      else summaries.push(summary);
      progress?.done(r.verdict.severity);
    },
  );
  progress?.end();
  stream?.flush();
  if (args.format === 'json') {
    documents.sort((a, b) => bySeverity(a.summary, b.summary));
    io.stdout.write(`${jsonText(JSON.stringify({ exitCode, results: documents.map((d) => d.json) }, null, 2))}\n`);
  } else if (!stream) io.stdout.write(renderTable(summaries));
  return exitCode;
}

/** `rdp-doctor probe ...` (argv without the command name). */
export async function probeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = probeArgs(argv);
  if (args === 'help') {
    io.stdout.write(PROBE_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr.write(`rdp-doctor: ${args}\n\n${PROBE_USAGE}`);
    return EXIT_USAGE;
  }
  return args.file ? batch(args, io) : single(args, io);
}
