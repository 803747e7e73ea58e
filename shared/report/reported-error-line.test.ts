import { describe, expect, it } from 'vitest';
import { reportedErrorLine } from './reported-error-line';

describe('reportedErrorLine: when the user gave the error', () => {
  it('names an error given on the first step as reported, not as a change', () => {
    expect(reportedErrorLine('0x204', [])).toEqual({ label: 'Error reported', value: '0x204 (given before the checks)' });
    expect(reportedErrorLine('0x3/0x105', [{ at: '2026-11-21T09:00:00.000Z', answer: 'same-error' }]).label).toBe('Error reported');
  });

  it('names an error given with "A different error now" as the error now', () => {
    const tries = [{ at: '2026-11-21T09:00:00.000Z', answer: 'different-error' as const, code: '0x3/0x105' }];
    expect(reportedErrorLine('0x3/0x105', tries)).toEqual({
      label: 'Error now',
      value: '0x3 / 0x105 (reported after a change; the first error was 0x904 / 0x7)',
    });
  });
});
