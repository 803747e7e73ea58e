<#
.SYNOPSIS
    Deletes HKLM\SOFTWARE\Microsoft\MSLicensing once its export is in the backup folder.
    Remote Desktop rebuilds it at the next connection.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $licensingKey = 'HKLM\SOFTWARE\Microsoft\MSLicensing'
    $licensingPath = "Registry::$licensingKey"
    if (-not (Test-Path -LiteralPath $licensingPath)) { return @{ changed = @() } }
    $exportPath = $arguments.backup.exportPath
    if (-not $exportPath -or -not (Test-Path -LiteralPath $exportPath)) {
        throw 'The license cache was not saved first, so it is not deleted.'
    }
    Remove-Item -LiteralPath $licensingPath -Recurse -Force
    @{ changed = @("Deleted $licensingKey (saved first); Remote Desktop rebuilds it at the next connection") }
}
