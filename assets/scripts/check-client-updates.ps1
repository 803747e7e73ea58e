<#
.SYNOPSIS
    Lists the newest 30 installed updates (Get-HotFix). Windows keeps the install day only, so it
    is reported as that day at 00:00 UTC. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $hotfixes = @(Get-HotFix | Sort-Object -Property InstalledOn -Descending | Select-Object -First 30 | ForEach-Object -Process {
            $installedOn = $null
            if ($_.InstalledOn) { $installedOn = ([datetime]$_.InstalledOn).ToString('yyyy-MM-dd', $invariant) + 'T00:00:00.000Z' }
            @{ id = [string]$_.HotFixID; description = [string]$_.Description; installedOn = $installedOn }
        })
    @{ now = (Format-IsoDate -Date (Get-Date)); hotfixes = $hotfixes }
}
