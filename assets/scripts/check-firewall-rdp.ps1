<#
.SYNOPSIS
    Reports the "Remote Desktop" firewall rules (the WebSocket ones marked as such) and the network
    profiles in use. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $categories = @{ 'DomainAuthenticated' = 'Domain'; 'Private' = 'Private'; 'Public' = 'Public' }
    $active = @(Get-NetConnectionProfile | ForEach-Object -Process { $categories[[string]$_.NetworkCategory] } | Select-Object -Unique)
    $rules = @(Get-NetFirewallRule -Group $RdpFirewallGroup -Direction Inbound | ForEach-Object -Process {
            $filter = Get-NetFirewallPortFilter -AssociatedNetFirewallRule $_
            $protocol = [string]$filter.Protocol
            if ($protocol -eq 'TCP' -or $protocol -eq 'UDP') {
                @{
                    name        = [string]$_.Name
                    displayName = [string]$_.DisplayName
                    enabled     = ([string]$_.Enabled -eq 'True')
                    profiles    = @(([string]$_.Profile) -split ',\s*')
                    protocol    = $protocol
                    webSocket   = [bool](Test-RdpWebSocketRule -Rule $_)
                }
            }
        })
    @{ activeProfiles = $active; rules = $rules }
}
