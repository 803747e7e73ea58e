<#
.SYNOPSIS
    Microsoft's isolation test: SecurityLayer 0 and UserAuthentication 0 on RDP-Tcp. This WEAKENS
    SECURITY (no TLS, no Network Level Authentication) and is meant to be undone after the test. Stops
    without changing anything when a group policy sets either value.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-NotSetByPolicy -Path $TerminalServicesPolicyKey -Name @('SecurityLayer', 'UserAuthentication')
    Set-ServerDword -Path $RdpTcpKey -Name 'SecurityLayer' -Value 0
    Set-ServerDword -Path $RdpTcpKey -Name 'UserAuthentication' -Value 0
    $changed = @(
        'Set SecurityLayer to 0 (RDP security, no TLS): security is weakened',
        'Set UserAuthentication to 0 (no NLA): security is weakened'
    )
    $steps = @(
        @{ kind = 'server-dword'; path = $RdpTcpKey; name = 'SecurityLayer'; previous = $arguments.backup.securityLayer }
        @{ kind = 'server-dword'; path = $RdpTcpKey; name = 'UserAuthentication'; previous = $arguments.backup.userAuthentication }
    )
    Complete-TemporaryChange -Arguments $arguments -Changed $changed -Steps $steps
}
