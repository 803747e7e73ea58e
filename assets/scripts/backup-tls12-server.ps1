<#
.SYNOPSIS
    Saves the SCHANNEL TLS 1.2 server key (whether it exists, Enabled, DisabledByDefault).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $tls12Server = Join-Path -Path $SchannelProtocolsKey -ChildPath 'TLS 1.2\Server'
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $backup = @{
        keyExisted        = [bool](Test-Path -LiteralPath $tls12Server)
        missingFrom       = (Get-MissingKeyRoot -Path $tls12Server)
        enabled           = (Get-RegistryDword -Path $tls12Server -Name 'Enabled')
        disabledByDefault = (Get-RegistryDword -Path $tls12Server -Name 'DisabledByDefault')
    }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'tls12-server.json' -Backup $backup
}
