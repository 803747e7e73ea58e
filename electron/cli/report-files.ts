import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ReportFiles } from './io';

/** The file a server's report is saved as: the name -Report gives it, after the server as listed. */
export const reportFileName = (host: string) => `rdp-doctor-report-${host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 100)}.json`;

/** node:fs: a new file is written with 'wx' (an existing one is never overwritten). */
export const nodeReportFiles: ReportFiles = {
  makeDir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  writeNew: (path, text) => writeFile(path, text, { encoding: 'utf8', flag: 'wx' }),
  listJson: async (path) =>
    (await readdir(path, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => e.name)
      .sort(),
  readCapped: async (path, maxChars) => {
    // A file far larger than any report is cut after the cap: its size alone refuses it.
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(maxChars * 4 + 4);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  },
};
