import { getCheck, type CheckId } from '../../../shared/catalog/checks';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import type { CheckResult } from '../../../shared/results';
import type { ServerPlace } from '../../../shared/server-place';
import type { ServerReport } from '../../../shared/server-report';
import type { Target } from '../../../shared/target';
import type { Ports } from '../ports';
import { WindowsError } from '../windows-error';
import { invocationLine } from '../powershell/literal';

export const SCRIPT_TIMEOUT_MS = 30_000;

/** The exact line a catalog script runs as; helpdesk staff see it before and after it runs. */
export function commandFor(ports: Ports, script: ScriptId, args: unknown): string {
  return invocationLine(ports.scriptPath(scripts[script].file), args);
}

export function toErrorResult(checkId: CheckId, err: unknown, started: number, command?: string): CheckResult {
  const durationMs = performance.now() - started;
  if (err instanceof WindowsError && err.kind === 'unavailable') {
    return { checkId, status: 'unavailable', summary: err.message, error: { kind: err.kind, message: err.message }, durationMs, command };
  }
  const kind = err instanceof WindowsError ? err.kind : 'internal';
  const message = err instanceof Error ? err.message : String(err);
  return { checkId, status: 'error', summary: `Could not check this: ${message}`, error: { kind, message }, durationMs, command };
}

/** The arguments a check's script gets: the target for checks that look at it, else none. */
export function checkArgs(checkId: CheckId, target: Target): Record<string, unknown> {
  const source = getCheck(checkId).source;
  return source.kind === 'script' && source.withTarget ? { host: target.host, port: target.port } : {};
}

/** Where a server-side run goes for a place; null where the server's checks cannot run from here. */
export function whereFor(place: ServerPlace): 'here' | 'remoting' | null {
  return place.kind === 'this-computer' ? 'here' : place.kind === 'remoting' ? 'remoting' : null;
}

/**
 * Runs one script-backed check: facts through the catalog schema, then the pure evaluation.
 * A server-side check runs only where the server is (`place`); from the server's report its facts
 * are the report's; otherwise it says plainly that it was not checked from here.
 */
export async function runScriptCheck(ports: Ports, checkId: CheckId, target: Target, place: ServerPlace): Promise<CheckResult> {
  const def = getCheck(checkId);
  if (def.source.kind !== 'script') throw new Error(`${checkId} is not a script check`);
  const { script, side } = def.source;
  const computer = side === 'client' ? ports.servers.me.name : ports.servers.serverName(target, place);
  if (side === 'server' && place.kind === 'not-checked') {
    return {
      checkId,
      status: 'not-checked',
      summary: `Not checked from this computer: this is a setting on ${computer}.`,
      durationMs: 0,
      computer,
    };
  }
  const args = checkArgs(checkId, target);
  const command = commandFor(ports, script, args);
  if (side === 'server' && place.kind === 'report') {
    const report = ports.servers.report(target);
    return report ? resultFromReport(checkId, report, computer, command) : notInReport(checkId, place.computer, computer);
  }
  const started = performance.now();
  try {
    const where = side === 'server' ? (whereFor(place) ?? undefined) : undefined;
    const raw = await ports.windows.run(script, args as never, { elevated: false, timeoutMs: SCRIPT_TIMEOUT_MS, side, where });
    return { checkId, ...evaluateFacts(checkId, script, raw), command, durationMs: performance.now() - started, computer };
  } catch (err) {
    return { ...toErrorResult(checkId, err, started, command), computer };
  }
}

/** Facts through the catalog schema, then the pure evaluation; throws bad-facts for a wrong shape. */
function evaluateFacts(checkId: CheckId, script: ScriptId, raw: unknown): Pick<CheckResult, 'status' | 'summary' | 'facts'> {
  const parsed = scripts[script].facts.safeParse(raw);
  if (!parsed.success) {
    throw new WindowsError('bad-facts', `The check answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  }
  const { status, summary } = evaluate(checkId, parsed.data);
  return { status, summary, facts: parsed.data };
}

const notInReport = (checkId: CheckId, reporter: string, computer: string): CheckResult => ({
  checkId,
  status: 'not-checked',
  summary: `${reporter}'s report has no result for this check.`,
  durationMs: 0,
  computer,
});

/**
 * A server check's result from the server's own report (opened in the app, or one report per
 * server of `rdp-doctor check --computers`): the facts the server wrote, read as the scan reads them.
 */
export function resultFromReport(checkId: CheckId, report: ServerReport, computer: string, command?: string): CheckResult {
  const def = getCheck(checkId);
  if (def.source.kind !== 'script' || def.source.side !== 'server') throw new Error(`${checkId} is not a server script check`);
  const envelope = report.checks[def.source.script];
  if (!envelope) return notInReport(checkId, report.computer.name, computer);
  const started = performance.now();
  try {
    if (!envelope.ok) throw new WindowsError('script-error', `On ${report.computer.name}: ${envelope.error.message}`);
    return { checkId, ...evaluateFacts(checkId, def.source.script, envelope.facts), command, durationMs: 0, computer };
  } catch (err) {
    return { ...toErrorResult(checkId, err, started, command), computer };
  }
}
