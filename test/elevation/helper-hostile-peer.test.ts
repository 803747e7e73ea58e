import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectToHelper } from '../../electron/main/elevation/helper-connection';
import { failure } from '../support/windows-error';
import { b64, HelperFixture, honestApp, pipeAppears, RawPeer, runLine } from './helper-harness';

// The real elevated-helper.ps1 under real pwsh, against Node peers on the pipe .NET creates (a
// Unix socket here, a named pipe on Windows). The peer's process id comes from the kernel
// (SO_PEERCRED here, GetNamedPipeClientProcessId on Windows). Every refusal must say why, and the
// canary scripts must show that nothing ran.

let fixture: HelperFixture;
afterEach(() => fixture?.dispose());

const ID = () => randomUUID();

describe('the elevated helper under pwsh: the honest app', () => {
  it('keeps each backup in its own store, under a folder it derives from the backup id, and undoes from it', async () => {
    fixture = new HelperFixture();
    const { connection } = await honestApp(fixture);
    const backupId = ID();
    const saved = (await connection.request('backup-client-license-cache', backupId, '', 15_000)) as { exportPath: string };
    const folder = join(fixture.store, 'backups', backupId);
    expect(saved.exportPath).toBe(join(folder, 'saved.reg'));
    expect(JSON.parse(readFileSync(join(folder, 'backup-record.json'), 'utf8'))).toMatchObject({
      backupScript: 'backup-client-license-cache',
      facts: saved,
    });
    // Asked again (a crash before the journal recorded it), the same backup comes back; the script does not run twice.
    expect(await connection.request('backup-client-license-cache', backupId, '', 15_000)).toEqual(saved);
    await connection.request('undo-client-license-cache', backupId, '', 15_000);
    connection.close();
    expect(fixture.ran()).toEqual([
      { script: 'backup-client-license-cache', args: { backupDir: folder } },
      // The undo script gets the backup the helper saved, and its folder (where a temporary
      // change's timer lives), both found from the id alone.
      { script: 'undo-client-license-cache', args: { backup: saved, backupDir: folder } },
    ]);
  });
});

describe('the elevated helper under pwsh: the target, from the app', () => {
  it('takes host and port only for the NTLM exception backup, and only a plain name or address (a wildcard would widen the list)', async () => {
    fixture = new HelperFixture();
    const { connection } = await honestApp(fixture);
    const ok = ID();
    await connection.request('backup-client-ntlm-exceptions', ok, b64({ host: 'office-pc', port: 3389 }), 15_000);
    for (const host of ['*', 'office-pc*', "a'; Remove-Item C:\\", 'x'.repeat(254)]) {
      expect(await failure(connection.request('backup-client-ntlm-exceptions', ID(), b64({ host, port: 3389 }), 15_000))).toMatchObject({
        message: expect.stringMatching(/the argument 'host' is not known/),
      });
    }
    expect(await failure(connection.request('backup-client-credssp', ID(), b64({ host: 'office-pc' }), 15_000))).toMatchObject({
      message: expect.stringMatching(/the argument 'host' is not known/),
    });
    connection.close();
    expect(fixture.ran()).toEqual([
      { script: 'backup-client-ntlm-exceptions', args: { backupDir: join(fixture.store, 'backups', ok), host: 'office-pc', port: 3389 } },
    ]);
  });
});

describe('the elevated helper under pwsh: hostile peers', () => {
  it('refuses a peer that is not the process that launched it, even with the right token', async () => {
    fixture = new HelperFixture();
    // Launched for this process; another process of the same user connects first.
    const helper = fixture.serve(process.pid);
    await pipeAppears(helper.path);
    const intruder = spawn(process.execPath, [
      '-e',
      `
      const s = require('net').connect(${JSON.stringify(helper.path)});
      let out = '';
      s.on('connect', () => {
        s.write(JSON.stringify({ type: 'hello', token: ${JSON.stringify(helper.token)} }) + '\\n');
        s.write(JSON.stringify(${JSON.stringify(runLine(1, 'undo-client-license-cache', ID()))}) + '\\n');
      });
      s.on('data', (d) => (out += d));
      s.on('error', () => undefined);
      s.on('close', () => { process.stdout.write(out); });
    `,
    ]);
    let said = '';
    intruder.stdout.on('data', (d: Buffer) => (said += d.toString()));
    await new Promise((resolve) => intruder.on('close', resolve));
    const answer = JSON.parse(
      said
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n')[0]!,
    );
    expect(answer.type).toBe('refused');
    expect(answer.message).toMatch(
      new RegExp(`process ${intruder.pid}\\) is not the RDP Doctor that started it \\(process ${process.pid}\\)`),
    );
    expect(await helper.exited).toBe(0);
    expect(fixture.ran()).toEqual([]);
    expect(existsSync(fixture.store)).toBe(false);
  });

  it('the app will not talk to a process that took the pipe name, and that process never gets a request', async () => {
    fixture = new HelperFixture();
    const pipeName = `rdp-doctor-${randomUUID()}`;
    const squatterPath = join(tmpdir(), `CoreFxPipe_${pipeName}`);
    const received: string[] = [];
    const squatter = createServer((s) => {
      s.on('data', (d) => received.push(d.toString()));
      // It answers like a helper would, with its own process id.
      s.write(`${JSON.stringify({ type: 'hello', pid: process.pid })}\n`);
    });
    await new Promise<void>((resolve) => squatter.listen(squatterPath, resolve));
    try {
      // Before the helper runs, the app reaches the squatter: not the process Start-Process reported.
      const err = await failure(connectToHelper(squatterPath, randomUUID(), 424242, 5_000));
      expect(err.kind).toBe('unavailable');
      expect(err.message).toMatch(/\(process \d+\) is not the helper RDP Doctor started \(process 424242\)/);
      // The helper creates its own instance of the name (Windows: FILE_FLAG_FIRST_PIPE_INSTANCE
      // fails instead; .NET on Linux replaces the socket file) and serves only the app.
      const squatted = statSync(squatterPath).ino;
      const helper = fixture.serve(process.pid, { pipeName });
      while (statSync(squatterPath, { throwIfNoEntry: false })?.ino === squatted) await new Promise((r) => setTimeout(r, 25));
      const connection = await connectToHelper(helper.path, helper.token, helper.child.pid!, 15_000);
      await connection.request('backup-client-udp', randomUUID(), '', 15_000);
      connection.close();
    } finally {
      squatter.close();
    }
    expect(received.join('')).not.toMatch(/"type":"run"/);
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-client-udp']);
  });

  it('serves one client: a second connection to its pipe is never answered and drives nothing', async () => {
    fixture = new HelperFixture();
    const { helper, connection } = await honestApp(fixture);
    // Linux queues the connection in the socket's backlog (Windows answers ERROR_PIPE_BUSY: one
    // instance); either way nobody ever reads it.
    const second = await RawPeer.connect(helper.path, 2_000);
    second.send({ type: 'hello', token: helper.token });
    second.send(runLine(1, 'backup-client-credssp', ID()));
    await new Promise((r) => setTimeout(r, 800));
    expect(second.lines).toEqual([]);
    second.socket.destroy();
    // The first client's session is unaffected.
    await connection.request('backup-client-udp', ID(), '', 15_000);
    connection.close();
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-client-udp']);
  });

  it('refuses a token from an earlier helper (a token is good for one helper only)', async () => {
    fixture = new HelperFixture();
    const first = await honestApp(fixture);
    first.connection.close();
    const second = fixture.serve();
    const peer = await RawPeer.connect(second.path);
    peer.send({ type: 'hello', token: first.helper.token });
    peer.send(runLine(1, 'backup-client-udp', ID()));
    const answer = await peer.next('refused', 'hello', 'result');
    expect(answer).toEqual({ type: 'refused', message: expect.stringMatching(/token is not the one this helper was started with/) });
    await peer.closed;
    expect(fixture.ran()).toEqual([]);
  });

  it('refuses a replayed request line and ends the session', async () => {
    fixture = new HelperFixture();
    const helper = fixture.serve();
    const peer = await RawPeer.connect(helper.path);
    peer.send({ type: 'hello', token: helper.token });
    await peer.next('hello');
    const line = runLine(1, 'backup-client-udp', ID());
    peer.send(line);
    expect(await peer.next('result')).toMatchObject({ id: 1, ok: true });
    peer.send(line);
    expect(await peer.next('refused')).toMatchObject({
      message: expect.stringMatching(/request 1 was not a new run request \(a replayed/),
    });
    await peer.closed;
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-client-udp']);
  });
});
