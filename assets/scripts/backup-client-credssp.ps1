<#
.SYNOPSIS
    Exports the CredSSP policy key and records AllowEncryptionOracle before the fix changes it.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $credSspKey = 'HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    Backup-PolicyDword -Key $credSspKey -Name 'AllowEncryptionOracle' -BackupDir $arguments.backupDir -FileName 'CredSSP-Parameters.reg'
}
