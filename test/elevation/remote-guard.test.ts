import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { combinedRemoteScript } from '../support/remote-combined';
import { b64, PWSH } from './helper-harness';

// The same rule on a server reached over PowerShell remoting: invoke-remote.ps1 runs
// Assert-RemoteBackupArguments there before each script. Here it runs under pwsh with the real
// libraries, against the arguments the app (or whoever controls it) sends.
const LIB = join(__dirname, '../../assets/scripts/lib');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One pwsh run: each case's verdict, 'allowed' or the refusal. */
function guard(cases: Array<[store: string, args: unknown]>): string[] {
  const list = cases.map(([store, args]) => `[void]$cases.Add(@('${store}', '${b64(args)}'))`).join('; ');
  const script = `
    . '${join(LIB, 'common.ps1')}'; . '${join(LIB, 'admin-store.ps1')}'; . '${join(LIB, 'windows-calls.ps1')}'
    $cases = New-Object -TypeName System.Collections.ArrayList; ${list}
    $verdicts = foreach ($case in $cases) {
      $env:RDP_DOCTOR_TEST_ADMIN_STORE = $case[0]
      try { Assert-RemoteBackupArguments -EncodedArgs $case[1]; 'allowed' } catch { $_.Exception.Message }
    }
    [Console]::Out.Write((ConvertTo-Json -InputObject @($verdicts) -Compress))
  `;
  const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    env: { ...process.env, ProgramData: join(tmpdir(), 'ProgramData') },
  });
  return JSON.parse(out.stdout) as string[];
}

function base() {
  const dir = mkdtempSync(join(tmpdir(), 'rdpd-remote-'));
  dirs.push(dir);
  return { dir, store: join(dir, 'RDP Doctor') };
}

describe('Assert-RemoteBackupArguments (invoke-remote.ps1, on the server)', () => {
  it('lets a check run without touching the store, and a backup only into <store>/backups/<journal id>', () => {
    const { store } = base();
    expect(guard([[store, { host: 'srv01', port: 3389 }]])).toEqual(['allowed']);
    expect(existsSync(store)).toBe(false);
    const id = randomUUID();
    expect(
      guard([
        [store, { backupDir: join(store, 'backups', id) }],
        [store, { backup: { exportPath: join(store, 'backups', id, 'MSLicensing.reg') } }],
      ]),
    ).toEqual(['allowed', 'allowed']);
  });

  it('refuses a backup folder or a backup file anywhere else, and a store that is a link', () => {
    const { dir, store } = base();
    const linked = join(dir, 'linked');
    mkdirSync(join(dir, 'user-owned'), { mode: 0o700 });
    symlinkSync(join(dir, 'user-owned'), linked);
    expect(
      guard([
        [store, { backupDir: join(dir, 'elsewhere', randomUUID()) }],
        [store, { backupDir: join(store, 'backups', 'not-a-guid') }],
        [store, { backup: { files: [{ aclFile: join(dir, 'evil.txt') }] } }],
        [linked, { backupDir: join(linked, 'backups', randomUUID()) }],
      ]),
    ).toEqual([
      expect.stringMatching(/^Refused: backups go to .*backups\/[0-9a-f-]{36}, not /),
      expect.stringMatching(/backup id is not a GUID/),
      expect.stringMatching(/the backup names .*evil\.txt, which is outside its own backup folder/),
      expect.stringMatching(/is a link \(a junction or symbolic link\)/),
    ]);
  });

  it('is what invoke-remote.ps1 runs before every script it sends', () => {
    // The real invoke-remote.ps1 builds what it would send; the guard runs after the libraries
    // that define it and before the script's body.
    const { text } = combinedRemoteScript('backup-rdp-enabled.ps1');
    const guard = text.indexOf('\nAssert-RemoteBackupArguments -EncodedArgs $EncodedArgs');
    expect(guard).toBeGreaterThan(text.indexOf('function Assert-RemoteBackupArguments'));
    expect(guard).toBeLessThan(text.indexOf('Invoke-RdpDoctorScript -Body'));
  });
});
