<#
.SYNOPSIS
    Puts fDenyTSConnections back to the value the backup recorded (or removes it).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $restored = @(Restore-ServerDword -Path $TerminalServerKey -Name 'fDenyTSConnections' -Previous $arguments.backup.fDenyTSConnections)
    @{ restored = $restored }
}
