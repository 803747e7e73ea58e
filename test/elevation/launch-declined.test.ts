import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { interpretDescribe, interpretLaunch } from '../../electron/main/elevation/launcher';
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
/** PowerShell 7's own folder ($PSHOME), where today's helper looked for powershell.exe. */
const PWSH_HOME = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-Command', '$PSHOME'], { encoding: 'utf8' }).stdout.trim();
afterEach(() => fixture?.dispose());

const START = { pipeName: 'rdp-doctor-0f5b3c1e-8a44-4c56-9d0e-1b2c3d4e5f60', token: 'a'.repeat(64), appPid: 4711 };
const LAUNCH = b64({ mode: 'launch', ...START });

/**
 * A System32 folder of this fixture's own with a powershell.exe in WindowsPowerShell\v1.0: the
 * Windows folder .NET reports there (Environment.SpecialFolder.System; empty off Windows).
 */
function fakeSystem32(fx: HelperFixture): string {
  const system = join(fx.base, 'Windows', 'System32');
  mkdirSync(join(system, 'WindowsPowerShell', 'v1.0'), { recursive: true });
  writeFileSync(join(system, 'WindowsPowerShell', 'v1.0', 'powershell.exe'), '');
  return system;
}

/** Runs PowerShell text under pwsh with the real helper dot-sourced first (its functions only). */
function withHelper(fx: HelperFixture, body: string): { stdout: string; stderr: string } {
  const script = `
    $ErrorActionPreference = 'Stop'
    . '${join(fx.scripts, 'elevated-helper.ps1')}' -EncodedArgs 'unused'
    ${body}`;
  const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    env: { ...process.env, ProgramData: join(fx.base, 'ProgramData'), RDP_DOCTOR_CANARY: fx.canaryDir },
  });
  return { stdout: out.stdout, stderr: out.stderr };
}

/** Dot-sources the real helper (functions only), replaces Windows calls as given, runs the launch mode's body. */
function launch(
  fx: HelperFixture,
  windows: string,
  start: string = LAUNCH,
  system: string | null = fakeSystem32(fx),
): { stdout: string; stderr: string } {
  return withHelper(
    fx,
    `${system === null ? '' : `function Get-SystemFolder { return '${system}' }`}
    ${windows}
    Invoke-RdpDoctorScript -Body { Start-ElevatedHelper -Start (ConvertFrom-EncodedArgs -Value '${start}') }`,
  );
}

function appReads(out: { stdout: string; stderr: string }): WindowsError | { processId: number | null } {
  try {
    return interpretLaunch(parseScriptOutput(out));
  } catch (err) {
    return err as WindowsError;
  }
}

const PROMPT_STARTED =
  "[System.IO.File]::WriteAllText((Join-Path -Path $env:RDP_DOCTOR_CANARY -ChildPath 'prompted'), (ConvertTo-Json -InputObject @{ file = $FilePath; arguments = $Arguments } -Compress))";
const prompted = (fx: HelperFixture) =>
  JSON.parse(readFileSync(join(fx.canaryDir, 'prompted'), 'utf8')) as { file: string; arguments: string };
const STARTED = `
      function Start-ProcessAsAdministrator {
        param([string]$FilePath, [string]$Arguments)
        ${PROMPT_STARTED}
        return [pscustomobject]@{ Id = 5150 }
      }`;

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
    const viaStartProcess = withHelper(
      fixture,
      `
      try {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'Dieser Befehl kann aufgrund des folgenden Fehlers nicht ausgeführt werden: Der Vorgang wurde durch den Benutzer abgebrochen.')
      } catch {
        [Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ ok = $true; facts = @{ started = $false; processId = $null; nativeErrorCode = (Get-NativeErrorCode -Exception $_.Exception); message = $_.Exception.Message } } -Compress))
      }`,
    );
    expect(appReads({ stdout: viaStartProcess.stdout, stderr: viaStartProcess.stderr })).toMatchObject({ kind: 'unavailable' });
  });

  it('a started helper reports its process id; its command line is plain words the administrator can read, no path but its own', () => {
    fixture = new HelperFixture();
    const started = launch(fixture, STARTED);
    expect(appReads(started)).toEqual({ processId: 5150 });
    const { arguments: commandLine } = prompted(fixture);
    // Issue 22 (Medium): the pipe name, the app's process id and the token as words; nothing encoded.
    expect(commandLine).toBe(
      `-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File "${join(fixture.scripts, 'elevated-helper.ps1')}" -Serve -PipeName ${START.pipeName} -AppPid 4711 -Token ${START.token}`,
    );
    expect(commandLine).not.toMatch(/EncodedArgs/);
  });

  it('under PowerShell 7 the prompt is for Windows PowerShell from the System folder, never $PSHOME\\powershell.exe (issue 21, defect 5)', () => {
    fixture = new HelperFixture();
    const system = fakeSystem32(fixture);
    launch(fixture, STARTED, LAUNCH, system);
    const { file } = prompted(fixture);
    expect(file).toBe(join(system, 'WindowsPowerShell', 'v1.0', 'powershell.exe'));
    expect(file.startsWith(PWSH_HOME)).toBe(false);
  });

  it('without Windows PowerShell the launch says so plainly, before any prompt', () => {
    fixture = new HelperFixture();
    // The real Get-SystemFolder: .NET has no System folder off Windows, as if powershell.exe were missing.
    const refused = launch(fixture, STARTED, LAUNCH, null);
    expect(appReads(refused)).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining(
        'Windows PowerShell 5.1 (System32\\WindowsPowerShell\\v1.0\\powershell.exe) was not found on this computer',
      ),
    });
    expect(existsSync(join(fixture.canaryDir, 'prompted'))).toBe(false);
  });

  it('a security-weakening fix is named in the prompt when the app asks for it; a name that is not one is refused before any prompt', () => {
    fixture = new HelperFixture();
    launch(fixture, STARTED, b64({ mode: 'launch', ...START, allowWeakening: ['fix-rdp-security-isolation-test'] }));
    expect(prompted(fixture).arguments).toMatch(/ -Token a{64} -AllowWeakening fix-rdp-security-isolation-test$/);

    const other = new HelperFixture();
    try {
      const refused = launch(other, STARTED, b64({ mode: 'launch', ...START, allowWeakening: ['fix-enable-rdp'] }));
      expect(appReads(refused)).toMatchObject({
        kind: 'unavailable',
        message: expect.stringContaining('fix-enable-rdp is not a fix that weakens security'),
      });
      expect(existsSync(join(other.canaryDir, 'prompted'))).toBe(false);
    } finally {
      other.dispose();
    }
  });

  it('the describe mode says beforehand exactly what the prompt then shows', () => {
    fixture = new HelperFixture();
    const system = fakeSystem32(fixture);
    const described = withHelper(
      fixture,
      `function Get-SystemFolder { return '${system}' }
      Invoke-RdpDoctorScript -Body { Get-ServeCommand -Start (Get-LaunchStart -Start (ConvertFrom-EncodedArgs -Value '${LAUNCH}')) }`,
    );
    const preview = interpretDescribe(parseScriptOutput({ stdout: described.stdout, stderr: described.stderr }));
    launch(fixture, STARTED, LAUNCH, system);
    const { file, arguments: args } = prompted(fixture);
    expect(preview).toEqual({ program: 'Windows PowerShell', publisher: 'Microsoft Windows', commandLine: `"${file}" ${args}` });
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
