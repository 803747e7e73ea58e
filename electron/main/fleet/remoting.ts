import { parseServerReport, type ServerReport } from '../../../shared/server-report';
import { explainRemotingError } from '../remote/winrm';

/**
 * The seam of `rdp-doctor check --computers`: the server's check scripts on many computers over
 * PowerShell remoting. The real one is Windows' own engine (Invoke-Command -ComputerName …
 * -ThrottleLimit N, windows-remoting.ts); the simulated one runs the same payload under pwsh on
 * simulated servers (simulated-remoting.ts).
 */

/** What one computer gave back: the payload's output, or why it could not run there. */
export type RemoteAnswer =
  | { computer: string; ok: true; output: string; ms: number }
  | { computer: string; ok: false; error: string; timedOut: boolean; ms: number };

export interface FleetRunOptions {
  /** Invoke-Command -ThrottleLimit: computers worked on at once. */
  throttleLimit: number;
  /** Per computer, from the moment its turn starts. */
  timeoutMs: number;
  /** The Remote Desktop port the listener check compares with. */
  port: number;
  signal?: AbortSignal;
}

export interface FleetRemoting {
  readonly description: string;
  /**
   * Runs the payload on every computer; `onAnswer` once per computer as each ends, in any order.
   * One computer failing is an answer, never a rejection.
   */
  run(computers: readonly string[], options: FleetRunOptions, onAnswer: (answer: RemoteAnswer) => void): Promise<void>;
}

/** The positional arguments the payload gets (Invoke-Command -ArgumentList): -BackupFolder '', -ReportPath '-'. */
export const PAYLOAD_ARGUMENTS = ['', '-'] as const;

export type ServerOutcome = { ok: true; report: ServerReport; text: string } | { ok: false; reason: string };

/**
 * One computer's answer as a server report, or the plain reason there is none. The payload was
 * made once for every computer, so the name it was made for is set here to the name as listed;
 * the report must still come from that computer (parseServerReport's rule), or it is refused.
 */
export function outcomeOf(listed: { host: string; port: number }, answer: RemoteAnswer): ServerOutcome {
  if (!answer.ok) {
    if (answer.timedOut) return { ok: false, reason: `No answer within ${Math.round(answer.ms / 1000)} s: stopped.` };
    return { ok: false, reason: explainRemotingError(listed.host, answer.error).message };
  }
  // Anything the payload wrote before its report (progress lines off Windows) is not the report.
  const line = answer.output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .findLast((l) => l.startsWith('{'));
  if (!line) return { ok: false, reason: `The checks ran on ${listed.host} but gave no report.` };
  // The computer must be the one listed (its name, DNS name or an address: parseServerReport's
  // rule), checked before the name it was made for is set, which would otherwise match anything.
  const parsed = parseServerReport(line, listed);
  if (!parsed.ok) return { ok: false, reason: parsed.message };
  const report = { ...parsed.report, madeFor: { host: listed.host, port: listed.port } };
  return { ok: true, report, text: JSON.stringify(report) };
}
