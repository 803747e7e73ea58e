import { join } from 'node:path';
import { parseServerReport, SERVER_REPORT_MAX_CHARS } from '../../shared/server-report';
import { diagnoseServer, type FleetServerResult } from '../main/fleet/check-fleet';
import { FORMAT_OPTIONS, outputFormat, parseCommand } from './args';
import { byWorst, fleetCsvLine, fleetJson, fleetRow, FLEET_CSV_HEADER, renderFleetTable } from './fleet-render';
import { EXIT_USAGE, type CliIo } from './io';
import { DEFAULT_RDP_PORT } from '../../shared/target';

export const REPORTS_USAGE = `Usage:
  rdp-doctor reports DIR [--csv | --jsonl | --json]

Reads a folder of server reports (the .json files RDP Doctor's check script writes with -Report,
the Intune remediation writes to a share, or "check --computers --out" saved) into one summary:
one row per report, worst first, with the findings the app would show for that server. A file
that is not a valid report is a row with the reason; nothing is changed.
--csv and --jsonl stream one line per file in name order; the table and --json are worst first.

Exit codes (the highest of all servers): 0 no problem, 1 warnings or not every check ran,
2 a cause found, 64 usage error, 70 internal error.
`;

/** The name a report says it was made for (it must also be the computer's own, see parseServerReport). */
function madeForHost(text: string): string | null {
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as { madeFor?: { host?: unknown }; computer?: { name?: unknown } };
    const host = json.madeFor?.host ?? json.computer?.name;
    return typeof host === 'string' && host.trim() ? host.trim() : null;
  } catch {
    return null;
  }
}

/** One file as a row: its diagnosis (the server's checks only: no probe from here), or why not. */
function readOne(name: string, text: string): FleetServerResult {
  const host = madeForHost(text) ?? name.replace(/\.json$/, '');
  const parsed = parseServerReport(text, { host });
  const target = { input: name, host, port: parsed.ok ? parsed.report.madeFor.port : DEFAULT_RDP_PORT };
  if (!parsed.ok) return diagnoseServer(target, { ok: false, reason: `${name}: ${parsed.message}` }, null);
  const { report } = parsed;
  return diagnoseServer(target, { ok: true, report, text }, null, {
    kind: 'report',
    computer: report.computer.name,
    takenAt: report.takenAt,
  });
}

/** `rdp-doctor reports DIR ...` (argv without the command name). */
export async function reportsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommand(argv, FORMAT_OPTIONS);
  const fail = (message: string) => {
    io.stderr.write(`rdp-doctor: ${message}\n\n${REPORTS_USAGE}`);
    return EXIT_USAGE;
  };
  if (typeof p === 'string') return fail(p);
  if (p.values.help) {
    io.stdout.write(REPORTS_USAGE);
    return 0;
  }
  if (p.positionals.length !== 1)
    return fail(p.positionals.length ? `unexpected argument "${p.positionals[1]}"` : 'give the folder of reports');
  const format = outputFormat(p.values);
  if (format !== 'table' && format !== 'json' && format !== 'jsonl' && format !== 'csv') return fail(format);
  const dir = p.positionals[0]!;
  const files = io.files;
  if (!files) throw new Error('no file access');
  let names: string[];
  try {
    names = await files.listJson(dir);
  } catch (err) {
    io.stderr.write(`rdp-doctor: cannot read ${dir}: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (names.length === 0) {
    io.stderr.write(`rdp-doctor: ${dir} holds no .json report\n`);
    return EXIT_USAGE;
  }
  if (format === 'csv') io.stdout.write(FLEET_CSV_HEADER);
  const done: { row: ReturnType<typeof fleetRow>; result: FleetServerResult }[] = [];
  let exitCode = 0;
  // One file at a time: each is at most SERVER_REPORT_MAX_CHARS, so memory stays flat for any folder.
  for (const name of names) {
    let text: string;
    try {
      text = await files.readCapped(join(dir, name), SERVER_REPORT_MAX_CHARS);
    } catch (err) {
      text = '';
      io.stderr.write(`rdp-doctor: cannot read ${name}: ${(err as Error).message}\n`);
    }
    const result = readOne(name, text);
    const row = fleetRow(result);
    exitCode = Math.max(exitCode, row.exitCode);
    if (format === 'csv') io.stdout.write(fleetCsvLine(row));
    else if (format === 'jsonl') io.stdout.write(`${JSON.stringify(fleetJson(result, row))}\n`);
    else done.push({ row, result });
  }
  if (format === 'json') {
    done.sort((a, b) => byWorst(a.row, b.row));
    io.stdout.write(`${JSON.stringify({ exitCode, results: done.map((d) => fleetJson(d.result, d.row)) }, null, 2)}\n`);
  } else if (format === 'table') io.stdout.write(renderFleetTable(done.map((d) => d.row)));
  return exitCode;
}
