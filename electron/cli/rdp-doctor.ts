import { readFile } from 'node:fs/promises';
import { checkCommand, CHECK_USAGE } from './check-command';
import { EXIT_INTERNAL, EXIT_USAGE, type CliIo } from './io';
import { probeCommand, PROBE_USAGE } from './probe-command';
import { nodeReportFiles } from './report-files';
import { reportsCommand, REPORTS_USAGE } from './reports-command';
import { terminalPassword } from './password';
import { terminalText } from './safe-text';

/**
 * rdp-doctor: the probe, the fleet check and the reports reader for helpdesk staff and scripts.
 * No electron import: it runs under plain Node (built by electron-vite as out/main/rdp-doctor.js).
 *
 * Exit codes (for one host; for a list, the highest code of any host):
 *   0  Remote Desktop answers and the security handshake works (and the server's checks found nothing)
 *   1  it works, with warnings (certificate expiring or expired, old TLS only, RDP security only,
 *      a possible cause, or not every server check ran)
 *   2  Remote Desktop answers but refuses or breaks the security setup, or the server's checks
 *      found the cause (the 0x904 / 0x7 zone)
 *   3  something other than Remote Desktop answers on the port
 *   4  the port is closed, filtered or unreachable on every address
 *   5  the name does not resolve
 *   6  the probe was interrupted (timeout or Ctrl+C) before it could tell
 *  64  usage error
 *  70  internal error
 */

export { EXIT_INTERNAL, EXIT_USAGE, type CliIo } from './io';
export { DEFAULT_CONCURRENCY } from './probe-command';

export const USAGE = `Usage:
  rdp-doctor probe HOST[:PORT] | --file hosts.txt   the network end, without credentials
  rdp-doctor check --computers servers.txt          every server's own checks over PowerShell remoting, and the probe
  rdp-doctor reports DIR                            a folder of server reports, as one summary
  rdp-doctor COMMAND --help                         the options of one command

Finds why Remote Desktop fails with error 0x904 / extended 0x7.

Exit codes: 0 ok, 1 warnings, 2 handshake refused or a cause found, 3 not Remote Desktop,
4 port unreachable, 5 name does not resolve, 6 interrupted, 64 usage error, 70 internal error.
For a list, the highest of all.
`;

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => Promise<number>; usage: string }> = {
  probe: { run: probeCommand, usage: PROBE_USAGE },
  check: { run: checkCommand, usage: CHECK_USAGE },
  reports: { run: reportsCommand, usage: REPORTS_USAGE },
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`rdp-doctor: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr.write(`rdp-doctor: internal error: ${terminalText((err as Error).stack ?? String(err))}\n`);
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
    files: nodeReportFiles,
    askPassword: terminalPassword,
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
