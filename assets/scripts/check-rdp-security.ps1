<#
.SYNOPSIS
    Reports SecurityLayer, UserAuthentication, MinEncryptionLevel and fAllowSecProtocolNegotiation
    for RDP-Tcp and as group policy, and whether FIPS mode is on. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $values = @{}
    foreach ($source in @(@{ key = 'local'; path = $RdpTcpKey }, @{ key = 'policy'; path = $TerminalServicesPolicyKey })) {
        $values[$source.key] = @{
            securityLayer                = (Get-RegistryDword -Path $source.path -Name 'SecurityLayer')
            userAuthentication           = (Get-RegistryDword -Path $source.path -Name 'UserAuthentication')
            minEncryptionLevel           = (Get-RegistryDword -Path $source.path -Name 'MinEncryptionLevel')
            fAllowSecProtocolNegotiation = (Get-RegistryDword -Path $source.path -Name 'fAllowSecProtocolNegotiation')
        }
    }
    @{
        local       = $values['local']
        policy      = $values['policy']
        fipsEnabled = (Get-RegistryDword -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy' -Name 'Enabled')
    }
}
