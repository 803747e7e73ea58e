<#
.SYNOPSIS
    Reports the Remote Desktop license cache HKLM\SOFTWARE\Microsoft\MSLicensing: whether it
    exists and has its HardwareID and Store subkeys. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $licensingKey = 'HKLM\SOFTWARE\Microsoft\MSLicensing'
    $licensingPath = "Registry::$licensingKey"
    if (-not (Test-Path -LiteralPath $licensingPath)) {
        return @{ exists = $false; hasHardwareId = $false; hasStore = $false; storeLicenses = 0 }
    }
    $storePath = "$licensingPath\Store"
    $hasStore = Test-Path -LiteralPath $storePath
    $licenses = 0
    if ($hasStore) { $licenses = @(Get-ChildItem -LiteralPath $storePath -ErrorAction SilentlyContinue).Count }
    @{
        exists        = $true
        hasHardwareId = [bool](Test-Path -LiteralPath "$licensingPath\HardwareID")
        hasStore      = [bool]$hasStore
        storeLicenses = $licenses
    }
}
