import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PowerShellSession } from '../../electron/main/powershell/session';
import { parseScriptOutput, ScriptRunner } from '../../electron/main/powershell/script-runner';
import { invocationLine, psLiteral } from '../../electron/main/powershell/literal';
import { failure } from '../support/windows-error';
import { healthyServer, writeMachine } from './machines';
import { SCRIPTS_DIR, pwshPath } from './pwsh';

/*
 * node-powershell's session against real PowerShell 7. Its stdin is decoded as ISO-8859-1 here
 * (LANG), the way Windows PowerShell decodes it in the OEM code page: a line with a non-ASCII
 * path that is not encoded arrives mangled, as it would on a Windows machine of a user named
 * Jürgen or 山田.
 */
const LEGACY_STDIN = { LANG: 'en_US.ISO-8859-1', LC_ALL: 'en_US.ISO-8859-1' };
const FAKE = join(__dirname, '../fake-windows/FakeWindows.psm1');

let dir = '';
let scriptsDir = '';
let session: PowerShellSession | undefined;
afterEach(async () => {
  await session?.dispose();
  session = undefined;
});

const ENVELOPE = `[Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ ok = $true; facts = $facts }))`;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rdpd-session-'));
  // The per-user install lives under the profile: C:\\Users\\Jürgen 山田\\AppData\\Local\\Programs\\...
  const home = join(dir, 'Users', 'Jürgen 山田', 'AppData', 'Local', 'Programs', 'RDP Doctor', 'resources');
  scriptsDir = join(home, 'scripts');
  await mkdir(join(home, 'test'), { recursive: true });
  await cp(SCRIPTS_DIR, scriptsDir, { recursive: true });
  const test = (name: string, body: string) => writeFile(join(home, 'test', name), `param([string]$EncodedArgs)\n${body}\n`);
  await test(
    'echo.ps1',
    `$facts = @{ pid = $PID; args = (ConvertFrom-Json ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($EncodedArgs)))) }\n${ENVELOPE}`,
  );
  await test('hang.ps1', 'Start-Sleep -Seconds 60');
  await test('crash.ps1', '[System.Environment]::Exit(3)');
}, 30_000);

const testScript = (name: string) =>
  join(dir, 'Users', 'Jürgen 山田', 'AppData', 'Local', 'Programs', 'RDP Doctor', 'resources', 'test', name);
const open = (timeoutMs = 10_000, setup?: string) => {
  session = new PowerShellSession({ executable: pwshPath(), timeoutMs, env: () => LEGACY_STDIN, ...(setup ? { setup: () => setup } : {}) });
  return session;
};
const run = async (s: PowerShellSession, name: string, args: unknown = {}, timeoutMs?: number) =>
  parseScriptOutput(await s.invoke(invocationLine(testScript(name), args), timeoutMs)) as { pid: number; args: unknown };

describe('PowerShellSession against real pwsh', () => {
  it('starts once and reuses the process for every call', async () => {
    const s = open();
    const a = await run(s, 'echo.ps1');
    const b = await run(s, 'echo.ps1');
    expect(a.pid).toBe(b.pid);
    expect(s.starts).toBe(1);
  });

  it('carries JSON, quotes and non-ASCII text both ways, from a script under a non-ASCII path', async () => {
    const args = { host: "srv-Zoë'ß-東京", note: '😀 "quoted" $(not run) `backtick`' };
    expect((await run(open(), 'echo.ps1', args)).args).toEqual(args);
  });

  it('times out a hung call, kills the process, and answers the next call from a new one', async () => {
    const s = open();
    const before = await run(s, 'echo.ps1');
    const started = Date.now();
    expect((await failure(run(s, 'hang.ps1', {}, 1_500))).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
    const after = await run(s, 'echo.ps1');
    expect(after.pid).not.toBe(before.pid);
    expect(s.starts).toBe(2);
  });

  it('reports a crash as crashed and restarts on the next call', async () => {
    const s = open();
    expect((await failure(run(s, 'crash.ps1'))).kind).toBe('crashed');
    expect((await run(s, 'echo.ps1')).args).toEqual({});
    expect(s.starts).toBe(2);
  });

  it('runs the real scripts from a non-ASCII install folder against a fake Windows, set up again after a restart', async () => {
    const { machine, root } = await writeMachine(healthyServer(), 'session-server', dir);
    const setup = `Import-Module -Name ${psLiteral(FAKE)}; Use-FakeMachine -Path ${psLiteral(machine)} -Root ${psLiteral(root)}; Set-FakeElevation -Elevated $true`;
    const s = open(20_000, setup);
    const runner = new ScriptRunner(s, (file) => join(scriptsDir, file), s);
    const options = { elevated: false, timeoutMs: 20_000, side: 'server' as const };
    expect(await runner.run('check-rdp-enabled', {}, options)).toEqual({ fDenyTSConnections: 0, policyDenyTSConnections: null });
    expect((await failure(run(s, 'crash.ps1'))).kind).toBe('crashed');
    expect(await runner.run('check-firewall-rdp', {}, options)).toMatchObject({ activeProfiles: ['Domain'] });
    expect(s.starts).toBe(2);
  });
});
