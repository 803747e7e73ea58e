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
    $port = [string]$arguments.port
    $defaultBlock = @(Get-NetFirewallProfile | Where-Object -FilterScript {
            ([string]$_.Enabled -eq 'True') -and ([string]$_.DefaultOutboundAction -eq 'Block')
        } | ForEach-Object -Process { [string]$_.Name })

    $rules = @(Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | ForEach-Object -Process {
            $application = Get-NetFirewallApplicationFilter -AssociatedNetFirewallRule $_
            $ports = Get-NetFirewallPortFilter -AssociatedNetFirewallRule $_
            $program = [string]$application.Program
            $remotePort = [string]$ports.RemotePort
            $protocol = [string]$ports.Protocol
            $matchesProgram = ($program -eq 'Any') -or ($program -like '*\mstsc.exe')
            $matchesPort = ($remotePort -eq 'Any') -or (@($remotePort -split ',\s*') -contains $port)
            $matchesProtocol = ($protocol -eq 'Any') -or ($protocol -eq 'TCP')
            $everything = ($program -eq 'Any') -and ($remotePort -eq 'Any')
            if ($matchesProgram -and $matchesPort -and $matchesProtocol -and -not $everything) {
                @{
                    name        = [string]$_.Name
                    displayName = [string]$_.DisplayName
                    program     = $(if ($program -eq 'Any') { $null } else { $program })
                    remotePort  = $(if ($remotePort -eq 'Any') { $null } else { $remotePort })
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
