import { describeConfirm, describeTls, PROBE_SEVERITIES, type ProbeFinding, type ProbeVerdict } from '../../shared/diagnosis/probe-findings';
import { acceptedNames, type AddressProbe, type ProbeReport } from '../../shared/probe-facts';

/** Text, table, CSV and JSON views of probe results. Pure string building, no I/O. */

export interface HostResult {
  input: string;
  report: ProbeReport;
  findings: ProbeFinding[];
  verdict: ProbeVerdict;
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

const target = (r: ProbeReport) => (r.target.host.includes(':') ? `[${r.target.host}]:${r.target.port}` : `${r.target.host}:${r.target.port}`);

export function renderReport(h: HostResult): string {
  const { report: r, findings, verdict } = h;
  const lines: string[] = [`RDP Doctor probe: ${target(r)} (${Math.round(r.durationMs)} ms)`];
  const pad = (k: string) => `  ${k.padEnd(12)}`;
  lines.push(`${pad('Name')}${r.dns.addresses.length ? r.dns.addresses.map((a) => a.address).join(', ') : `does not resolve (${r.dns.error ?? 'no address'})`}`);
  for (const t of r.tcp.attempts) {
    lines.push(`${pad('Port')}${r.target.port} on ${t.address}: ${t.state} (${Math.round(t.ms)} ms)${t.error && t.state !== 'open' ? ` ${t.error}` : ''}`);
  }
  for (const a of r.addresses) {
    lines.push(`  ${a.address}:`);
    for (const n of a.negotiation) lines.push(`${pad('  Asked')}${n.requestedName}: ${describeConfirm(n.confirm)}`);
    lines.push(`${pad('  Accepts')}${accepts(a)}; refuses ${acceptedNames.filter((p) => a.accepted[p] === 'no').join(',') || 'none'}`);
    if (a.tls) lines.push(`${pad('  TLS')}${describeTls(a.tls)}`);
    if (a.tlsVersions.length) lines.push(`${pad('  Versions')}${a.tlsVersions.map((v) => `${v.version} ${v.accepted}`).join(', ')}`);
    const c = a.tls?.certificate;
    if (c) {
      lines.push(`${pad('  Cert')}${c.subject}${c.subjectAltNames.length ? `; SAN ${c.subjectAltNames.join(', ')}` : ''}`);
      lines.push(`${pad('')}  issuer ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}`);
      lines.push(`${pad('')}  valid ${c.validFrom} to ${c.validTo} (${c.daysLeft} days left${c.expired ? ', EXPIRED' : ''}${c.notYetValid ? ', NOT YET VALID' : ''})`);
      lines.push(`${pad('')}  ${c.keyType ?? '?'} ${c.keyBits ?? '?'} bits, ${c.signatureAlgorithm ?? '?'}; name ${c.nameMatches ? 'matches' : 'does not match'}`);
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

/** Worst first; among equals the strongest finding, then the certificate that expires soonest. */
export function sortBySeverity(results: HostResult[]): HostResult[] {
  return [...results].sort(
    (a, b) =>
      PROBE_SEVERITIES.indexOf(b.verdict.severity) - PROBE_SEVERITIES.indexOf(a.verdict.severity) ||
      (b.findings[0]?.score ?? 0) - (a.findings[0]?.score ?? 0) ||
      (certDays(a.report) ?? Infinity) - (certDays(b.report) ?? Infinity) ||
      target(a.report).localeCompare(target(b.report)),
  );
}

const COLUMNS = ['severity', 'target', 'accepts', 'tls', 'cert_days', 'finding'] as const;

function row(h: HostResult): Record<(typeof COLUMNS)[number], string> {
  const first = h.report.addresses[0];
  const days = certDays(h.report);
  return {
    severity: h.verdict.severity,
    target: target(h.report),
    accepts: accepts(first),
    tls: versions(first),
    cert_days: days === null ? '-' : String(days),
    finding: h.verdict.headline,
  };
}

export function renderTable(results: HostResult[]): string {
  const rows = sortBySeverity(results).map(row);
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(COLUMNS.map((c) => c.toUpperCase())), ...rows.map((r) => line(COLUMNS.map((c) => r[c])))].join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function renderCsv(results: HostResult[]): string {
  const header = [...COLUMNS, 'exit_code', 'cert_sha1'];
  const rows = sortBySeverity(results).map((h) => {
    const r = row(h);
    const sha1 = h.report.addresses.find((a) => a.tls?.certificate)?.tls?.certificate?.sha1 ?? '';
    return [...COLUMNS.map((c) => r[c]), String(h.verdict.exitCode), sha1].map(csvCell).join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** The stable JSON shape: verdict, findings, then the raw facts (ProbeReportSchema). */
export function jsonResult(h: HostResult) {
  return { input: h.input, verdict: h.verdict, findings: h.findings, report: h.report };
}
