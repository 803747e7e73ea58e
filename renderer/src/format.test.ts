import { describe, expect, it } from 'vitest';
import { formatWhen, readableTimes } from './format';
import { plainTextProblems } from '../../shared/catalog/wording';

describe('times in evidence', () => {
  it('read like every other time in the wizard, not as a program writes them', () => {
    const line = "1x event 1058 (could not read its certificate's key), last at 2026-11-21T08:59:58.000Z";
    const shown = readableTimes(line);
    expect(shown).toBe(`1x event 1058 (could not read its certificate's key), last at ${formatWhen('2026-11-21T08:59:58.000Z')}`);
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(plainTextProblems(readableTimes('Last seen 2026-11-21T08:59:58+01:00.'))).toEqual([]);
  });

  it('leave a line without a time as it is', () => {
    expect(readableTimes('TLS 1.2 is turned off for the server')).toBe('TLS 1.2 is turned off for the server');
  });
});
