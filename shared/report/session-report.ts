import { CANNOT_CHECK } from '../diagnosis/cannot-check';
import { getCheck } from '../catalog/checks';
import { getFix } from '../catalog/fixes';
import type { CheckResult, ConnectTry, FixOutcome, ScanResult, UndoOutcome } from '../results';
import { reportedErrorLine } from './reported-error-line';
import { networkTypeLabels, type NetworkType } from '../network-type';
import { formatTarget } from '../target';
import { placeLine } from '../server-place';
import { fillReadable, readableScripts, readableValues, type ReadableValues } from '../catalog/readable-commands';

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
  /** The server, by the name the user typed. */
  server: string;
  serverChecks: string;
  /** How this PC reaches the server, as the user chose it ("Corporate VPN"). */
  networkType: string | null;
  /** The error code the user reported after a change ("A different error now"), or null. */
  reportedError: string | null;
  /** Every "Try connecting now" and the answer, oldest first. */
  connectTries: ConnectTry[];
  /** How dates are written: the reader's locale and time zone where the report was made. */
  locale: string;
  timeZone: string;
  scan: ScanResult;
  /** The helpdesk ticket this session belongs to, as the user typed it (or null). */
  ticket: string | null;
  /**
   * The outcome, first: what was fixed and when its checks passed again, and whether the user
   * confirmed that Remote Desktop connects. Null when nothing was changed.
   */
  result: { fixed: string[]; verifiedAt: string | null; userConfirmed: 'connected' | 'still failing' | 'not yet' } | null;
  changes: Array<{
    fixId: string;
    title: string;
    status: string;
    message: string;
    changed: string[];
    undo: string | null;
    /** Where the change stands now: undone, still in place (can be undone), kept on purpose, or nothing to undo. */
    undoState: 'undone' | 'in place, can be undone' | 'kept, can be undone' | 'in place, cannot be undone' | 'nothing to undo';
    /** The computer changed and when. */
    computer: string | null;
    at: string | null;
    /** A temporary change still in place: when the scheduled task on that computer puts it back. */
    revertsAt: string | null;
    /** The checks run again after the change, as they came out. */
    verification: Array<{ checkId: string; status: string; summary: string }>;
  }>;
}

export function buildReport(input: {
  version: string;
  backend: string;
  now: Date;
  scan: ScanResult;
  outcomes: FixOutcome[];
  undone: Record<string, UndoOutcome>;
  networkType?: NetworkType;
  reportedError?: string | null;
  connectTries?: ConnectTry[];
  /** Journal ids the user chose to keep (a weakened setting kept after testing). */
  kept?: readonly string[];
  locale?: string;
  timeZone?: string;
  ticket?: string;
}): SessionReport {
  const resolvedFormat = new Intl.DateTimeFormat(input.locale).resolvedOptions();
  return {
    app: { name: 'RDP Doctor', version: input.version, backend: input.backend },
    generatedAt: input.now.toISOString(),
    target: formatTarget(input.scan.target),
    thisComputer: input.scan.thisComputer,
    server: input.scan.target.host,
    networkType: input.networkType ? networkTypeLabels[input.networkType].title : null,
    reportedError: input.reportedError ?? null,
    connectTries: input.connectTries ?? [],
    locale: resolvedFormat.locale,
    timeZone: input.timeZone ?? resolvedFormat.timeZone,
    serverChecks: placeLine(
      input.scan.server,
      { server: input.scan.target.host, thisComputer: input.scan.thisComputer },
      {
        scanned: input.scan.finishedAt,
        time: (iso) => readerDate({ locale: resolvedFormat.locale, timeZone: input.timeZone ?? resolvedFormat.timeZone }, iso),
      },
      undefined,
      input.scan.results,
    ),
    scan: input.scan,
    ticket: input.ticket?.trim() || null,
    result: resultOf(input.outcomes, input.undone, input.connectTries ?? []),
    changes: input.outcomes.map((o) => ({
      fixId: o.fixId,
      title: getFix(o.fixId).title,
      status: o.status,
      message: o.message,
      changed: o.changed,
      undo: o.journalId ? (input.undone[o.journalId]?.message ?? null) : null,
      undoState: undoState(o, input.undone, input.kept ?? []),
      computer: o.computer ?? null,
      at: o.at ?? null,
      revertsAt: o.revertsAt && !(o.journalId && input.undone[o.journalId]) ? o.revertsAt : null,
      verification: o.verification.map((v) => ({ checkId: v.checkId, status: v.status, summary: v.summary })),
    })),
  };
}

function resultOf(
  outcomes: readonly FixOutcome[],
  undone: Record<string, UndoOutcome>,
  tries: readonly ConnectTry[],
): SessionReport['result'] {
  if (outcomes.length === 0) return null;
  const fixed = outcomes.filter((o) => o.status === 'fixed' && !(o.journalId && undone[o.journalId]));
  const last = tries.at(-1);
  return {
    fixed: fixed.map((o) => getFix(o.fixId).title),
    verifiedAt:
      fixed
        .map((o) => o.at ?? '')
        .sort()
        .at(-1) || null,
    userConfirmed: !last ? 'not yet' : last.answer === 'worked' ? 'connected' : 'still failing',
  };
}

/** The result line: fixed what, verified when, and whether the user says it connects. */
function resultLine(r: SessionReport): string | null {
  if (!r.result) return null;
  const what = r.result.fixed.length ? `fixed ${r.result.fixed.map((t) => `“${t}”`).join(', ')}` : 'no fix is in place';
  const when = r.result.verifiedAt ? `, checks passed again ${readerDate(r, r.result.verifiedAt)}` : '';
  return `Result: ${what}${when}; the user confirmed it connects: ${r.result.userConfirmed === 'connected' ? 'yes' : r.result.userConfirmed === 'still failing' ? 'no, still failing' : 'not yet'}.`;
}

/** A check's latest result: the one after the last change that ran it again, else the scan's. */
function afterFix(r: SessionReport, checkId: string): { status: string; summary: string } | null {
  const later = r.changes.flatMap((c) => c.verification.filter((v) => v.checkId === checkId));
  return later.at(-1) ?? null;
}

function undoState(
  o: FixOutcome,
  undone: Record<string, UndoOutcome>,
  kept: readonly string[],
): SessionReport['changes'][number]['undoState'] {
  if (o.journalId && undone[o.journalId]) return 'undone';
  if (!o.journalId || !(o.status === 'fixed' || o.status === 'not-fixed')) return 'nothing to undo';
  if (getFix(o.fixId).cannotUndo) return 'in place, cannot be undone';
  return kept.includes(o.journalId) ? 'kept, can be undone' : 'in place, can be undone';
}

/** Whether anything was changed after the scan (and is not undone): the scan's rows are from before it. */
const changedSince = (r: SessionReport) =>
  r.changes.some((c) => (c.status === 'fixed' || c.status === 'not-fixed') && c.undoState !== 'undone');

const seconds = (r: SessionReport) => ((Date.parse(r.scan.finishedAt) - Date.parse(r.scan.startedAt)) / 1000).toFixed(1);

/** A date as the reader writes dates (the locale and time zone the report was made in), with the zone named. */
function readerDate(r: Pick<SessionReport, 'locale' | 'timeZone'>, iso: string): string {
  return new Date(iso).toLocaleString(r.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: r.timeZone,
    timeZoneName: 'short',
  });
}

/** Problems first, then what could not be checked, then what passed: a reader sees what matters at the top. */
const STATUS_ORDER: readonly CheckResult['status'][] = ['fail', 'error', 'warn', 'unavailable', 'not-checked', 'skipped', 'pass'];
const failingFirst = (results: readonly CheckResult[]) =>
  [...results].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));

const tryAnswer: Record<ConnectTry['answer'], string> = {
  worked: 'it connected',
  'same-error': 'still the same error',
  'different-error': 'a different error',
};
const tryLine = (r: SessionReport, t: ConnectTry) => `${readerDate(r, t.at)}: ${tryAnswer[t.answer]}${t.code ? ` (${t.code})` : ''}`;

function errorLineText(reportedError: string, tries: readonly ConnectTry[]): string {
  const line = reportedErrorLine(reportedError, tries);
  return `${line.label}: ${line.value}.`;
}

function errorRow(reportedError: string, tries: readonly ConnectTry[]): string {
  const line = reportedErrorLine(reportedError, tries);
  return `<tr><th>${esc(line.label)}</th><td data-reported-error>${esc(line.value)}</td></tr>`;
}

/** One spelling per computer: when this PC is the server, it is named as this PC, not as 127.0.0.1. */
const serverShown = (r: SessionReport) => (r.scan.server.kind === 'this-computer' ? `this PC (${r.thisComputer})` : r.server);

export function reportText(r: SessionReport): string {
  const top = r.scan.findings[0];
  const result = resultLine(r);
  const lines = [
    `RDP Doctor ${r.app.version}: ${r.target}, ${readerDate(r, r.generatedAt)}`,
    ...(r.ticket ? [`Ticket: ${r.ticket}`] : []),
    ...(result ? [result] : []),
    `This PC: ${r.thisComputer}. The server: ${serverShown(r)}. ${r.serverChecks}`,
    ...(r.networkType ? [`Network: ${r.networkType}.`] : []),
    ...(r.reportedError ? [errorLineText(r.reportedError, r.connectTries)] : []),
    `Checks: ${r.scan.results.length} in ${seconds(r)} s; ${r.scan.results.filter((c) => c.status === 'fail').length} failed.`,
    top ? `Most likely cause: ${top.title}. ${top.evidence.map((e) => e.value).join(' ')}` : 'No problem found.',
    ...r.changes.map(
      (c) =>
        `Change: ${c.title}${c.computer ? ` on ${c.computer}` : ''}${c.at ? `, ${readerDate(r, c.at)}` : ''}: ${c.status}; ${c.undoState}${c.revertsAt ? `; turns itself back at ${readerDate(r, c.revertsAt)}` : ''}.`,
    ),
    r.connectTries.length
      ? `Tried connecting: ${r.connectTries.map((t) => tryLine(r, t)).join('; ')}.`
      : 'Tried connecting: not tried from RDP Doctor.',
  ];
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * Prose that may carry a thumbprint or a key file's name: escaped, and each such token kept on
 * one line (a browser breaks a key file name at its hyphens, and half a name is no name).
 */
const prose = (s: string) => esc(s).replace(/\b[0-9A-Fa-f]{16,}(?:[_-][0-9A-Fa-f-]+)?\b/g, (t) => `<code class="token">${t}</code>`);

const STYLE = `body{font:14px/1.45 "Segoe UI",system-ui,sans-serif;color:#1b2330;max-width:900px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #d8dee8}table{border-collapse:collapse;width:100%}
td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e4e8ef}th{background:#f4f6f9}
.pass{color:#17803d}.fail,.error{color:#b3261e}.warn{color:#8a5a00}
pre{font:12px Consolas,"Cascadia Mono",monospace;white-space:pre;overflow-x:auto;max-width:100%;background:#f4f6f9;border:1px solid #d8dee8;padding:.3rem .5rem;margin:.3rem 0}
table.checks,table.changes{table-layout:fixed}table.changes col.c-fix{width:24%}table.changes col.c-result{width:16%}table.changes ul{padding-left:1.2em}table.checks col.c-check{width:20%}table.checks col.c-result{width:12%}table.checks col.c-time{width:8%}
details summary{cursor:pointer;font-size:.9em;color:#556070}
.result{font-size:1.05rem;font-weight:600;border-left:4px solid #17803d;padding:.3rem .8rem}
.finding{border-left:4px solid #b3261e;padding:.2rem .8rem;margin:.6rem 0}
code.token{font:11px Consolas,"Cascadia Mono",monospace;white-space:nowrap}
@media print{body{margin:0;max-width:none;font-size:12px}pre{white-space:pre-wrap;overflow:visible;font-size:10px}code.token{font-size:9px}details:not([open]) pre{display:none}}`;

/**
 * Under a check that found a problem: the PowerShell that reads the same thing, to run on the
 * computer it is about, with the values the checks found put in as literals (never wrapped).
 */
function runThere(c: CheckResult, values: ReadableValues, r: SessionReport): string {
  if (c.status !== 'fail' && c.status !== 'warn' && c.status !== 'error') return '';
  const check = getCheck(c.checkId);
  if (check.source.kind !== 'script') return '';
  const lines = readableScripts[check.source.script].map((l) =>
    fillReadable(l, { ...values, host: r.scan.target.host, port: r.scan.target.port }),
  );
  const where = c.computer ?? (check.source.side === 'client' ? r.thisComputer : r.server);
  return `<p><small>Run on ${esc(where)} (PowerShell${check.needsAdmin ? ' as administrator' : ''}):</small></p><pre data-run-on="${esc(where)}">${esc(lines.join('\n'))}</pre>`;
}

export function reportHtml(r: SessionReport): string {
  const findings = r.scan.findings
    .map(
      (
        f,
        i,
      ) => `<div class="finding"><h3>${i + 1}. ${esc(f.title)} <small>(${esc(f.likelihood)}${f.computer ? `, on ${esc(f.computer)}` : ''})</small></h3><p>${esc(f.plain)}</p>${f.rankReason ? `\n<p><i>${esc(f.rankReason)}</i></p>` : ''}
<ul>${f.evidence.map((e) => `<li><b>${esc(e.label)}:</b> ${prose(e.value)}</li>`).join('')}</ul></div>`,
    )
    .join('\n');
  const values = readableValues(r.scan.results);
  const checks = failingFirst(r.scan.results)
    .map((c) => {
      // After a fix, the check as it came out then: the row never says "fail" for what was fixed.
      const after = afterFix(r, c.checkId);
      // A problem no fix ran again (the handshake, say) is the scan's, from before the change: said so.
      const stale = !after && changedSince(r) && c.status !== 'pass';
      const status = after
        ? `<span class="${esc(after.status)}">${esc(after.status)}</span><br><small>after the fix; before: ${esc(c.status)}</small>`
        : `<span class="${esc(c.status)}">${esc(c.status)}</span>${stale ? '<br><small data-before-fix>before the fix, not checked again</small>' : ''}`;
      return `<tr data-check="${esc(c.checkId)}"><td>${esc(getCheck(c.checkId).title)}</td><td>${status}</td><td>${prose(after?.summary ?? c.summary)}${runThere(
        c,
        values,
        r,
      )}${
        c.command ? `<details><summary>Exact command run</summary><pre>${esc(c.command)}</pre></details>` : ''
      }</td><td>${Math.round(c.durationMs)} ms</td></tr>`;
    })
    .join('\n');
  const result = resultLine(r);
  const changes = r.changes.length
    ? r.changes
        .map(
          (c) =>
            `<tr><td>${esc(c.title)}${c.computer ? `<br><small>on ${esc(c.computer)}${c.at ? `, <time datetime="${esc(c.at)}">${esc(readerDate(r, c.at))}</time>` : ''}</small>` : ''}</td><td>${esc(c.status)}<br><small>${esc(c.undoState)}${c.revertsAt ? `; turns itself back at <time datetime="${esc(c.revertsAt)}">${esc(readerDate(r, c.revertsAt))}</time>` : ''}</small></td><td>${prose(c.message)}<ul>${c.changed
              .map((x) => `<li>${prose(x)}</li>`)
              .join('')}</ul>${c.undo ? `<p>${prose(c.undo)}</p>` : ''}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="3">No changes were made.</td></tr>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>RDP Doctor report: ${esc(r.target)}</title><style>${STYLE}</style></head>
<body><h1>RDP Doctor report: ${esc(r.target)}</h1>
${result ? `<p class="result" data-result>${esc(result)}</p>` : ''}
<p>Made <time datetime="${esc(r.generatedAt)}">${esc(readerDate(r, r.generatedAt))}</time> by RDP Doctor ${esc(r.app.version)} (${esc(r.app.backend)}). The checks took ${seconds(r)} s.</p>
<table class="facts"><tbody>
<tr><th>Ticket</th><td data-ticket>${r.ticket ? esc(r.ticket) : 'none given'}</td></tr>
<tr><th>This PC</th><td>${esc(r.thisComputer)}</td></tr>
<tr><th>The server</th><td>${esc(serverShown(r))}<br><small>${esc(r.serverChecks)}</small></td></tr>
<tr><th>Network</th><td>${esc(r.networkType ?? 'not said')}</td></tr>
${r.reportedError ? errorRow(r.reportedError, r.connectTries) : ''}
<tr><th>Tried connecting</th><td>${r.connectTries.length ? r.connectTries.map((t) => esc(tryLine(r, t))).join('<br>') : 'Not tried from RDP Doctor.'}</td></tr>
</tbody></table>
<h2>Findings${changedSince(r) ? ' <small data-before-fix>(before the changes below)</small>' : ''}</h2>${findings || `<p>Nothing RDP Doctor checked explains the error. It cannot check:</p><ul>${CANNOT_CHECK.map((c) => `<li>${esc(c.what)}: ${esc(c.where)}</li>`).join('')}</ul>`}
<h2>Changes</h2><table class="changes"><colgroup><col class="c-fix"><col class="c-result"><col></colgroup><thead><tr><th>Fix</th><th>Result and undo</th><th>Details</th></tr></thead><tbody>
${changes}</tbody></table>
<h2>Checks</h2><p>Problems first.${changedSince(r) ? ' From the scan before the changes; a check run again after a change shows its result then, and the one before.' : ''}</p><table class="checks"><colgroup><col class="c-check"><col class="c-result"><col><col class="c-time"></colgroup><thead><tr><th>Check</th><th>Result</th><th>Details</th><th>Time</th></tr></thead><tbody>
${checks}</tbody></table>
</body></html>
`;
}
