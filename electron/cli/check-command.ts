import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostKey } from '../../shared/server-place';
import { checkFleet, type FleetServerResult } from '../main/fleet/check-fleet';
import type { FleetRemoting } from '../main/fleet/remoting';
import { WindowsFleetRemoting } from '../main/fleet/windows-remoting';
import { intunePairs } from '../main/fleet/intune-export';
import { probeTarget } from '../main/probe/probe';
import { makeFixScript } from '../main/remote/fix-script';
import { RemoteCredentials } from '../main/remote/credentials';
import { loadScriptTexts } from '../main/remote/script-texts';
import { FORMAT_OPTIONS, outputFormat, parseCommand, wholeNumber, type OutputFormat } from './args';
import { orderedWriter, progressLine } from './fleet';
import { byWorst, fleetCsvLine, fleetJson, fleetRow, FLEET_CSV_HEADER, renderFleetTable, type FleetRow } from './fleet-render';
import { EXIT_USAGE, type CliIo, type RemotingRequest } from './io';
import { readHostList } from './probe-command';
import { reportFileName } from './report-files';
import { DEFAULT_RDP_PORT } from '../../shared/target';

/** Invoke-Command's own default ThrottleLimit (about_Remote: 32 concurrent connections). */
export const DEFAULT_THROTTLE = 32;
/** A full -Report reads event logs and updates: tens of seconds on a busy server over a WAN. */
export const DEFAULT_SERVER_TIMEOUT_MS = 120_000;
const PROBE_CONCURRENCY = 32;

export const CHECK_USAGE = `Usage:
  rdp-doctor check --computers servers.txt [--user NAME] [--ssl] [--throttle N] [--timeout MS]
                   [--port PORT] [--out DIR] [--no-probe] [--csv | --jsonl | --json]
  rdp-doctor check --export-intune DIR [--report-share \\\\server\\share]

Runs RDP Doctor's server checks on every listed server over PowerShell remoting (Windows' own
Invoke-Command -ComputerName ... -ThrottleLimit N), changing nothing, and probes each from here
beside it: one row per server with both ends, worst first. Needs Windows on this computer.
servers.txt: one server name a line (a server listed twice is checked once); # comments are skipped.
--user: sign in as this account; the password is asked on the terminal (never read from a file
or an argument). Without it, your own Windows sign-in is used (Kerberos in a domain).
--ssl: WinRM over HTTPS (5986). --throttle: servers at once (default ${DEFAULT_THROTTLE}).
--timeout: per server, in ms (default ${DEFAULT_SERVER_TIMEOUT_MS}); a server past it is stopped and its row says so.
--port: the Remote Desktop port to probe and compare with (default ${DEFAULT_RDP_PORT}).
--out: the folder for one report per server (the server-report format "Open the server's report"
reads; default rdp-doctor-reports/<date-time>). Existing files are never overwritten.
--no-probe: leave the network end out. A server that cannot be reached is a row with the reason.
--csv and --jsonl stream one line per server in list order; the table and --json are worst first.
A progress line goes to stderr when it is a terminal.
--export-intune: where remoting is not allowed, writes the safe fixes as Intune Remediations
pairs (detect-<fix>.ps1 exits 1 when the cause is there; remediate-<fix>.ps1 backs up, fixes,
checks again); --report-share: a folder every detection run saves the server's report in, for
"rdp-doctor reports". See the README, "Fleet".

Exit codes (the highest of all servers): 0 no problem, 1 warnings or not every check ran,
2 a cause found or the handshake refused, 3 not Remote Desktop, 4 port unreachable,
5 name does not resolve, 6 interrupted, 64 usage error, 70 internal error.
`;

const OPTIONS = {
  ...FORMAT_OPTIONS,
  computers: { type: 'string' },
  user: { type: 'string' },
  ssl: { type: 'boolean' },
  throttle: { type: 'string' },
  timeout: { type: 'string' },
  port: { type: 'string' },
  out: { type: 'string' },
  probe: { type: 'boolean', default: true },
  'export-intune': { type: 'string' },
  'report-share': { type: 'string' },
} as const;

interface CheckArgs {
  computers: string;
  user: string | null;
  ssl: boolean;
  throttle: number;
  timeoutMs: number;
  port: number;
  out: string | null;
  probe: boolean;
  format: OutputFormat;
}

interface ExportArgs {
  exportTo: string;
  reportShare: string | null;
}

function checkArgs(argv: readonly string[]): CheckArgs | ExportArgs | 'help' | string {
  const p = parseCommand(argv, OPTIONS);
  if (typeof p === 'string') return p;
  const { values, positionals } = p;
  if (values.help) return 'help';
  if (positionals.length) return `unexpected argument "${positionals[0]}"`;
  if (values['export-intune'] !== undefined) {
    if (values.computers) return 'choose one of --computers and --export-intune';
    if (!values['export-intune']) return '--export-intune needs a folder';
    return { exportTo: values['export-intune'], reportShare: values['report-share'] ?? null };
  }
  if (values['report-share'] !== undefined) return '--report-share is for --export-intune';
  if (!values.computers) return 'give the list of servers with --computers FILE';
  const throttle = wholeNumber('--throttle', values.throttle, 1, 1000);
  if (typeof throttle === 'string') return throttle;
  const timeoutMs = wholeNumber('--timeout', values.timeout, 1000, 3_600_000);
  if (typeof timeoutMs === 'string') return timeoutMs;
  const port = wholeNumber('--port', values.port, 1, 65535);
  if (typeof port === 'string') return port;
  const format = outputFormat(values);
  if (format !== 'table' && format !== 'json' && format !== 'jsonl' && format !== 'csv') return format;
  if (values.user !== undefined && !values.user.trim()) return '--user needs an account name';
  if (values.out === '') return '--out needs a folder';
  return {
    computers: values.computers,
    user: values.user ?? null,
    ssl: values.ssl === true,
    throttle: throttle ?? DEFAULT_THROTTLE,
    timeoutMs: timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS,
    port: port ?? DEFAULT_RDP_PORT,
    out: values.out ?? null,
    probe: values.probe !== false,
    format,
  };
}

/** The shipped scripts: resources/scripts beside a packaged app, assets/scripts in a checkout. */
function scriptsDir(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'assets', 'scripts'), join(dir, 'resources', 'scripts'), join(dir, 'scripts')]) {
      if (existsSync(join(candidate, 'invoke-fleet.ps1'))) return candidate;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The payload every server runs: the check script the app generates, in its -Report mode. */
export function fleetPayload(dir: string, port: number): string {
  return makeFixScript([], { host: 'rdp-doctor-fleet', port }, loadScriptTexts(dir)).content;
}

/** Windows' Invoke-Command, or why it cannot run here. */
function windowsRemoting(request: RemotingRequest): FleetRemoting | string {
  if (process.platform !== 'win32') {
    return 'check --computers runs Windows PowerShell remoting (Invoke-Command), so it runs on Windows. Elsewhere, collect the servers\' reports (the Intune export, or the check script\'s -Report) and read them with "rdp-doctor reports DIR".';
  }
  const dir = scriptsDir();
  if (!dir) return "RDP Doctor's scripts folder (with invoke-fleet.ps1) was not found beside this program.";
  const credentials = request.userName !== null ? new RemoteCredentials(request.userName, request.password ?? '') : null;
  return new WindowsFleetRemoting(dir, fleetPayload(dir, request.port), credentials, request.useSsl);
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** `rdp-doctor check ...` (argv without the command name). */
export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = checkArgs(argv);
  if (args === 'help') {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr.write(`rdp-doctor: ${args}\n\n${CHECK_USAGE}`);
    return EXIT_USAGE;
  }
  if ('exportTo' in args) return exportIntune(args, io);
  const listed = await readHostList(args.computers, io);
  if (typeof listed === 'number') return listed;
  // One row per server: a name listed twice is one server (and never worked on twice at once).
  const seen = new Set<string>();
  const targets = listed.filter((t) => !seen.has(hostKey(t.host)) && !!seen.add(hostKey(t.host))).map((t) => ({ ...t, port: args.port }));
  if (targets.length === 0) {
    io.stderr.write(`rdp-doctor: ${args.computers} lists no server\n`);
    return EXIT_USAGE;
  }
  let password: string | null = null;
  if (args.user !== null) {
    password = io.askPassword ? await io.askPassword(`Password for ${args.user}: `) : null;
    if (password === null) {
      io.stderr.write('rdp-doctor: --user needs a terminal to ask for the password (it is never read from a file or an argument)\n');
      return EXIT_USAGE;
    }
  }
  const remoting = (io.remoting ?? windowsRemoting)({ port: args.port, userName: args.user, password, useSsl: args.ssl });
  password = null;
  if (typeof remoting === 'string') {
    io.stderr.write(`rdp-doctor: ${remoting}\n`);
    return EXIT_USAGE;
  }
  const out = args.out ?? join('rdp-doctor-reports', stamp(new Date()));
  const files = io.files;
  if (!files) throw new Error('no file access');
  await files.makeDir(out);

  const progress = io.stderr.isTTY === true ? progressLine(io.stderr, targets.length) : null;
  const streamed = args.format === 'csv' || args.format === 'jsonl';
  const stream = streamed ? orderedWriter((line) => io.stdout.write(line)) : null;
  if (args.format === 'csv') io.stdout.write(FLEET_CSV_HEADER);
  const rows: FleetRow[] = [];
  const documents: { row: FleetRow; json: ReturnType<typeof fleetJson> }[] = [];
  const writes: Promise<void>[] = [];
  let saved = 0;
  let exitCode = 0;
  const onServer = (r: FleetServerResult, i: number) => {
    const row = fleetRow(r);
    exitCode = Math.max(exitCode, row.exitCode);
    if (r.outcome.ok) {
      const path = join(out, reportFileName(r.target.host));
      writes.push(
        files.writeNew(path, r.outcome.text).then(
          () => void saved++,
          (err: unknown) => void io.stderr.write(`rdp-doctor: ${path} not written: ${(err as Error).message}\n`),
        ),
      );
    }
    if (stream) stream.put(i, args.format === 'csv' ? fleetCsvLine(row) : `${JSON.stringify(fleetJson(r, row))}\n`);
    else if (args.format === 'json') documents.push({ row, json: fleetJson(r, row) });
    else rows.push(row);
    progress?.done(row.checks);
  };
  await checkFleet(
    targets,
    remoting,
    {
      throttleLimit: args.throttle,
      timeoutMs: args.timeoutMs,
      port: args.port,
      signal: io.signal,
      probeConcurrency: PROBE_CONCURRENCY,
      probe: args.probe ? (t) => (io.probe ?? probeTarget)(t.host, { port: t.port, signal: io.signal }) : null,
    },
    onServer,
  );
  await Promise.all(writes);
  progress?.end();
  stream?.flush();
  if (args.format === 'json') {
    documents.sort((a, b) => byWorst(a.row, b.row));
    io.stdout.write(`${JSON.stringify({ exitCode, results: documents.map((d) => d.json) }, null, 2)}\n`);
  } else if (!stream) io.stdout.write(renderFleetTable(rows));
  io.stderr.write(`rdp-doctor: ${saved} of ${targets.length} server reports saved in ${out}\n`);
  if (io.signal?.aborted) exitCode = Math.max(exitCode, 6);
  return exitCode;
}

/** `check --export-intune DIR`: the Remediations pairs, as new files (an existing one is never overwritten). */
async function exportIntune(args: ExportArgs, io: CliIo): Promise<number> {
  const dir = scriptsDir();
  if (!dir) {
    io.stderr.write("rdp-doctor: RDP Doctor's scripts folder was not found beside this program.\n");
    return EXIT_USAGE;
  }
  const files = io.files;
  if (!files) throw new Error('no file access');
  const pairs = intunePairs(loadScriptTexts(dir), args.reportShare ? { reportShare: args.reportShare } : {});
  await files.makeDir(args.exportTo);
  for (const pair of pairs) {
    for (const file of [pair.detection, pair.remediation]) await files.writeNew(join(args.exportTo, file.fileName), file.content);
    io.stdout.write(`${pair.title}: ${pair.detection.fileName} (detection), ${pair.remediation.fileName} (remediation)\n`);
  }
  io.stdout.write(
    `${pairs.length} Remediations pairs in ${args.exportTo}. Import each in Intune: Devices > Scripts and remediations > Create (README, "Fleet").\n`,
  );
  return 0;
}
