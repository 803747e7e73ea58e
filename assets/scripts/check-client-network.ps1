<#
.SYNOPSIS
    Lists the network adapters (Get-NetAdapter) with their IPv4 addresses and gateway
    (Get-NetIPConfiguration), and whether this computer is in a domain. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $configs = @{}
    foreach ($config in @(Get-NetIPConfiguration -All)) { $configs[[int]$config.InterfaceIndex] = $config }
    $adapters = @(Get-NetAdapter | ForEach-Object -Process {
            $config = $configs[[int]$_.ifIndex]
            $ipv4 = @()
            $gateway = $null
            if ($null -ne $config) {
                if ($config.IPv4Address) { $ipv4 = @($config.IPv4Address | ForEach-Object -Process { [string]$_.IPAddress }) }
                if ($config.IPv4DefaultGateway) { $gateway = [string](@($config.IPv4DefaultGateway)[0].NextHop) }
            }
            @{
                name        = [string]$_.Name
                description = [string]$_.InterfaceDescription
                status      = [string]$_.Status
                mediaType   = [string]$_.MediaType
                hardware    = [bool]$_.HardwareInterface
                ipv4        = $ipv4
                gateway     = $gateway
            }
        })
    $system = Get-CimInstance -ClassName 'Win32_ComputerSystem'
    $domain = $null
    if ($system.PartOfDomain) { $domain = [string]$system.Domain }
    @{ adapters = $adapters; domainJoined = [bool]$system.PartOfDomain; domain = $domain }
}
