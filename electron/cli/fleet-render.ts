import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import type { FleetServerResult } from '../main/fleet/check-fleet';
import { PROBE_EXIT_CODES } from './exit-codes';

/**
 * The rows of `check --computers` and `reports DIR`: one per server, both ends (its own checks,
 * and the probe from here when it ran). Pure string building, no I/O.
 */

/** What the server's own checks said, worst last (the order rows sort by after the exit code). */
export const CHECK_VERDICTS = ['no-problem', 'possible-causes', 'incomplete', 'not-checked', 'cause-found'] as const;
export type ChecksVerdict = (typeof CHECK_VERDICTS)[number];

/** Each verdict's share of the exit code: a cause found is the 0x904 / 0x7 zone (2), doubt is a warning (1). */
const CHECKS_EXIT: Record<ChecksVerdict, number> = {
  'no-problem': PROBE_EXIT_CODES.ok,
  'possible-causes': PROBE_EXIT_CODES.warning,
  incomplete: PROBE_EXIT_CODES.warning,
  'not-checked': PROBE_EXIT_CODES.warning,
  'cause-found': PROBE_EXIT_CODES.refused,
};

export interface FleetRow {
  server: string;
  /** The name the server gave in its report. */
  computer: string;
  checks: ChecksVerdict;
  /** The probe's verdict from here, or '-' when it did not run. */
  probe: string;
  exitCode: number;
  score: number;
  /** The leading finding's title, or why the server's checks did not run. */
  finding: string;
  findingId: string;
  takenAt: string;
  /** Set when the server's checks could not run or its report was refused. */
  reason: string;
}

export function fleetRow(r: FleetServerResult): FleetRow {
  const v = r.verdict;
  const checks: ChecksVerdict = !r.outcome.ok ? 'not-checked' : v.kind;
  const probe = r.probe ? probeVerdict(r.probe, probeFindings(r.probe)) : null;
  const shown = r.findings.filter((f) => !f.contradicted);
  const top = shown[0];
  const unchecked = v.kind === 'incomplete' ? `Could not check ${v.unchecked} of ${v.of}` : '';
  return {
    server: r.target.host,
    computer: r.outcome.ok ? r.outcome.report.computer.name : '-',
    checks,
    probe: probe?.severity ?? '-',
    exitCode: Math.max(CHECKS_EXIT[checks], probe ? PROBE_EXIT_CODES[probe.severity] : 0),
    score: top?.score ?? 0,
    finding: top?.title ?? (r.outcome.ok ? unchecked || 'No problem found' : r.outcome.reason),
    findingId: top?.id ?? '',
    takenAt: r.outcome.ok ? r.outcome.report.takenAt : '',
    reason: r.outcome.ok ? '' : r.outcome.reason,
  };
}

/** Worst first: the exit code, then what the checks said, the strongest finding, then by name. */
export function byWorst(a: FleetRow, b: FleetRow): number {
  return (
    b.exitCode - a.exitCode ||
    CHECK_VERDICTS.indexOf(b.checks) - CHECK_VERDICTS.indexOf(a.checks) ||
    b.score - a.score ||
    a.server.localeCompare(b.server)
  );
}

const COLUMNS = ['server', 'computer', 'checks', 'probe', 'finding'] as const;

export function renderFleetTable(rows: readonly FleetRow[]): string {
  const sorted = [...rows].sort(byWorst);
  const widths = COLUMNS.map((c) => Math.max(c.length, ...sorted.map((r) => String(r[c]).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(COLUMNS.map((c) => c.toUpperCase())), ...sorted.map((r) => line(COLUMNS.map((c) => String(r[c]))))].join('\n')}\n`;
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Columns are only ever added at the end: scripts read them by position. */
export const FLEET_CSV_HEADER = `${[...COLUMNS, 'exit_code', 'finding_id', 'taken_at', 'reason'].join(',')}\n`;

export function fleetCsvLine(r: FleetRow): string {
  return `${[...COLUMNS.map((c) => String(r[c])), String(r.exitCode), r.findingId, r.takenAt, r.reason].map(cell).join(',')}\n`;
}

/** One server as JSON: the row, every finding (contradicted ones marked), and the probe's verdict. */
export function fleetJson(r: FleetServerResult, row: FleetRow) {
  return {
    ...row,
    findings: r.findings.map((f) => ({
      id: f.id,
      title: f.title,
      likelihood: f.likelihood,
      score: f.score,
      plain: f.plain,
      technical: f.technical,
      fixIds: f.fixIds,
      ...(f.contradicted ? { contradicted: true } : {}),
    })),
  };
}
