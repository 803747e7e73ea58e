<#
.SYNOPSIS
    Sets the RDP-Tcp security layer to TLS (SecurityLayer 2). Stops without changing anything when a
    group policy sets it.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-NotSetByPolicy -Path $TerminalServicesPolicyKey -Name @('SecurityLayer')
    $changed = @()
    if ((Get-RegistryDword -Path $RdpTcpKey -Name 'SecurityLayer') -ne 2) {
        Set-ServerDword -Path $RdpTcpKey -Name 'SecurityLayer' -Value 2
        $changed = @('Set SecurityLayer to 2 (TLS)')
    }
    @{ changed = $changed }
}
