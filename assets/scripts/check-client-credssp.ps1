<#
.SYNOPSIS
    Reads AllowEncryptionOracle from the CredSSP policy key (the "Encryption Oracle
    Remediation" group policy writes there). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $credSspKey = 'HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    @{ allowEncryptionOracle = (Get-RegistryDword -Path "Registry::$credSspKey" -Name 'AllowEncryptionOracle') }
}
