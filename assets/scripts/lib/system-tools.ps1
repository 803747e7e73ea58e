# Windows' own tools from System32 (reg.exe, cmdkey.exe, icacls.exe, fsutil.exe, whoami.exe), run
# with each value as its own argument.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Runs a Windows tool from System32 (reg.exe, cmdkey.exe, icacls.exe). Each value is its own
# argument, never pasted into command text. Returns the output lines; throws with them on a
# non-zero exit code.
function Invoke-SystemTool {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string[]]$ArgumentList
    )
    # SystemDirectory is a Win32 call, not an environment variable a user could point elsewhere.
    # It is empty where there is no Windows (PowerShell 7 on Linux or macOS, the test machines):
    # there the name alone is run, which finds the test fake's function of that name.
    $toolPath = $Name
    $systemDirectory = [System.Environment]::SystemDirectory
    if ($systemDirectory) { $toolPath = Join-Path -Path $systemDirectory -ChildPath $Name }
    # Windows PowerShell 5.1 turns a tool's stderr into errors; collect them as text instead.
    $ErrorActionPreference = 'Continue'
    $output = @(& $toolPath @ArgumentList 2>&1 | ForEach-Object -Process { [string]$_ })
    $exitCode = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($exitCode -ne 0) { throw "$Name failed (exit code $exitCode): $($output -join ' ')" }
    return $output
}
