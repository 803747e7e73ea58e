import { getFix, type FixId } from './fixes';

/**
 * Fixes that undo each other, so never chosen together (issue 23, review 61): the isolation test
 * turns TLS and Network Level Authentication off, "Use TLS for Remote Desktop again" turns TLS on;
 * in one script the second would silently cancel the first, or the test would undo the repair.
 * `why` is said from either side, so it names neither.
 */
const CONFLICTS: ReadonlyArray<{ fixes: readonly [FixId, FixId]; why: string }> = [
  { fixes: ['require-tls-security-layer', 'rdp-security-isolation-test'], why: 'one turns TLS off, the other turns it on' },
];

/** The fixes that cannot go with `id`, each with the one line that says why. */
export function conflictsOf(id: FixId): Array<{ other: FixId; line: string }> {
  return CONFLICTS.flatMap(({ fixes: [a, b], why }) => {
    const other = a === id ? b : b === id ? a : null;
    return other ? [{ other, line: `Not together with “${getFix(other).title}”: ${why}.` }] : [];
  });
}

/** The first pair among `chosen` that cannot go together, or null. */
export function conflictAmong(chosen: readonly FixId[]): { fix: FixId; other: FixId; line: string } | null {
  for (const fix of chosen) {
    const found = conflictsOf(fix).find((c) => chosen.includes(c.other));
    if (found) return { fix, ...found };
  }
  return null;
}
