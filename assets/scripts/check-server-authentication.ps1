<#
.SYNOPSIS
    Reads which sign-ins this server accepts: the incoming NTLM restriction, the LAN Manager
    authentication level, whether Restricted Admin / Remote Credential Guard is allowed, its
    CredSSP policy, and whether it is in a domain (Kerberos needs one). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $msv = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0'
    $lsa = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa'
    $delegation = 'Registry::HKLM\Software\Policies\Microsoft\Windows\CredentialsDelegation'
    $credSsp = 'Registry::HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    $system = Get-CimInstance -ClassName 'Win32_ComputerSystem'
    $domain = $null
    if ($system.PartOfDomain) { $domain = [string]$system.Domain }
    $build = $null
    $buildText = [string](Get-CimInstance -ClassName 'Win32_OperatingSystem').BuildNumber
    if ($buildText -match '^\d+$') { $build = [int]$buildText }
    @{
        restrictReceivingNtlm  = (Get-RegistryDword -Path $msv -Name 'RestrictReceivingNTLMTraffic')
        lmCompatibilityLevel   = (Get-RegistryDword -Path $lsa -Name 'LmCompatibilityLevel')
        disableRestrictedAdmin = (Get-RegistryDword -Path $lsa -Name 'DisableRestrictedAdmin')
        allowProtectedCreds    = (Get-RegistryDword -Path $delegation -Name 'AllowProtectedCreds')
        allowEncryptionOracle  = (Get-RegistryDword -Path $credSsp -Name 'AllowEncryptionOracle')
        partOfDomain           = [bool]$system.PartOfDomain
        domain                 = $domain
        osBuild                = $build
    }
}
