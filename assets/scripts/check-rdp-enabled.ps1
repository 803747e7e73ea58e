<#
.SYNOPSIS
    Reports whether Remote Desktop connections are allowed (fDenyTSConnections), locally and by
    group policy. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    @{
        fDenyTSConnections      = (Get-RegistryDword -Path $TerminalServerKey -Name 'fDenyTSConnections')
        policyDenyTSConnections = (Get-RegistryDword -Path $TerminalServicesPolicyKey -Name 'fDenyTSConnections')
    }
}
