<#
.SYNOPSIS
    The attacker's step of test/elevation/planted-key-file.test.ts, run as the standard user who
    planted the file: replaces that file in MachineKeys by a junction to another folder (or, with
    recreate, makes the file anew under its name: another file id). The
    user may: they own the file they created (CREATOR OWNER), and Everyone may create folders in
    MachineKeys (KB 278381). Off Windows a junction is a symbolic link to a folder, which is what
    the fake's tools follow as Windows' follow a junction.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$arguments = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($EncodedArgs)))
$link = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath([string]$arguments.path)
if ($arguments.PSObject.Properties['recreate'] -and $arguments.recreate) {
    # The same name, the same bytes, another file (what a restore or a copy leaves).
    # Written beside it first, then moved over it: the old file still holds its id meanwhile.
    $copy = $link + '.new'
    [System.IO.File]::WriteAllBytes($copy, [System.IO.File]::ReadAllBytes($link))
    Microsoft.PowerShell.Management\Remove-Item -LiteralPath $link -Force
    [System.IO.File]::Move($copy, $link)
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ ok = $true; facts = @{ recreated = $link } } -Compress))
    return
}
$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath([string]$arguments.target)
Microsoft.PowerShell.Management\Remove-Item -LiteralPath $link -Force
$kind = 'Junction'
if ([System.IO.Path]::DirectorySeparatorChar -eq '/') { $kind = 'SymbolicLink' }
$null = Microsoft.PowerShell.Management\New-Item -ItemType $kind -Path $link -Target $target
[Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ ok = $true; facts = @{ link = $link; target = $target } } -Compress))
