<#
.SYNOPSIS
    Puts fClientDisableUDP back to its previous value, or removes it if it was not set.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $clientPolicyKey = 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client'
    $timer = @(Remove-TemporaryChangeTimer -Arguments $arguments)
    @{ restored = @(@(Restore-PolicyDword -Key $clientPolicyKey -Name 'fClientDisableUDP' -Backup $arguments.backup) + $timer) }
}
