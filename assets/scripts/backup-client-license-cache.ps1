<#
.SYNOPSIS
    Saves HKLM\SOFTWARE\Microsoft\MSLicensing with reg export (64-bit view) before the fix
    deletes it.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $licensingKey = 'HKLM\SOFTWARE\Microsoft\MSLicensing'
    $licensingPath = "Registry::$licensingKey"
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    if (-not (Test-Path -LiteralPath $licensingPath)) { return @{ existed = $false; exportPath = $null } }
    $exportPath = Join-Path -Path $arguments.backupDir -ChildPath 'MSLicensing.reg'
    $null = Invoke-SystemTool -Name 'reg.exe' -ArgumentList @('export', $licensingKey, $exportPath, '/y', '/reg:64')
    @{ existed = $true; exportPath = $exportPath }
}
