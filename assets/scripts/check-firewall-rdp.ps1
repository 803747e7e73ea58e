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
    $active = @(Get-NetConnectionProfile -ErrorAction Stop | ForEach-Object -Process { $categories[[string]$_.NetworkCategory] } | Select-Object -Unique)
    # ActiveStore: the rules in force. A group policy's rules count, and local rules do not when
    # the policy turns local rules off ("Apply local firewall rules: No"). No rule of the group
    # in force is an ObjectNotFound error: it is reported as no rules. NetSecurity's cmdlets are
    # CDXML functions the script's 'Stop' does not reach (PowerShell#4568): -ErrorAction Stop.
    $inForce = @()
    try {
        $inForce = @(Get-NetFirewallRule -PolicyStore ActiveStore -Group $RdpFirewallGroup -Direction Inbound -ErrorAction Stop)
    } catch {
        if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
    }
    $rules = @($inForce | ForEach-Object -Process {
            $filter = Get-NetFirewallPortFilter -AssociatedNetFirewallRule $_ -PolicyStore ActiveStore -ErrorAction Stop
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
