import type { CliVerdict } from './exit-codes';
import { PROBE_SEVERITIES } from '../../shared/diagnosis/probe-verdict';
import { describeConfirm, describeTls } from '../../shared/diagnosis/wire/describe';
import type { Finding } from '../../shared/results';
import { acceptedNames, windowsRelease, type AddressProbe, type NlaFacts, type ProbeReport } from '../../shared/probe-facts';

/** Text, table, CSV and JSON views of probe results. Pure string building, no I/O. */

export interface HostResult {
  input: string;
  report: ProbeReport;
  findings: Finding[];
  verdict: CliVerdict;
}

function accepts(a: AddressProbe | undefined): string {
  if (!a) return '-';
  const yes = acceptedNames.filter((p) => a.accepted[p] === 'yes');
  return yes.length ? yes.join(',') : 'none';
}

function versions(a: AddressProbe | undefined): string {
  const yes = a?.tlsVersions.filter((v) => v.accepted === 'yes').map((v) => v.version.replace('TLSv', '')) ?? [];
  return yes.length ? yes.join(',') : '-';
}

function certDays(r: ProbeReport): number | null {
  const days = r.addresses.flatMap((a) => (a.tls?.certificate ? [a.tls.certificate.daysLeft] : []));
  return days.length ? Math.min(...days) : null;
}

function osVersion(n: NlaFacts | undefined): string {
  const v = n?.challenge?.osVersion;
  return v ? `${v.major}.${v.minor}.${v.build}` : '';
}

/** The CredSSP stage in words: who the server says it is, or why it would not say. */
function describeNla(n: NlaFacts): string[] {
  const c = n.challenge;
  if (n.outcome !== 'challenge' || !c) return [`no NTLM answer (${n.outcome})${n.error ? `: ${n.error}` : ''}`];
  const named = (nb: string | null, dns: string | null) => `${nb ?? '?'}${dns && dns !== nb ? ` (DNS ${dns})` : ''}`;
  const v = c.osVersion;
  const parts = [
    `computer ${named(c.netbiosComputer, c.dnsComputer)}`,
    `${c.targetType === 'domain' ? 'domain' : c.targetType === 'server' ? 'workgroup' : 'domain or workgroup'} ${named(c.netbiosDomain, c.dnsDomain)}`,
    ...(c.dnsTree ? [`forest ${c.dnsTree}`] : []),
  ];
  const lines = [`answered without credentials: ${parts.join('; ')}`];
  const release = windowsRelease(v);
  lines.push(
    `${v ? `Windows ${v.major}.${v.minor} build ${v.build}${release ? ` (${release})` : ''}` : 'no OS version'}; CredSSP version ${n.credsspVersion ?? '?'}`,
  );
  if (c.serverTime && c.clockSkewMs !== null) {
    const s = Math.abs(c.clockSkewMs) / 1000;
    lines.push(
      `server clock ${c.serverTime} (${s < 1 ? 'in step with ours' : `${s.toFixed(1)} s ${c.clockSkewMs > 0 ? 'ahead of' : 'behind'} ours`})`,
    );
  }
  return lines;
}

const target = (r: ProbeReport) =>
  r.target.host.includes(':') ? `[${r.target.host}]:${r.target.port}` : `${r.target.host}:${r.target.port}`;

export function renderReport(h: HostResult): string {
  const { report: r, findings, verdict } = h;
  const lines: string[] = [`RDP Doctor probe: ${target(r)} (${Math.round(r.durationMs)} ms)`];
  const pad = (k: string) => `  ${k.padEnd(12)}`;
  lines.push(
    `${pad('Name')}${r.dns.addresses.length ? r.dns.addresses.map((a) => a.address).join(', ') : `does not resolve (${r.dns.error ?? 'no address'})`}`,
  );
  for (const t of r.tcp.attempts) {
    lines.push(
      `${pad('Port')}${r.target.port} on ${t.address}: ${t.state} (${Math.round(t.ms)} ms)${t.error && t.state !== 'open' ? ` ${t.error}` : ''}`,
    );
  }
  for (const a of r.addresses) {
    lines.push(`  ${a.address}:`);
    for (const n of a.negotiation) lines.push(`${pad('  Asked')}${n.requestedName}: ${describeConfirm(n.confirm)}`);
    lines.push(`${pad('  Accepts')}${accepts(a)}; refuses ${acceptedNames.filter((p) => a.accepted[p] === 'no').join(',') || 'none'}`);
    if (a.tls) lines.push(`${pad('  TLS')}${describeTls(a.tls)}`);
    if (a.nla) for (const [i, l] of describeNla(a.nla).entries()) lines.push(`${pad(i === 0 ? '  NLA' : '')}${i === 0 ? '' : '  '}${l}`);
    if (a.tlsVersions.length) lines.push(`${pad('  Versions')}${a.tlsVersions.map((v) => `${v.version} ${v.accepted}`).join(', ')}`);
    const c = a.tls?.certificate;
    if (c) {
      lines.push(`${pad('  Cert')}${c.subject}${c.subjectAltNames.length ? `; SAN ${c.subjectAltNames.join(', ')}` : ''}`);
      lines.push(`${pad('')}  issuer ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}`);
      lines.push(
        `${pad('')}  valid ${c.validFrom} to ${c.validTo} (${c.daysLeft} days left${c.expired ? ', EXPIRED' : ''}${c.notYetValid ? ', NOT YET VALID' : ''})`,
      );
      lines.push(
        `${pad('')}  ${c.keyType ?? '?'} ${c.keyBits ?? '?'} bits, ${c.signatureAlgorithm ?? '?'}; name ${c.nameMatches ? 'matches' : 'does not match'}`,
      );
      lines.push(`${pad('')}  SHA-1 (thumbprint) ${c.sha1}`);
      lines.push(`${pad('')}  SHA-256 ${c.sha256}`);
    }
  }
  if (r.interrupted) lines.push(`  Stopped early: ${r.interrupted}`);
  lines.push('', 'Findings:');
  if (!findings.length) lines.push('  none');
  for (const f of findings) {
    lines.push(`  [${f.likelihood}, ${f.score}] ${f.title}`);
    lines.push(`    ${f.plain}`);
    // The command line is for helpdesk and scripts: the technical text and the article too.
    lines.push(`    Technical: ${f.technical}`);
    if (f.learnMore) lines.push(`    Learn more: ${f.learnMore}`);
    if (f.fixIds.length) lines.push(`    Fix: ${f.fixIds.join(', ')}`);
  }
  lines.push('', `Verdict: ${verdict.severity} - ${verdict.headline} (exit ${verdict.exitCode})`);
  return `${lines.join('\n')}\n`;
}

const COLUMNS = ['severity', 'target', 'accepts', 'tls', 'cert_days', 'finding'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * What the table and the CSV show of one host. Small on purpose: a 10,000-host run keeps only
 * these (for the sorted table), never the reports.
 */
export interface Summary {
  severity: CliVerdict['severity'];
  /** The strongest finding's score: the tie-breaker among equal severities. */
  score: number;
  certDays: number | null;
  target: string;
  cells: Record<Column, string>;
  exitCode: number;
  sha1: string;
  /** What the server calls itself in its NTLM CHALLENGE, and its OS version (NLA stage). */
  serverName: string;
  osVersion: string;
}

export function summarize(h: HostResult): Summary {
  const first = h.report.addresses[0];
  const days = certDays(h.report);
  const nla = h.report.addresses.find((a) => a.nla?.challenge)?.nla;
  const c = nla?.challenge;
  return {
    severity: h.verdict.severity,
    score: h.findings[0]?.score ?? 0,
    certDays: days,
    target: target(h.report),
    cells: {
      severity: h.verdict.severity,
      target: target(h.report),
      accepts: accepts(first),
      tls: versions(first),
      cert_days: days === null ? '-' : String(days),
      finding: h.verdict.headline,
    },
    exitCode: h.verdict.exitCode,
    sha1: h.report.addresses.find((a) => a.tls?.certificate)?.tls?.certificate?.sha1 ?? '',
    serverName: c?.dnsComputer ?? c?.netbiosComputer ?? '',
    osVersion: osVersion(nla),
  };
}

type Sortable = Pick<Summary, 'severity' | 'score' | 'certDays' | 'target'>;

/** Worst first; among equals the strongest finding, then the certificate that expires soonest. */
export function bySeverity(a: Sortable, b: Sortable): number {
  return (
    PROBE_SEVERITIES.indexOf(b.severity) - PROBE_SEVERITIES.indexOf(a.severity) ||
    b.score - a.score ||
    (a.certDays ?? Infinity) - (b.certDays ?? Infinity) ||
    a.target.localeCompare(b.target)
  );
}

export function renderTable(summaries: Summary[]): string {
  const rows = [...summaries].sort(bySeverity).map((s) => s.cells);
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(COLUMNS.map((c) => c.toUpperCase())), ...rows.map((r) => line(COLUMNS.map((c) => r[c])))].join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Columns are only ever added at the end: scripts read them by position. */
export const CSV_HEADER = `${[...COLUMNS, 'exit_code', 'cert_sha1', 'server_name', 'os_version'].join(',')}\n`;

export function csvLine(s: Summary): string {
  return `${[...COLUMNS.map((c) => s.cells[c]), String(s.exitCode), s.sha1, s.serverName, s.osVersion].map(csvCell).join(',')}\n`;
}

/** The stable JSON shape: verdict, findings, then the raw facts (ProbeReportSchema). */
export function jsonResult(h: HostResult) {
  return { input: h.input, verdict: h.verdict, findings: h.findings, report: h.report };
}
