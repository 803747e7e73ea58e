<#
.SYNOPSIS
    Looks for what could stop Remote Desktop leaving this computer: enabled outbound block rules
    of Windows Firewall that match mstsc.exe or the target port, profiles that block outbound
    traffic by default, and the security products Windows Security Center reports. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $defaultBlock = @(Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop | Where-Object -FilterScript {
            ([string]$_.Enabled -eq 'True') -and ([string]$_.DefaultOutboundAction -eq 'Block')
        } | ForEach-Object -Process { [string]$_.Name })

    # ActiveStore: the rules in force, group policy ones included (the default store is the
    # local PersistentStore only). A filter that matches nothing is an ObjectNotFound error, not
    # an empty list, and most machines have no outbound block rule at all. NetSecurity's cmdlets
    # are CDXML functions the script's 'Stop' does not reach (PowerShell#4568): -ErrorAction Stop.
    $blocking = @()
    try {
        $blocking = @(Get-NetFirewallRule -PolicyStore ActiveStore -Direction Outbound -Action Block -Enabled True -ErrorAction Stop)
    } catch {
        if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
    }
    $targetPort = [int]$arguments.port
    $rules = @($blocking | ForEach-Object -Process {
            $application = Get-NetFirewallApplicationFilter -AssociatedNetFirewallRule $_ -PolicyStore ActiveStore -ErrorAction Stop
            $ports = Get-NetFirewallPortFilter -AssociatedNetFirewallRule $_ -PolicyStore ActiveStore -ErrorAction Stop
            $program = [string]$application.Program
            # RemotePort is a string[]: "Any", single ports and ranges ("5000-5010").
            $remotePorts = @($ports.RemotePort | ForEach-Object -Process { [string]$_ })
            $protocol = [string]$ports.Protocol
            $anyPort = ($remotePorts.Count -eq 0) -or ($remotePorts -contains 'Any')
            $matchesPort = $anyPort -or (@($remotePorts | Where-Object -FilterScript {
                        $range = [regex]::Match($_, '^(\d+)-(\d+)$')
                        ($_ -eq [string]$targetPort) -or ($range.Success -and [int]$range.Groups[1].Value -le $targetPort -and $targetPort -le [int]$range.Groups[2].Value)
                    }).Count -gt 0)
            $matchesProgram = ($program -eq 'Any') -or ($program -like '*\mstsc.exe')
            $matchesProtocol = ($protocol -eq 'Any') -or ($protocol -eq 'TCP')
            $everything = ($program -eq 'Any') -and $anyPort
            if ($matchesProgram -and $matchesPort -and $matchesProtocol -and -not $everything) {
                @{
                    name        = [string]$_.Name
                    displayName = [string]$_.DisplayName
                    program     = $(if ($program -eq 'Any') { $null } else { $program })
                    remotePort  = $(if ($anyPort) { $null } else { $remotePorts -join ', ' })
                }
            }
        })

    # Security Center exists on client editions only; a server has no such namespace.
    $products = New-Object -TypeName System.Collections.Generic.List[hashtable]
    foreach ($class in @(@{ name = 'AntiVirusProduct'; kind = 'antivirus' }, @{ name = 'FirewallProduct'; kind = 'firewall' })) {
        try {
            foreach ($product in @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName $class.name)) {
                # productState: the second byte is 0x10 when the product is switched on.
                $state = [int]$product.productState
                $products.Add(@{ name = [string]$product.displayName; kind = $class.kind; enabled = ((($state -shr 12) -band 0xF) -eq 1) })
            }
        } catch {
            $null = $_
        }
    }
    @{ defaultBlockProfiles = $defaultBlock; blockRules = $rules; securityProducts = @($products) }
}
