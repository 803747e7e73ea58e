<#
.SYNOPSIS
    Reports the owner and access entries (by SID) of the Remote Desktop key file in MachineKeys
    (f686aace6942fb7f7ceb231212eef4a4_*). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $files = @(Get-RdpKeyFile | ForEach-Object -Process {
            $owner = $null
            try { $owner = [string](Get-Acl -LiteralPath $_.FullName).GetOwner([System.Security.Principal.SecurityIdentifier]).Value } catch { $owner = $null }
            @{ name = [string]$_.Name; path = [string]$_.FullName; ownerSid = $owner; aces = @(Get-FileAceFacts -Path $_.FullName) }
        })
    @{ folder = $MachineKeysFolder; files = $files }
}
