<#
.SYNOPSIS
    Exports the Remote Desktop client policy key and records fClientDisableUDP before the fix.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $clientPolicyKey = 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client'
    Backup-PolicyDword -Key $clientPolicyKey -Name 'fClientDisableUDP' -BackupDir $arguments.backupDir -FileName 'TerminalServices-Client.reg'
}
