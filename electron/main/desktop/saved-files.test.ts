import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDesktop } from './desktop';
import { createHandlers } from '../handlers';
import { dispatch } from '../ipc/dispatch';
import { MemoryJournal } from '../fixes/journal-file';
import { UnavailableWindows } from '../powershell/script-runner';
import type { Ports } from '../ports';
import type { RemoteService } from '../remote/service';
import type { SavedFile } from '../../../shared/saved-file';

/*
 * "Saved to … / Open folder": reports and fix scripts are written by main into the user's
 * Downloads folder, never over a file the user has, and "Open folder" shows only a file main
 * saved, named by its id.
 */
const url = 'file:///app/index.html';
const ctx = { emit: () => undefined };

async function setUp() {
  // A profile under a non-ASCII user name whose Downloads folder does not exist yet.
  const home = await mkdtemp(join(tmpdir(), 'rdpd-profile-'));
  const downloads = join(home, 'Jürgen 山田', 'Downloads');
  const reveal = vi.fn();
  const desktop = createDesktop({ platform: 'win32', env: {}, logFile: () => '', reveal, downloadsDir: () => downloads });
  const remote = {
    makeFixScript: (fixIds: readonly string[]) => ({
      fileName: 'rdp-doctor-fix-office-pc.ps1',
      content: `\ufeff# fixes: ${fixIds.join(', ')}\r\n`,
    }),
  } as unknown as RemoteService;
  const ports = {
    windows: new UnavailableWindows('not Windows'),
    journal: new MemoryJournal(),
    desktop,
    remote,
  } as unknown as Ports;
  const table = createHandlers(ports);
  const call = (channel: string, payload: unknown) => dispatch(table, channel, payload, { url }, url, ctx);
  return { downloads, reveal, call };
}

const value = <T>(envelope: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return envelope.value as T;
};

describe('saving a report', () => {
  it('writes it to Downloads (made if missing) under the name asked for, with the format’s extension, and says where', async () => {
    const { downloads, call } = await setUp();
    const saved = value<SavedFile>(
      await call('saveReport', { format: 'html', baseName: 'rdp-doctor-office-pc-2026-12-01-19-30', text: '<h1>Report</h1>' }),
    );
    expect(saved.path).toBe(join(downloads, 'rdp-doctor-office-pc-2026-12-01-19-30.html'));
    expect(saved.fileName).toBe('rdp-doctor-office-pc-2026-12-01-19-30.html');
    expect(await readFile(saved.path, 'utf8')).toBe('<h1>Report</h1>');
  });

  it('never overwrites a file the user has: the second report of the same name becomes "name (2)"', async () => {
    const { downloads, call } = await setUp();
    const first = value<SavedFile>(await call('saveReport', { format: 'json', baseName: 'rdp-doctor-srv', text: '{"n":1}' }));
    await writeFile(first.path, 'the user edited this');
    const second = value<SavedFile>(await call('saveReport', { format: 'json', baseName: 'rdp-doctor-srv', text: '{"n":2}' }));
    expect(second.fileName).toBe('rdp-doctor-srv (2).json');
    expect(await readFile(first.path, 'utf8')).toBe('the user edited this');
    expect(await readFile(second.path, 'utf8')).toBe('{"n":2}');
    expect((await readdir(downloads)).sort()).toEqual(['rdp-doctor-srv (2).json', 'rdp-doctor-srv.json']);
  });

  it.each([
    ['a path out of Downloads', '..\\..\\Startup\\run'],
    ['a folder', 'sub/report'],
    ['an executable extension hidden in the name', 'report.html:evil.ps1'],
    ['a Windows device name', 'CON'],
  ])('refuses %s with a clear message, and writes nothing', async (_what, baseName) => {
    const { downloads, call } = await setUp();
    const answer = await call('saveReport', { format: 'html', baseName, text: 'x' });
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).toMatch(/file name/);
    await expect(readdir(downloads)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a format it does not know (a report is never saved as something Windows runs)', async () => {
    const { call } = await setUp();
    expect((await call('saveReport', { format: 'ps1', baseName: 'x', text: 'Remove-Item C:\\' })).ok).toBe(false);
  });
});

describe('saving the fix script', () => {
  it('is made by main from fix ids, not from text the window sends, and saved in Downloads', async () => {
    const { downloads, call } = await setUp();
    const saved = value<SavedFile>(
      await call('saveFixScript', { fixIds: ['enable-firewall-rdp'], target: { host: 'office-pc', port: 3389 } }),
    );
    expect(saved.path).toBe(join(downloads, 'rdp-doctor-fix-office-pc.ps1'));
    expect(await readFile(saved.path, 'utf8')).toBe('\ufeff# fixes: enable-firewall-rdp\r\n');
    expect((await call('saveFixScript', { fixIds: [], target: { host: 'office-pc', port: 3389 }, content: 'Remove-Item C:\\' })).ok).toBe(
      false,
    );
  });
});

describe('Open folder', () => {
  it('shows the saved file in Explorer, selected', async () => {
    const { reveal, call } = await setUp();
    const saved = value<SavedFile>(await call('saveReport', { format: 'html', baseName: 'r', text: 'x' }));
    expect(value(await call('showSavedFile', { id: saved.id }))).toEqual({ shown: true });
    expect(reveal).toHaveBeenCalledWith(saved.path);
  });

  it('shows nothing for an id it did not give out, or for a path', async () => {
    const { reveal, call } = await setUp();
    const unknown = await call('showSavedFile', { id: '8a6f0c1e-2b3d-4e5f-9a0b-1c2d3e4f5a6b' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect((await call('showSavedFile', { id: 'C:\\Windows\\System32\\cmd.exe' })).ok).toBe(false);
    expect(reveal).not.toHaveBeenCalled();
  });
});
