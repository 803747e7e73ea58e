<#
.SYNOPSIS
    Reads fClientDisableUDP from the Remote Desktop client policy key, and the network adapters that
    are up (to tell whether a VPN carries the connection). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $clientPolicyKey = 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client'
    $adaptersUp = @(Get-NetAdapter | Where-Object -FilterScript { [string]$_.Status -eq 'Up' } | ForEach-Object -Process {
            @{ name = [string]$_.Name; description = [string]$_.InterfaceDescription }
        })
    @{ fClientDisableUDP = (Get-RegistryDword -Path "Registry::$clientPolicyKey" -Name 'fClientDisableUDP'); adaptersUp = $adaptersUp }
}
