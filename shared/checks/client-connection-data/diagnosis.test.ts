import { describe, expect, it } from 'vitest';
import { connectionData, healthyClient, result } from '../../../test/support/client-results';
import type { z } from 'zod';
import type { ConnectionDataFactsSchema } from './catalog';
import { diagnose } from '../../diagnosis/rules';

type ConnectionDataFacts = z.infer<typeof ConnectionDataFactsSchema>;
type Rdp = ConnectionDataFacts['defaultRdp'];
type Cache = ConnectionDataFacts['bitmapCache'];
const data = (rdp: Partial<Rdp> = {}, cache: Partial<Cache> = {}) =>
  result('client-connection-data', {
    defaultRdp: {
      path: 'C:\\Users\\a\\Documents\\Default.rdp',
      exists: true,
      bytes: 900,
      lastWrite: '2026-11-10T08:00:00.000Z',
      lines: 10,
      badLines: 0,
      ...rdp,
    },
    bitmapCache: {
      path: 'C:\\Users\\a\\AppData\\Local\\Microsoft\\Terminal Server Client\\Cache',
      exists: true,
      files: 3,
      bytes: 42_000_000,
      emptyFiles: 0,
      ...cache,
    },
  } satisfies ConnectionDataFacts);

describe('client-connection-data', () => {
  it('calls Default.rdp damaged only when it is, and an empty cache file a broken write', () => {
    expect(connectionData().status).toBe('pass');
    expect(connectionData({ badLines: 2 }).summary).toBe('Default.rdp has 2 damaged lines of 10.');
    expect(connectionData({ emptyFiles: 1 }).summary).toMatch(/^The bitmap cache has 1 empty file/);
  });

  it('says what it found when all is well: the settings, the day they were saved, the cache size in MB', () => {
    expect(data().summary).toBe('Default.rdp looks fine (10 settings, saved 2026-11-10); the bitmap cache holds 3 files (40.1 MB).');
    expect(data({ lastWrite: null }, { files: 1, bytes: 524_288 }).summary).toBe(
      'Default.rdp looks fine (10 settings); the bitmap cache holds 1 file (0.5 MB).',
    );
    expect(data({ exists: false }, { exists: false, files: 0, bytes: 0 }).summary).toBe('No Default.rdp yet; the bitmap cache is empty.');
    // A cache folder with no files is empty too.
    expect(data({}, { files: 0, bytes: 0 }).summary).toMatch(/; the bitmap cache is empty\.$/);
  });

  it('calls an empty Default.rdp damaged, whether it has no bytes or no lines', () => {
    for (const rdp of [{ bytes: 0, lines: 0 }, { bytes: 0 }, { lines: 0 }]) {
      const r = data(rdp);
      expect(r.status, JSON.stringify(rdp)).toBe('fail');
      expect(r.summary, JSON.stringify(rdp)).toBe('Default.rdp is empty.');
    }
    // Not there at all is not damaged: Remote Desktop writes it at the first connection.
    expect(data({ exists: false, bytes: 0, lines: 0, badLines: 3 }).status).toBe('pass');
  });

  it('names both problems in one sentence, the first word capitalised', () => {
    expect(data({ badLines: 1 }, { emptyFiles: 2 }).summary).toBe(
      'Default.rdp has 1 damaged line of 10; the bitmap cache has 2 empty files (a write that never finished).',
    );
  });

  it('offers to move the damaged files aside, as a possible cause, with what it found as evidence', () => {
    const damaged = data({ badLines: 2 });
    const results = healthyClient().map((r) => (r.checkId === 'client-connection-data' ? damaged : r));
    const f = diagnose(results).find((x) => x.id === 'damaged-connection-data');
    expect(f?.title).toBe("Remote Desktop's saved settings look damaged");
    expect(f?.plain).toMatch(/moving them aside makes it start clean/);
    expect(f?.technical).toMatch(/Default\.rdp has lines that are not name:type:value/);
    expect(f?.likelihood).toBe('possible');
    expect(f?.fixIds).toEqual(['clear-connection-data']);
    expect(f?.evidence).toEqual([{ checkId: 'client-connection-data', label: 'Saved connection data', value: damaged.summary }]);
    expect(diagnose(healthyClient()).map((x) => x.id)).not.toContain('damaged-connection-data');
  });
});
