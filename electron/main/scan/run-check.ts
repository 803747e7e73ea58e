import { getCheck, type CheckId } from '../../../shared/catalog/checks';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import type { CheckResult } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import { WindowsError, type Ports } from '../ports';
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

/** Runs one script-backed check: facts through the catalog schema, then the pure evaluation. */
export async function runScriptCheck(ports: Ports, checkId: CheckId, target: Target): Promise<CheckResult> {
  const def = getCheck(checkId);
  if (def.source.kind !== 'script') throw new Error(`${checkId} is not a script check`);
  const script = def.source.script;
  const args = checkArgs(checkId, target);
  const command = commandFor(ports, script, args);
  const started = performance.now();
  try {
    const raw = await ports.windows.run(script, args as never, { elevated: false, timeoutMs: SCRIPT_TIMEOUT_MS, side: def.source.side });
    const parsed = scripts[script].facts.safeParse(raw);
    if (!parsed.success) {
      throw new WindowsError('bad-facts', `The check answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
    }
    const { status, summary } = evaluate(checkId, parsed.data);
    return { checkId, status, summary, facts: parsed.data, command, durationMs: performance.now() - started };
  } catch (err) {
    return toErrorResult(checkId, err, started, command);
  }
}

