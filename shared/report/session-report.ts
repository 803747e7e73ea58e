import { getCheck } from '../catalog/checks';
import { getFix } from '../catalog/fixes';
import type { FixOutcome, ScanResult, UndoOutcome } from '../results';
import { formatTarget } from '../target';
import { placeLine } from '../server-place';

/**
 * The report of one session for a helpdesk ticket: built from what the wizard holds, rendered as
 * JSON (machine-readable), a self-contained printable HTML page, or a few lines of text.
 */
export interface SessionReport {
  app: { name: 'RDP Doctor'; version: string; backend: string };
  generatedAt: string;
  target: string;
  /** This PC, by name, and where the server's checks ran (or that they did not). */
  thisComputer: string;
  serverChecks: string;
  scan: ScanResult;
  changes: Array<{
    fixId: string;
    title: string;
    status: string;
    message: string;
    changed: string[];
    undo: string | null;
    /** The computer changed and when. */
    computer: string | null;
    at: string | null;
  }>;
}

export function buildReport(input: {
  version: string;
  backend: string;
  now: Date;
  scan: ScanResult;
  outcomes: FixOutcome[];
  undone: Record<string, UndoOutcome>;
}): SessionReport {
  return {
    app: { name: 'RDP Doctor', version: input.version, backend: input.backend },
    generatedAt: input.now.toISOString(),
    target: formatTarget(input.scan.target),
    thisComputer: input.scan.thisComputer,
    serverChecks: placeLine(input.scan.server, input.scan.target.host, input.scan.thisComputer),
    scan: input.scan,
    changes: input.outcomes.map((o) => ({
      fixId: o.fixId,
      title: getFix(o.fixId).title,
      status: o.status,
      message: o.message,
      changed: o.changed,
      undo: o.journalId ? (input.undone[o.journalId]?.message ?? null) : null,
      computer: o.computer ?? null,
      at: o.at ?? null,
    })),
  };
}

const seconds = (r: SessionReport) => ((Date.parse(r.scan.finishedAt) - Date.parse(r.scan.startedAt)) / 1000).toFixed(1);

export function reportText(r: SessionReport): string {
  const top = r.scan.findings[0];
  const lines = [
    `RDP Doctor ${r.app.version}: ${r.target}, ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    `This PC: ${r.thisComputer}. ${r.serverChecks}`,
    `Checks: ${r.scan.results.length} in ${seconds(r)} s; ${r.scan.results.filter((c) => c.status === 'fail').length} failed.`,
    top ? `Most likely cause: ${top.title}. ${top.evidence.map((e) => e.value).join(' ')}` : 'No problem found.',
    ...r.changes.map((c) => `Change: ${c.title}${c.computer ? ` on ${c.computer}` : ''}${c.at ? ` at ${c.at.slice(0, 16).replace('T', ' ')} UTC` : ''}: ${c.undo ? 'undone' : c.status}.`),
  ];
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font:14px/1.45 "Segoe UI",system-ui,sans-serif;color:#1b2330;max-width:900px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #d8dee8}table{border-collapse:collapse;width:100%}
td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e4e8ef}th{background:#f4f6f9}
.pass{color:#17803d}.fail,.error{color:#b3261e}.warn{color:#8a5a00}code{font:12px Consolas,monospace;overflow-wrap:anywhere}
.finding{border-left:4px solid #b3261e;padding:.2rem .8rem;margin:.6rem 0}@media print{body{margin:0}}`;

export function reportHtml(r: SessionReport): string {
  const findings = r.scan.findings
    .map(
      (f, i) => `<div class="finding"><h3>${i + 1}. ${esc(f.title)} <small>(${esc(f.likelihood)})</small></h3><p>${esc(f.plain)}</p>
<ul>${f.evidence.map((e) => `<li><b>${esc(e.label)}:</b> ${esc(e.value)}</li>`).join('')}</ul></div>`,
    )
    .join('\n');
  const checks = r.scan.results
    .map(
      (c) => `<tr><td>${esc(getCheck(c.checkId).title)}</td><td class="${esc(c.status)}">${esc(c.status)}</td><td>${esc(c.summary)}${
        c.command ? `<br><code>${esc(c.command)}</code>` : ''
      }</td><td>${Math.round(c.durationMs)} ms</td></tr>`,
    )
    .join('\n');
  const changes = r.changes.length
    ? r.changes
        .map(
          (c) => `<tr><td>${esc(c.title)}${c.computer ? `<br><small>on ${esc(c.computer)}${c.at ? `, ${esc(c.at)}` : ''}</small>` : ''}</td><td>${esc(c.undo ? 'undone' : c.status)}</td><td>${esc(c.message)}<ul>${c.changed
            .map((x) => `<li>${esc(x)}</li>`)
            .join('')}</ul>${c.undo ? `<p>${esc(c.undo)}</p>` : ''}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="3">No changes were made.</td></tr>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>RDP Doctor report: ${esc(r.target)}</title><style>${STYLE}</style></head>
<body><h1>RDP Doctor report: ${esc(r.target)}</h1>
<p>Generated ${esc(r.generatedAt)} by RDP Doctor ${esc(r.app.version)} (${esc(r.app.backend)}). Scan took ${seconds(r)} s.</p>
<p>This PC: ${esc(r.thisComputer)}. ${esc(r.serverChecks)}</p>
<h2>Findings</h2>${findings || '<p>No problem found.</p>'}
<h2>Checks</h2><table><thead><tr><th>Check</th><th>Result</th><th>Details</th><th>Time</th></tr></thead><tbody>
${checks}</tbody></table>
<h2>Changes</h2><table><thead><tr><th>Fix</th><th>Status</th><th>Details</th></tr></thead><tbody>
${changes}</tbody></table>
</body></html>
`;
}
