import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeFixScript, type FixScriptOptions } from '../../electron/main/remote/fix-script';
import { psLiteral } from '../../electron/main/powershell/literal';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import type { FixId } from '../../shared/catalog/fixes';
import { healthyServer, writeMachine, MACHINE_GUID, RDP_GROUP, RDP_KEY_FILE, RDP_TCP, dword } from './machines';
import { pwshPath, SCRIPTS_DIR } from './pwsh';
import { tasksOf, theRevertTask } from '../support/machine-snapshot';

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
async function setUp(fixIds: FixId[], server = serverWithRulesOff(), options: FixScriptOptions = {}) {
  const { machine, root } = await writeMachine(server, 'srv01');
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-fix-script-'));
  const store = join(dir, 'store');
  const script = join(dir, 'rdp-doctor-fix-srv01.ps1');
  await writeFile(script, makeFixScript(fixIds, { host: 'srv01', port: 3389 }, texts, options).content);
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
      fixes: Array<{ id: string; state: string; changed: string[]; revertsAt: string | null }>;
    };
  /**
   * Task Scheduler, with the script and its PowerShell gone: another process loads only the
   * server, moves its clock on by `minutes` and fires the tasks that are due (the fake's
   * Invoke-FakeTaskScheduler, as in revert-timer.test.ts). What ran, and the server after.
   */
  const fireTasks = async (minutes: number) => {
    runs += 1;
    const after = join(dir, `fired-${runs}.json`);
    const command = [
      `Import-Module -Name ${psLiteral(FAKE)}`,
      `Use-FakeMachine -Path ${psLiteral(machine)} -Root ${psLiteral(root)}`,
      `$ran = @(Invoke-FakeTaskScheduler -Advance ([timespan]::FromMinutes(${minutes})))`,
      `[System.IO.File]::WriteAllText(${psLiteral(after)}, (Get-FakeMachineSnapshot))`,
      '[Console]::Out.WriteLine((ConvertTo-Json -InputObject $ran -Compress -Depth 3))',
    ].join('; ');
    const { stdout } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-Command', command], {
      env: { ...process.env, TERM: 'dumb' },
    });
    const parsed = JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
    const ran = (parsed === null ? [] : Array.isArray(parsed) ? parsed : [parsed]) as Array<{ TaskName: string; Result: number }>;
    return { ran, after: JSON.parse(await readFile(after, 'utf8')) as Record<string, unknown> };
  };
  return { runScript, runFolders, manifestOf, fireTasks, store };
}

/** The server but for what only RDP Doctor's timers keep: their outcome key, the task list, the clock. */
function serverSettings(state: Record<string, unknown>): unknown {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { scheduledTasks, now, registry, ...rest } = state;
  const kept = Object.fromEntries(
    Object.entries((registry ?? {}) as Record<string, unknown>).filter(([key]) => !key.includes('RDP Doctor')),
  );
  return { ...rest, registry: kept };
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

  it('refuses two fixes that undo each other with a clear message, and changes nothing', async () => {
    // The app never makes such a script (it refuses the pair); one made or edited by other means is refused here too.
    const { runScript, runFolders, store } = await setUp(['require-tls-security-layer', 'rdp-security-isolation-test'], healthyServer());
    const refused = await runScript('-AcceptSecurityChange');
    expect(refused.stdout).toContain(
      '"Use TLS for Remote Desktop again": Not together with "Test with TLS and Network Level Authentication turned off (weakens security)": one turns TLS off, the other turns it on.',
    );
    expect(refused.stdout).toContain('Make a fix script with only one of them. Nothing was changed.');
    expect(refused.code).toBe(6);
    expect(refused.after).toEqual(refused.before);
    expect(await runFolders()).toEqual([]);
    await expect(readdir(store)).rejects.toThrow();
  }, 90_000);

  it('a temporary fix for the 15 minutes chosen in the app: with the script and its PowerShell gone, the SYSTEM task it registered puts the server back and removes itself', async () => {
    const { runScript, runFolders, manifestOf, fireTasks } = await setUp(['rdp-security-isolation-test'], healthyServer(), {
      revertAfterMinutes: 15,
    });
    const applied = await runScript('-AcceptSecurityChange');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(
      /Changed: Turns itself back at \d\d:\d\d \(scheduled task "\\RDP Doctor\\Put back change [0-9a-f-]{36}", runs as SYSTEM\)/,
    );
    expect(applied.stdout).toContain('This is temporary: a scheduled task puts it back in 15 minutes, even if nobody runs -Undo.');
    const rdpTcp = (state: Record<string, unknown>) => (state.registry as Record<string, Record<string, unknown>>)[RDP_TCP]!;
    expect(rdpTcp(applied.after).SecurityLayer).toEqual(dword(0));

    const [folder] = await runFolders();
    const [entry] = (await manifestOf(folder!)).fixes;
    expect(entry).toMatchObject({ id: 'rdp-security-isolation-test', state: 'applied' });
    const task = theRevertTask(applied.after);
    // The one file the task runs lies in this fix's backup, in the administrators' store.
    const timerId = /Put back change ([0-9a-f-]{36})$/.exec(task.taskName)![1]!;
    expect(task.arguments).toBe(
      `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${join(folder!, 'rdp-security-isolation-test', timerId, 'revert-on-timer.ps1')}"`,
    );
    expect(Date.parse(task.startBoundary)).toBe(Date.parse(entry!.revertsAt!));
    expect(applied.stdout).toContain(`Puts itself back at ${entry!.revertsAt}`);

    // Fourteen minutes on, nothing has run; sixteen, the task has put the server back and is gone.
    const early = await fireTasks(14);
    expect(early.ran).toEqual([]);
    expect(serverSettings(early.after)).toEqual(serverSettings(applied.after));
    const due = await fireTasks(16);
    expect(due.ran.map((r) => r.Result)).toEqual([0]);
    expect(tasksOf(due.after)).toEqual([]);
    expect(serverSettings(due.after)).toEqual(serverSettings(applied.before));
    const outcome = Object.entries(due.after.registry as Record<string, Record<string, { value: unknown }>>).find(([key]) =>
      key.endsWith(`RDP Doctor\\Timers\\${timerId}`),
    );
    expect(outcome?.[1].State).toMatchObject({ value: 'restored' });
  }, 180_000);

  it('-Undo before the time removes the task with the change, so nothing fires later', async () => {
    const { runScript, fireTasks } = await setUp(['rdp-security-isolation-test'], healthyServer(), { revertAfterMinutes: 60 });
    const applied = await runScript('-AcceptSecurityChange');
    expect(applied.code).toBe(0);
    expect(tasksOf(applied.after)).toHaveLength(1);
    const undone = await runScript('-Undo');
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain('Removed the timer that would have put it back');
    expect(tasksOf(undone.after)).toEqual([]);
    // As it was (the fake keeps an emptied task list as [], where there was none).
    expect(serverSettings(undone.after)).toEqual(serverSettings(applied.before));
    expect((await fireTasks(90)).ran).toEqual([]);
  }, 180_000);

  it('-RevertAfterMinutes 0 keeps the change until -Undo (no task); a time that is not 15 or 60 changes nothing', async () => {
    const { runScript, runFolders, manifestOf } = await setUp(['rdp-security-isolation-test'], healthyServer(), { revertAfterMinutes: 15 });
    const refused = await runScript('-AcceptSecurityChange -RevertAfterMinutes 30');
    expect(refused.code).toBe(5);
    expect(refused.stdout).toContain(
      '-RevertAfterMinutes is 30: a temporary fix puts itself back after 15 or 60 minutes, or 0 for only when you run -Undo. Nothing was changed.',
    );
    expect(refused.after).toEqual(refused.before);
    expect(await runFolders()).toEqual([]);

    const kept = await runScript('-AcceptSecurityChange -RevertAfterMinutes 0');
    expect(kept.code).toBe(0);
    expect(tasksOf(kept.after)).toEqual([]);
    expect(kept.stdout).not.toContain('Turns itself back');
    const [folder] = await runFolders();
    expect((await manifestOf(folder!)).fixes).toMatchObject([{ id: 'rdp-security-isolation-test', state: 'applied', revertsAt: null }]);
  }, 180_000);

  it('a timer that cannot be registered rolls the change back: the server is as it was and no task is left', async () => {
    const { runScript, runFolders, manifestOf } = await setUp(['rdp-security-isolation-test'], healthyServer(), { revertAfterMinutes: 15 });
    const failed = await runScript('-AcceptSecurityChange', ['Register-ScheduledTask@1']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('The timer that would put this back could not be set up');
    expect(failed.stdout).toContain('Putting back what it changed...');
    expect(failed.after).toEqual(failed.before);
    const [folder] = await runFolders();
    expect((await manifestOf(folder!)).fixes).toMatchObject([{ id: 'rdp-security-isolation-test', state: 'rolled-back' }]);
  }, 180_000);

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
