import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { interpretLaunch } from '../../electron/main/elevation/launcher';
import { parseScriptOutput } from '../../electron/main/powershell/script-runner';
import { WindowsError } from '../../electron/main/ports';
import { b64, HelperFixture, PWSH } from './helper-harness';

// The helper's launch mode under real pwsh, with the one Windows call that cannot happen here (the
// UAC prompt) replaced by what Windows does when the user answers "No". The app's own code reads
// the answer. learn.microsoft.com: ShellExecuteExW returns ERROR_CANCELLED (1223) "the user
// canceled the request"; Process.Start(ProcessStartInfo) throws Win32Exception for it; PowerShell
// surfaces an exception thrown by a .NET method as a MethodInvocationException whose
// InnerException is that exception ("about_Try_Catch_Finally", MethodInvocationException).

let fixture: HelperFixture;
afterEach(() => fixture?.dispose());

const LAUNCH = b64({ mode: 'launch', pipeName: 'rdp-doctor-0f5b3c1e-8a44-4c56-9d0e-1b2c3d4e5f60', token: 'a'.repeat(64), appPid: 4711 });

/** Dot-sources the real helper (functions only), replaces Windows calls as given, runs the launch mode's body. */
function launch(fx: HelperFixture, windows: string): { stdout: string; stderr: string } {
  const script = `
    $ErrorActionPreference = 'Stop'
    . '${join(fx.scripts, 'elevated-helper.ps1')}' -EncodedArgs 'unused'
    ${windows}
    Invoke-RdpDoctorScript -Body { Start-ElevatedHelper -Start (ConvertFrom-EncodedArgs -Value '${LAUNCH}') }
  `;
  const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    env: { ...process.env, ProgramData: join(fx.base, 'ProgramData'), RDP_DOCTOR_CANARY: fx.canaryDir },
  });
  return { stdout: out.stdout, stderr: out.stderr };
}

function appReads(out: { stdout: string; stderr: string }): WindowsError | { processId: number | null } {
  try {
    return interpretLaunch(parseScriptOutput(out));
  } catch (err) {
    return err as WindowsError;
  }
}

const PROMPT_STARTED = "[System.IO.File]::WriteAllText((Join-Path -Path $env:RDP_DOCTOR_CANARY -ChildPath 'prompted'), $Arguments)";

describe("the helper's launch mode under pwsh", () => {
  it('a declined UAC prompt (ERROR_CANCELLED from Process.Start) reaches the app as "cancelled"', () => {
    fixture = new HelperFixture();
    const declined = launch(
      fixture,
      `
      function Start-ProcessAsAdministrator {
        param([string]$FilePath, [string]$Arguments)
        ${PROMPT_STARTED}
        [System.Runtime.ExceptionServices.ExceptionDispatchInfo]::Throw((New-Object -TypeName System.ComponentModel.Win32Exception -ArgumentList 1223))
      }`,
    );
    const read = appReads(declined);
    expect(read).toBeInstanceOf(WindowsError);
    expect(read).toMatchObject({ kind: 'cancelled', message: expect.stringMatching(/Administrator permission was not given/) });
    expect(existsSync(join(fixture.canaryDir, 'prompted'))).toBe(true);
  });

  it('Start-Process, which the helper used before, loses the code: the same "No" would read as a failure', () => {
    fixture = new HelperFixture();
    // StartProcessCommand (PowerShell source, Microsoft.PowerShell.Commands.Management/Process.cs)
    // catches the Win32Exception and throws a new InvalidOperationException carrying only the
    // localized message, with no inner exception.
    const viaStartProcess = spawnSync(
      PWSH.file,
      [
        ...PWSH.prefix,
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `
      . '${join(fixture.scripts, 'elevated-helper.ps1')}' -EncodedArgs 'unused'
      try {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'Dieser Befehl kann aufgrund des folgenden Fehlers nicht ausgeführt werden: Der Vorgang wurde durch den Benutzer abgebrochen.')
      } catch {
        [Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ ok = $true; facts = @{ started = $false; processId = $null; nativeErrorCode = (Get-NativeErrorCode -Exception $_.Exception); message = $_.Exception.Message } } -Compress))
      }`,
      ],
      { encoding: 'utf8', env: { ...process.env, ProgramData: join(fixture.base, 'ProgramData') } },
    );
    expect(appReads({ stdout: viaStartProcess.stdout, stderr: viaStartProcess.stderr })).toMatchObject({ kind: 'unavailable' });
  });

  it('a started helper reports its process id, and its command line carries no path but its own', () => {
    fixture = new HelperFixture();
    const started = launch(
      fixture,
      `
      function Start-ProcessAsAdministrator {
        param([string]$FilePath, [string]$Arguments)
        ${PROMPT_STARTED}
        return [pscustomobject]@{ Id = 5150 }
      }`,
    );
    expect(appReads(started)).toEqual({ processId: 5150 });
    const commandLine = readFileSync(join(fixture.canaryDir, 'prompted'), 'utf8');
    const serve = JSON.parse(Buffer.from(/-EncodedArgs (\S+)$/.exec(commandLine)![1]!, 'base64').toString('utf8'));
    expect(serve).toEqual({
      mode: 'serve',
      pipeName: expect.stringMatching(/^rdp-doctor-/),
      token: 'a'.repeat(64),
      appPid: 4711,
      clientSid: '',
    });
  });

  it('a copy the helper would refuse says why before any UAC prompt', () => {
    fixture = new HelperFixture();
    fixture.chmodScripts(0o777);
    const refused = launch(
      fixture,
      `function Start-ProcessAsAdministrator { param([string]$FilePath, [string]$Arguments) ${PROMPT_STARTED} }`,
    );
    expect(appReads(refused)).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/folder of RDP Doctor's scripts .* can be changed by someone who is not an administrator/),
    });
    expect(existsSync(join(fixture.canaryDir, 'prompted'))).toBe(false);
  });
});
