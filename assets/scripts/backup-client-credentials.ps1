<#
.SYNOPSIS
    Records which TERMSRV entries for the target the fix will remove. cmdkey cannot read a
    password back, so the names are all that can be saved.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $hostArg = $arguments.PSObject.Properties['host']
    $portArg = $arguments.PSObject.Properties['port']
    if ($null -eq $hostArg -or $null -eq $portArg -or -not $hostArg.Value) {
        throw 'This fix needs the name of the computer you connect to, and it was not given. Nothing was changed.'
    }
    $targetHost = [string]$hostArg.Value
    $targetPort = [int]$portArg.Value
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $entries = @(Get-TermsrvCredentialTarget | Where-Object -FilterScript {
            Test-TermsrvTargetForHost -Target $_ -TargetHost $targetHost -Port $targetPort
        })
    $backup = @{ host = $targetHost; entries = $entries }
    $path = Join-Path -Path $arguments.backupDir -ChildPath 'credentials.json'
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $backup -Depth 5) -Encoding UTF8
    $backup
}
