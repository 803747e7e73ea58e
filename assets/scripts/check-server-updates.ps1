<#
.SYNOPSIS
    Lists the updates installed on the server (Get-HotFix) with their dates. Changes nothing; to
    remove one, an administrator runs "wusa /uninstall /kb:<number>" there.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $hotfixes = @(Get-HotFix | ForEach-Object -Process {
            # Windows keeps the install day only (local midnight): reported as that day at 00:00
            # UTC, not converted, which east of UTC would make it the day before.
            $installed = $null
            try {
                if ($_.InstalledOn) { $installed = ([datetime]$_.InstalledOn).ToString('yyyy-MM-dd', $invariant) + 'T00:00:00.000Z' }
            } catch {
                $installed = $null
            }
            @{ id = [string]$_.HotFixID; description = [string]$_.Description; installedOn = $installed }
        })
    @{ hotfixes = $hotfixes; now = (Format-IsoDate -Date (Get-Date)) }
}
