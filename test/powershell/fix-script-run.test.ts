import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeFixScript } from '../../electron/main/remote/fix-script';
import { psLiteral } from '../../electron/main/powershell/literal';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import type { FixId } from '../../shared/catalog/fixes';
import { healthyServer, writeMachine, MACHINE_GUID, RDP_GROUP, RDP_KEY_FILE, RDP_TCP, dword } from './machines';
import { pwshPath, SCRIPTS_DIR } from './pwsh';

const run = promisify(execFile);
const FAKE = join(__dirname, '../fake-windows/FakeWindows.psm1');
const texts = loadScriptTexts(SCRIPTS_DIR);

/** SRV01 with its Remote Desktop firewall rules off (what enable-firewall-rdp repairs). */
function serverWithRulesOff() {
  const server = healthyServer();
  for (const rule of (server.firewall as { rules: Array<Record<string, unknown>> }).rules)
    if (rule.group === RDP_GROUP) rule.enabled = 'False';
  return server;
}

/**
 * The fix script the app generates, run for real under pwsh on a fake Windows Server as its
 * administrator would run it (the runner is assets/scripts/lib/fix-script-runtime.ps1). Backups go
 * to a store of the test's own (RDP_DOCTOR_TEST_ADMIN_STORE: off Windows the admin store has no
 * fixed place), outside the server's C: folder, so the server is compared whole before and after.
 * Off Windows the script's administrator check is "effective uid 0": these tests run as root,
 * like the rest of the suite's system tests (test/harness/netns.ts).
 */
async function setUp(fixIds: FixId[], server = serverWithRulesOff()) {
  const { machine, root } = await writeMachine(server, 'srv01');
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-fix-script-'));
  const store = join(dir, 'store');
  const script = join(dir, 'rdp-doctor-fix-srv01.ps1');
  await writeFile(script, makeFixScript(fixIds, { host: 'srv01', port: 3389 }, texts).content);
  let runs = 0;
  /** Runs the script with these arguments; the server's state before and after, and the exit code. */
  const runScript = async (args: string, faults: string[] = []) => {
    runs += 1;
    const snapshot = join(dir, `snapshot-${runs}`);
    // Every path enters as a quoted literal (psLiteral), never pasted into the command text.
    const command = [
      `Import-Module -Name ${psLiteral(FAKE)}`,
      `Use-FakeMachine -Path ${psLiteral(machine)} -Root ${psLiteral(root)}`,
      'Set-FakeElevation -Elevated $true',
      `$env:COMPUTERNAME = 'SRV01'`,
      `[System.IO.File]::WriteAllText(${psLiteral(`${snapshot}.before`)}, (Get-FakeMachineSnapshot))`,
      ...faults.map((f) => `Add-FakeFault -Command ${psLiteral(f)}`),
      `try { & ${psLiteral(script)} ${args}; $code = $LASTEXITCODE } catch { Write-Host ('Stopped: ' + $_.Exception.Message); $code = 99 }`,
      `[System.IO.File]::WriteAllText(${psLiteral(`${snapshot}.after`)}, (Get-FakeMachineSnapshot))`,
      'exit $code',
    ].join('; ');
    const env = { ...process.env, TERM: 'dumb', RDP_DOCTOR_TEST_ADMIN_STORE: store };
    const { stdout, code } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-Command', command], { env }).then(
      (r) => ({ stdout: r.stdout, code: 0 }),
      (e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }),
    );
    const before = JSON.parse(await readFile(`${snapshot}.before`, 'utf8')) as Record<string, unknown>;
    const after = JSON.parse(await readFile(`${snapshot}.after`, 'utf8')) as Record<string, unknown>;
    return { stdout, code, before, after };
  };
  /** The run folders under the store's backups, oldest first. */
  const runFolders = async () =>
    (await readdir(join(store, 'backups')).catch(() => [] as string[])).sort().map((n) => join(store, 'backups', n));
  const manifestOf = async (folder: string) =>
    JSON.parse((await readFile(join(folder, 'manifest.json'), 'utf8')).replace(/^\uFEFF/, '')) as {
      fixes: Array<{ id: string; state: string; changed: string[] }>;
    };
  return { runScript, runFolders, manifestOf };
}

/** The Remote Desktop rules' Enabled, by rule name. */
const rdpRules = (state: Record<string, unknown>) =>
  Object.fromEntries(
    (state.firewall as { rules: Array<{ name: string; group: string; enabled: string }> }).rules
      .filter((r) => r.group === RDP_GROUP)
      .map((r) => [r.name, r.enabled]),
  );

describe('the generated fix script, run on the server under real PowerShell', () => {
  it('applies its fix with a backup, says what it did, and -Undo puts the whole server back', async () => {
    const { runScript, runFolders, manifestOf } = await setUp(['enable-firewall-rdp']);
    const applied = await runScript('');
    expect(applied.stdout).toContain('RDP Doctor fix script. RDP Doctor diagnosed: srv01. This computer: SRV01.');
    expect(applied.stdout).toContain('[1 of 1] Turn on the Remote Desktop firewall rules');
    expect(applied.stdout).toMatch(/Changed: /);
    expect(applied.code).toBe(0);
    expect(rdpRules(applied.before)).toEqual({
      'RemoteDesktop-UserMode-In-TCP': 'False',
      'RemoteDesktop-UserMode-In-UDP': 'False',
      'RemoteDesktop-In-TCP-WSS': 'False',
    });
    // The WebSocket rule stays as it was, as the fix says.
    expect(rdpRules(applied.after)).toEqual({
      'RemoteDesktop-UserMode-In-TCP': 'True',
      'RemoteDesktop-UserMode-In-UDP': 'True',
      'RemoteDesktop-In-TCP-WSS': 'False',
    });
    const [folder] = await runFolders();
    expect(applied.stdout).toContain(`-Undo -BackupFolder "${folder}"`);
    const manifest = await manifestOf(folder!);
    expect(manifest.fixes).toMatchObject([{ id: 'enable-firewall-rdp', state: 'applied' }]);
    expect(manifest.fixes[0]!.changed.length).toBeGreaterThan(0);

    const undone = await runScript('-Undo');
    expect(undone.stdout).toContain('Every change of that run is undone.');
    expect(undone.code).toBe(0);
    expect(undone.after).toEqual(applied.before);
    expect((await manifestOf(folder!)).fixes).toMatchObject([{ id: 'enable-firewall-rdp', state: 'undone' }]);
  }, 90_000);

  it('puts back what a failed fix changed, from its backup, and says so', async () => {
    const { runScript, runFolders, manifestOf } = await setUp(['enable-firewall-rdp']);
    // The second rule fails to turn on: the first one already did.
    const failed = await runScript('', ['Enable-NetFirewallRule@2']);
    expect(failed.stdout).toContain('Putting back what it changed...');
    expect(failed.code).toBe(1);
    expect(failed.after).toEqual(failed.before);
    const [folder] = await runFolders();
    expect((await manifestOf(folder!)).fixes).toMatchObject([{ id: 'enable-firewall-rdp', state: 'rolled-back' }]);
  }, 90_000);

  it('runs a fix that weakens security only with -AcceptSecurityChange', async () => {
    const server = healthyServer();
    const { runScript, runFolders, manifestOf } = await setUp(['rdp-security-isolation-test'], server);
    const refused = await runScript('');
    expect(refused.stdout).toContain('These fixes weaken security, so they run only when you ask for it explicitly:');
    expect(refused.stdout).toContain('Nothing was changed.');
    expect(refused.code).toBe(3);
    expect(refused.after).toEqual(refused.before);
    expect(await runFolders()).toEqual([]);

    const accepted = await runScript('-AcceptSecurityChange');
    expect(accepted.code).toBe(0);
    const rdpTcp = (accepted.after.registry as Record<string, Record<string, unknown>>)[RDP_TCP]!;
    expect(rdpTcp.SecurityLayer).toEqual(dword(0));
    expect(rdpTcp.UserAuthentication).toEqual(dword(0));
    const [folder] = await runFolders();
    expect((await manifestOf(folder!)).fixes).toMatchObject([{ id: 'rdp-security-isolation-test', state: 'applied' }]);
  }, 90_000);

  it('repairs the key file the certificate names (by its file id), and -Undo takes back only what it added', async () => {
    const server = healthyServer();
    const keyAcl = (server.files as Record<string, { acl: { aces: Array<{ sid: string }> } }>)[RDP_KEY_FILE]!.acl;
    keyAcl.aces = keyAcl.aces.filter((a) => a.sid !== 'S-1-5-20');
    const { runScript } = await setUp(['repair-rdp-key-permissions'], server);
    const applied = await runScript('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`Granted *S-1-5-20:(R) on f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}`);
    const files = (state: Record<string, unknown>) => state.files as Record<string, { acl?: unknown }>;
    const changed = Object.keys(files(applied.after)).filter(
      (p) => JSON.stringify(files(applied.after)[p]?.acl) !== JSON.stringify(files(applied.before)[p]?.acl),
    );
    expect(changed).toEqual([RDP_KEY_FILE]);
    const undone = await runScript('-Undo');
    expect(undone.code).toBe(0);
    expect(undone.after).toEqual(applied.before);
  }, 90_000);

  it('-Undo refuses a backup folder outside its store and changes nothing', async () => {
    const { runScript } = await setUp(['enable-firewall-rdp']);
    const elsewhere = await mkdtemp(join(tmpdir(), 'rdpd-elsewhere-'));
    await writeFile(join(elsewhere, 'manifest.json'), JSON.stringify({ fixes: [{ id: 'enable-firewall-rdp', state: 'applied' }] }));
    const refused = await runScript(`-Undo -BackupFolder ${psLiteral(elsewhere)}`);
    expect(refused.stdout).toContain(`Stopped: ${elsewhere} is not a backup folder of this script`);
    expect(refused.after).toEqual(refused.before);
  }, 90_000);
});
