<#
.SYNOPSIS
    Reads how this computer may sign in to other computers: the outgoing NTLM restriction and its
    exception list, the LAN Manager authentication level, and whether a policy makes Remote
    Desktop require Restricted Admin or Remote Credential Guard. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $msv = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0'
    $lsa = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa'
    $delegation = 'Registry::HKLM\Software\Policies\Microsoft\Windows\CredentialsDelegation'
    $exceptions = Get-RegistryMultiString -Path $msv -Name 'ClientAllowedNTLMServers'
    @{
        host                               = [string]$arguments.host
        restrictSendingNtlm                = (Get-RegistryDword -Path $msv -Name 'RestrictSendingNTLMTraffic')
        ntlmServerExceptions               = $exceptions
        lmCompatibilityLevel               = (Get-RegistryDword -Path $lsa -Name 'LmCompatibilityLevel')
        restrictedRemoteAdministration     = (Get-RegistryDword -Path $delegation -Name 'RestrictedRemoteAdministration')
        restrictedRemoteAdministrationType = (Get-RegistryDword -Path $delegation -Name 'RestrictedRemoteAdministrationType')
    }
}
