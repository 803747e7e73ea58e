<#
.SYNOPSIS
    Saves fDenyTSConnections before the fix changes it.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $backup = @{ fDenyTSConnections = (Get-RegistryDword -Path $TerminalServerKey -Name 'fDenyTSConnections') }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-enabled.json' -Backup $backup
}
