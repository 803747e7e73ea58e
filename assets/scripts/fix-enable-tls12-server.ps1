<#
.SYNOPSIS
    Turns TLS 1.2 back on for incoming connections (Enabled 1, DisabledByDefault 0). SCHANNEL uses it
    after the server restarts.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $tls12Server = Join-Path -Path $SchannelProtocolsKey -ChildPath 'TLS 1.2\Server'
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Set-ServerDword -Path $tls12Server -Name 'Enabled' -Value 1
    Set-ServerDword -Path $tls12Server -Name 'DisabledByDefault' -Value 0
    @{ changed = @('Set TLS 1.2\Server Enabled = 1 and DisabledByDefault = 0 (restart the server to use it)') }
}
