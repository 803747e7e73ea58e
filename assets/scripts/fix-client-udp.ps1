<#
.SYNOPSIS
    Sets fClientDisableUDP = 1 (TCP only) in the client policy key, for VPNs that drop UDP.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $clientPolicyKey = 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client'
    $changed = @(Set-PolicyDword -Key $clientPolicyKey -Name 'fClientDisableUDP' -Value 1)
    Complete-TemporaryChange -Arguments $arguments -Changed $changed -Steps @(@{ kind = 'policy-dword'; key = $clientPolicyKey; name = 'fClientDisableUDP'; backup = $arguments.backup })
}
