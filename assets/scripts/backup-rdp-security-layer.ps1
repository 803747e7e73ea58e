<#
.SYNOPSIS
    Saves SecurityLayer and UserAuthentication of RDP-Tcp before a fix changes them.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $backup = @{
        securityLayer      = (Get-RegistryDword -Path $RdpTcpKey -Name 'SecurityLayer')
        userAuthentication = (Get-RegistryDword -Path $RdpTcpKey -Name 'UserAuthentication')
    }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-security-layer.json' -Backup $backup
}
