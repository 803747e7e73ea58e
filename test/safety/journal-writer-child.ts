// One RDP Doctor process writing to the journal: the real JournalFile and JournalWriter, bundled
// by journal-two-processes.test.ts and run as its own Node process. argv: journal path, writer
// name, number of updates, the time to start at (so both processes write at once). Each update is
// a new entry, written as the fix engine writes them.
import { JournalFile } from '../../electron/main/fixes/journal-file';
import { JournalWriter } from '../../electron/main/fixes/journal-writer';

const [path, name, count, startAt] = process.argv.slice(2) as [string, string, string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const writer = new JournalWriter(new JournalFile(path), { now: () => new Date() });
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    writer.update(
      {
        id: `${name}-${i}`,
        fixId: 'reset-license-cache',
        target: { host: 'srv01', port: 3389 },
        state: 'backed-up',
        startedAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        backup: null,
        changed: [],
        message: '',
      },
      {},
    ),
  ),
);
