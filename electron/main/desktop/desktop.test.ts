import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createDesktop } from './desktop';
import { createHandlers } from '../handlers';
import { createSimulatedPorts } from '../simulated/simulated-ports';
import { UnavailableWindows } from '../powershell/script-runner';
import { dispatch } from '../ipc/dispatch';

const fakeSpawn = () => {
  const calls: Array<{ file: string; args: string[]; options: object }> = [];
  const spawn = vi.fn((file: string, args: string[], options: object) => {
    calls.push({ file, args, options });
    const child = Object.assign(new EventEmitter(), { unref: vi.fn() });
    queueMicrotask(() => child.emit('spawn'));
    return child;
  });
  return { calls, spawn: spawn as never };
};

describe('Try connecting now', () => {
  it('starts mstsc.exe with the target as one argument, without a shell', async () => {
    const { calls, spawn } = fakeSpawn();
    const desktop = createDesktop({
      platform: 'win32',
      env: { SystemRoot: 'C:\\Windows' },
      logFile: () => '',
      reveal: () => undefined,
      downloadsDir: () => '',
      spawn,
    });
    await desktop.launchRemoteDesktop({ host: 'fe80::1', port: 3390 });
    expect(calls).toEqual([
      {
        file: 'C:\\Windows\\System32\\mstsc.exe',
        args: ['/v:[fe80::1]:3390'],
        options: expect.objectContaining({ shell: false, detached: true }),
      },
    ]);
  });

  it('says plainly that it needs Windows elsewhere', async () => {
    const desktop = createDesktop({ platform: 'linux', env: {}, logFile: () => '', reveal: () => undefined, downloadsDir: () => '' });
    await expect(desktop.launchRemoteDesktop({ host: 'srv01', port: 3389 })).rejects.toThrow('Starting Remote Desktop needs Windows.');
  });

  it('"Show log" reveals the log file', async () => {
    const reveal = vi.fn();
    const desktop = createDesktop({
      platform: 'win32',
      env: {},
      logFile: () => 'C:\\Users\\a\\AppData\\Roaming\\RDP Doctor\\logs\\main.log',
      reveal,
      downloadsDir: () => '',
    });
    expect(await desktop.showLog()).toMatch(/main\.log$/);
    expect(reveal).toHaveBeenCalledWith('C:\\Users\\a\\AppData\\Roaming\\RDP Doctor\\logs\\main.log');
  });
});

describe('recent targets', () => {
  it("offers the Remote Desktop client's recent computers", async () => {
    const { ports } = createSimulatedPorts('healthy');
    const handlers = createHandlers(ports);
    expect(await handlers.recentTargets({}, { emit: () => undefined })).toEqual({
      targets: ['fileserver.corp.example', 'srv-app01.corp.example:3390', '10.0.0.5'],
    });
  });

  it('offers nothing, without an error, where the list cannot be read', async () => {
    const { ports } = createSimulatedPorts('healthy', { windows: new UnavailableWindows('not Windows') });
    expect(await createHandlers(ports).recentTargets({}, { emit: () => undefined })).toEqual({ targets: [] });
  });
});

describe('the log', () => {
  it('records each call and how it ended, never a payload or a password', async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const { ports } = createSimulatedPorts('healthy');
    const table = createHandlers(ports);
    const url = 'file:///app/index.html';
    const secret = 'Sup3r-Secret-Pa55';
    await dispatch(
      table,
      'connectRemote',
      { host: 'srv01', username: 'CORP\\anna', password: secret },
      { url },
      url,
      { emit: () => undefined },
      log,
    );
    await dispatch(
      table,
      'connectRemote',
      { host: 'srv 01', username: 'CORP\\anna', password: secret },
      { url },
      url,
      { emit: () => undefined },
      log,
    );
    await dispatch(table, 'getAppInfo', {}, { url }, url, { emit: () => undefined }, log);
    await dispatch(table, 'getAppInfo', {}, { url: 'https://evil.example/' }, url, { emit: () => undefined }, log);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^connectRemote: bad-request in \d+ ms$/);
    expect(lines[2]).toMatch(/^getAppInfo: ok in \d+ ms$/);
    expect(lines[3]).toMatch(/^getAppInfo: untrusted-sender/);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).not.toContain('anna');
  });
});
