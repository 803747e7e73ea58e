<#
.SYNOPSIS
    Allows Remote Desktop connections (fDenyTSConnections = 0). Stops without changing anything when a
    group policy sets the value.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-NotSetByPolicy -Path $TerminalServicesPolicyKey -Name @('fDenyTSConnections')
    $changed = @()
    if ((Get-RegistryDword -Path $TerminalServerKey -Name 'fDenyTSConnections') -ne 0) {
        Set-ServerDword -Path $TerminalServerKey -Name 'fDenyTSConnections' -Value 0
        $changed = @('Set fDenyTSConnections to 0: Remote Desktop connections are allowed')
    }
    @{ changed = $changed }
}
