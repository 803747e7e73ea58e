import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectToHelper } from '../../electron/main/elevation/helper-connection';
import { failure } from '../support/windows-error';
import { b64, HelperFixture, honestApp, RawPeer, runLine } from './helper-harness';

// The real elevated-helper.ps1 under real pwsh, asked by a hostile peer for paths of its own, or
// started from a store or scripts folder someone else could change, or with changed scripts.
// Every refusal must say why, and the canary scripts must show that nothing ran. (Peers that
// are not the app: helper-hostile-peer.test.ts.)

let fixture: HelperFixture;
afterEach(() => fixture?.dispose());

const ID = () => randomUUID();

describe('the elevated helper under pwsh: what it runs, and from where', () => {
  it('refuses every path from the app: a backup folder, a backup naming a file, a backup id that is a path', async () => {
    fixture = new HelperFixture();
    const outside = join(fixture.base, 'attacker');
    mkdirSync(outside);
    const helper = fixture.serve();
    const peer = await RawPeer.connect(helper.path);
    peer.send({ type: 'hello', token: helper.token });
    await peer.next('hello');
    peer.send(runLine(1, 'backup-client-license-cache', ID(), b64({ backupDir: outside })));
    peer.send(runLine(2, 'undo-client-license-cache', ID(), b64({ backup: { existed: true, exportPath: join(outside, 'attacker.reg') } })));
    peer.send(runLine(3, 'backup-client-license-cache', `../../${'attacker'}`));
    peer.send(runLine(4, 'undo-client-license-cache', outside));
    peer.send(runLine(5, 'check-client-credssp', ID()));
    const answers = [
      await peer.next('result'),
      await peer.next('result'),
      await peer.next('result'),
      await peer.next('result'),
      await peer.next('result'),
    ];
    expect(answers.map((a) => (a.error as { kind: string }).kind)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
    expect(answers.map((a) => (a.error as { message: string }).message)).toEqual([
      expect.stringMatching(/sent 'backupDir', but the helper takes no backup folder or backup from the app/),
      expect.stringMatching(/sent 'backup', but the helper takes no backup folder or backup from the app/),
      expect.stringMatching(/backup id is not a GUID/),
      expect.stringMatching(/backup id is not a GUID/),
      expect.stringMatching(/'check-client-credssp' is not on the helper's allow-list/),
    ]);
    peer.send({ type: 'exit' });
    await peer.closed;
    expect(fixture.ran()).toEqual([]);
    expect(existsSync(join(outside, 'saved.reg'))).toBe(false);
  });

  it('refuses a store that is a link (a junction on Windows) to a folder the user chose', async () => {
    fixture = new HelperFixture();
    const elsewhere = join(fixture.base, 'user-folder');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, fixture.store);
    const helper = fixture.serve();
    const peer = await RawPeer.connect(helper.path);
    peer.send({ type: 'hello', token: helper.token });
    expect(await peer.next('refused', 'hello')).toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/store is a link|is a link \(a junction or symbolic link\)/),
    });
    await peer.closed;
    expect(fixture.ran()).toEqual([]);
  });

  it('refuses a store someone else could write to (made before it by another user)', async () => {
    fixture = new HelperFixture();
    mkdirSync(fixture.store, { mode: 0o777 });
    chmodSync(fixture.store, 0o777);
    const helper = fixture.serve();
    const peer = await RawPeer.connect(helper.path);
    peer.send({ type: 'hello', token: helper.token });
    expect(await peer.next('refused', 'hello')).toMatchObject({
      message: expect.stringMatching(
        /administrator folder .* can be changed by someone who is not an administrator: its mode lets other users write to it \(777\)/,
      ),
    });
    await peer.closed;
  });

  it('refuses to run a script whose SHA-256 does not match the manifest', async () => {
    fixture = new HelperFixture();
    fixture.tamper('undo-client-license-cache.ps1');
    const { connection } = await honestApp(fixture);
    const backupId = ID();
    await connection.request('backup-client-license-cache', backupId, '', 15_000);
    const err = await failure(connection.request('undo-client-license-cache', backupId, '', 15_000));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toMatch(
      /refused undo-client-license-cache: Refused: undo-client-license-cache\.ps1 was changed after it was installed \(its SHA-256 does not match the manifest\)/,
    );
    connection.close();
    expect(fixture.tamperedRan()).toBe(false);
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-client-license-cache']);
  });

  // lib/common.ps1 the helper loads itself; lib/key-files.ps1 through common.ps1, and
  // lib/windows-calls.ps1 through admin-store.ps1: the helper names neither, and checks both.
  it.each(['lib/common.ps1', 'lib/key-files.ps1', 'lib/windows-calls.ps1'])(
    'loads no library whose SHA-256 does not match the manifest (%s): it stops before creating its pipe',
    async (library) => {
      fixture = new HelperFixture();
      fixture.tamper(library);
      const helper = fixture.serve();
      expect(await helper.exited).toBe(1);
      expect(helper.stderr()).toContain(`${library} was changed after it was installed`);
      expect(existsSync(helper.path)).toBe(false);
      expect(fixture.tamperedRan()).toBe(false);
    },
  );

  it('refuses a library in lib/ that the manifest does not list (put there after the install)', async () => {
    fixture = new HelperFixture();
    fixture.plant('lib/extra.ps1');
    const helper = fixture.serve();
    expect(await helper.exited).toBe(1);
    expect(helper.stderr()).toMatch(/lib\/extra\.ps1 is not in the script manifest/);
    expect(existsSync(helper.path)).toBe(false);
    expect(fixture.tamperedRan()).toBe(false);
  });

  it('refuses to run without a manifest (a development checkout, a copied folder)', async () => {
    fixture = new HelperFixture();
    rmSync(join(fixture.scripts, 'scripts.sha256.json'));
    const helper = fixture.serve();
    expect(await helper.exited).toBe(1);
    expect(helper.stderr()).toMatch(/scripts\.sha256\.json is missing beside the scripts/);
    expect(fixture.ran()).toEqual([]);
  });

  it('refuses to run from a scripts folder other users can write (a per-user or portable copy)', async () => {
    fixture = new HelperFixture();
    fixture.chmodScripts(0o777);
    const helper = fixture.serve();
    const err = await failure(connectToHelper(helper.path, helper.token, helper.child.pid!, 15_000));
    expect(err.message).toMatch(/the folder of RDP Doctor's scripts .* can be changed by someone who is not an administrator/);
    expect(fixture.ran()).toEqual([]);
  });
});

describe('the elevated helper under pwsh: fixes that weaken security (issue 22, Low 1)', () => {
  it('refuses a weakening fix its start arguments (the prompt) did not name, even with its own backup; nothing runs', async () => {
    fixture = new HelperFixture();
    const { connection } = await honestApp(fixture);
    const backupId = ID();
    await connection.request('backup-rdp-security-layer', backupId, '', 15_000);
    const refused = await failure(connection.request('fix-rdp-security-isolation-test', backupId, '', 15_000));
    expect(refused).toMatchObject({
      kind: 'bad-request',
      message:
        "The administrator helper refused fix-rdp-security-isolation-test: fix-rdp-security-isolation-test weakens security, and the administrator's prompt did not name it (-AllowWeakening). Nothing was run; RDP Doctor asks again, naming it",
    });
    // The fix that uses the same backup and does not weaken security is not affected.
    await connection.request('fix-require-tls-security-layer', backupId, '', 15_000);
    connection.close();
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-rdp-security-layer', 'fix-require-tls-security-layer']);
  });

  it('runs it when the prompt named it (-AllowWeakening)', async () => {
    fixture = new HelperFixture();
    const helper = fixture.serve(process.pid, { allowWeakening: 'fix-rdp-security-isolation-test' });
    const connection = await connectToHelper(helper.path, helper.token, helper.child.pid!, 15_000);
    const backupId = ID();
    await connection.request('backup-rdp-security-layer', backupId, '', 15_000);
    await connection.request('fix-rdp-security-isolation-test', backupId, '', 15_000);
    // Named one weakening, not the other.
    const credssp = ID();
    await connection.request('backup-client-credssp', credssp, '', 15_000);
    await expect(connection.request('fix-client-credssp', credssp, '', 15_000)).rejects.toThrow(/fix-client-credssp weakens security/);
    connection.close();
    expect(fixture.ran().map((r) => r.script)).toEqual([
      'backup-rdp-security-layer',
      'fix-rdp-security-isolation-test',
      'backup-client-credssp',
    ]);
  });

  it('takes from the app only how long a temporary change stays (15 or 60), for a temporary fix script only; the backup folder it passes is its own', async () => {
    fixture = new HelperFixture();
    const helper = fixture.serve(process.pid, { allowWeakening: 'fix-client-credssp' });
    const connection = await connectToHelper(helper.path, helper.token, helper.child.pid!, 15_000);
    const credssp = ID();
    await connection.request('backup-client-credssp', credssp, '', 15_000);
    await expect(connection.request('fix-client-credssp', credssp, b64({ revertAfterMinutes: 30 }), 15_000)).rejects.toThrow(
      /revertAfterMinutes' is not known/,
    );
    await expect(connection.request('fix-client-credssp', credssp, b64({ revertAfterMinutes: '15' }), 15_000)).rejects.toThrow(
      /revertAfterMinutes' is not known/,
    );
    await connection.request('fix-client-credssp', credssp, b64({ revertAfterMinutes: 15 }), 15_000);
    const rdp = ID();
    await connection.request('backup-rdp-enabled', rdp, '', 15_000);
    await expect(connection.request('fix-enable-rdp', rdp, b64({ revertAfterMinutes: 15 }), 15_000)).rejects.toThrow(
      /revertAfterMinutes' is not known/,
    );
    connection.close();
    const fix = fixture.ran().find((r) => r.script === 'fix-client-credssp')!;
    expect(fix.args.revertAfterMinutes).toBe(15);
    expect(fix.args.backupDir).toBe(join(fixture.store, 'backups', credssp));
    expect(fixture.ran().map((r) => r.script)).toEqual(['backup-client-credssp', 'fix-client-credssp', 'backup-rdp-enabled']);
  });

  it('refuses to start with a name that is not a weakening fix', async () => {
    fixture = new HelperFixture();
    const helper = fixture.serve(process.pid, { allowWeakening: 'fix-enable-rdp' });
    expect(await helper.exited).not.toBe(0);
    expect(helper.stderr()).toMatch(/fix-enable-rdp is not a fix that weakens security/);
    expect(fixture.ran()).toEqual([]);
  });
});
