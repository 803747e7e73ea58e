import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PowerShellSession, windowsPowerShellPath } from './session';
import { parseScriptOutput } from './script-runner';
import { invocationLine } from './literal';
import { failure } from '../../../test/support/windows-error';

// The real node-powershell wrapper against a child process that speaks its protocol and answers
// as told (a warning on stderr, garbage, silence, an error envelope): cases real PowerShell does
// not produce on demand. test/powershell/session.test.ts runs the same session against pwsh.
const FAKE = join(__dirname, '../../../test/support/fake-powershell.mjs');
const line = (script: string, args: unknown = {}) => invocationLine(`C:\\scripts\\${script}`, args);

let session: PowerShellSession;
afterEach(async () => {
  await session?.dispose();
});

async function run(script: string, args: unknown = {}, timeoutMs?: number) {
  return parseScriptOutput(await session.invoke(line(script, args), timeoutMs));
}

describe('PowerShellSession', () => {
  it('starts once and reuses the process for every call', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    const a = (await run('echo.ps1')) as { pid: number };
    const b = (await run('echo.ps1')) as { pid: number };
    expect(a.pid).toBe(b.pid);
    expect(session.starts).toBe(1);
  });

  it('carries non-ASCII text and quotes both ways intact', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    const args = { host: "srv-Zoë'ß-東京", note: '😀 "quoted" $(not run)' };
    expect(await run('echo.ps1', args)).toMatchObject({ args });
  });

  it('times out a hung call, kills the process, and answers the next call from a new one', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    const before = (await run('echo.ps1')) as { pid: number };
    const started = Date.now();
    const err = await failure(run('hang.ps1', {}, 400));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
    const after = (await run('echo.ps1')) as { pid: number };
    expect(after.pid).not.toBe(before.pid);
    expect(session.starts).toBe(2);
  });

  it('reports a crash as crashed and restarts on the next call', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    const err = await failure(run('crash.ps1'));
    expect(err.kind).toBe('crashed');
    expect(await run('echo.ps1')).toMatchObject({ args: {} });
    expect(session.starts).toBe(2);
  });

  it('classifies a script error, non-JSON output and no output', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    expect((await failure(run('fail.ps1'))).message).toBe('The device is not ready.');
    expect((await failure(run('fail.ps1'))).kind).toBe('script-error');
    // Windows refusing the account the check ran as: unavailable here, not broken.
    expect(await failure(run('denied.ps1'))).toMatchObject({ kind: 'unavailable', message: 'Access is denied.' });
    expect((await failure(run('garbage.ps1'))).kind).toBe('bad-json');
    const silent = await failure(run('silent.ps1'));
    expect(silent.kind).toBe('bad-json');
    expect(silent.message).toContain('printed no result');
  });

  it('does not treat a warning on stderr as a failure', async () => {
    session = new PowerShellSession({ executable: FAKE, timeoutMs: 5_000 });
    expect(await run('warn.ps1')).toEqual({ warned: true });
  });

  it('says plainly when the shell cannot be started', async () => {
    session = new PowerShellSession({ executable: '/nonexistent/powershell.exe', timeoutMs: 2_000 });
    const err = await failure(run('echo.ps1'));
    expect(['crashed', 'unavailable']).toContain(err.kind);
    expect(err.message).toMatch(/PowerShell/);
  });
});

describe('windowsPowerShellPath', () => {
  it('is the absolute Windows PowerShell 5.1 path under SystemRoot', () => {
    expect(windowsPowerShellPath({ SystemRoot: 'D:\\WINNT' })).toBe('D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});
