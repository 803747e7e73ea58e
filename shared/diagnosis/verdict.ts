import type { CheckResult, Finding } from '../results';

/**
 * The one sentence at the top of the findings: "Found the cause" only when a cause the evidence
 * supports (certain or likely, not a symptom) leads; "No problem found" only when the checks ran; otherwise how
 * many could not be checked, and why.
 */
export type ScanVerdict =
  | { kind: 'cause-found'; finding: Finding; unchecked: number }
  | { kind: 'possible-causes'; unchecked: number }
  | { kind: 'no-problem' }
  | { kind: 'incomplete'; unchecked: number; of: number };

const UNCHECKED: readonly CheckResult['status'][] = ['not-checked', 'error', 'unavailable'];

export function scanVerdict(results: readonly CheckResult[], findings: readonly Finding[]): ScanVerdict {
  const unchecked = results.filter((r) => UNCHECKED.includes(r.status)).length;
  const top = findings[0];
  // A symptom leads only when no cause found explains it: what the wire showed is not a cause.
  if (top && top.kind !== 'symptom' && (top.likelihood === 'certain' || top.likelihood === 'likely'))
    return { kind: 'cause-found', finding: top, unchecked };
  if (top) return { kind: 'possible-causes', unchecked };
  return unchecked === 0 ? { kind: 'no-problem' } : { kind: 'incomplete', unchecked, of: results.length };
}

/** Why checks did not run, one line per reason, most common first. */
export function uncheckedReasons(results: readonly CheckResult[], server: string): string[] {
  const lines: string[] = [];
  const notChecked = results.filter((r) => r.status === 'not-checked').length;
  if (notChecked)
    lines.push(`${notChecked} ${notChecked === 1 ? 'setting is' : 'settings are'} on ${server} and cannot be read from this computer.`);
  const failed = results.filter((r) => r.status === 'error' || r.status === 'unavailable');
  const byMessage = new Map<string, number>();
  for (const r of failed) byMessage.set(r.summary, (byMessage.get(r.summary) ?? 0) + 1);
  for (const [summary, n] of [...byMessage].sort((a, b) => b[1] - a[1])) lines.push(n > 1 ? `${summary} (${n} checks)` : summary);
  return lines;
}
