import type { ConnectTry } from '../results';

/**
 * How the summary and the report name the error the user gave: on the first step ("Error
 * reported") or with "A different error now" after a change ("Error now"). Light on purpose: the
 * table of what each code means loads only on the first step, not with every window.
 */
export function reportedErrorLine(reportedError: string, connectTries: readonly ConnectTry[]): { label: string; value: string } {
  const afterChange = connectTries.some((t) => t.answer === 'different-error' && t.code === reportedError);
  const shown = reportedError.replace('/', ' / ');
  return afterChange
    ? { label: 'Error now', value: `${shown} (reported after a change; the first error was 0x904 / 0x7)` }
    : { label: 'Error reported', value: `${shown} (given before the checks)` };
}
