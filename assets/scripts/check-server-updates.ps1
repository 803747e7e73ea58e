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
    # Windows keeps the install day only: reported as that day at 00:00 UTC, not converted (east
    # of UTC that would make it the day before), from WMI's own string (ConvertFrom-HotFixInstalledOn
    # says why not Get-HotFix's InstalledOn); unknown when it cannot be read for certain.
    $hotfixes = @(Get-HotFix | ForEach-Object -Process {
            $installed = ConvertFrom-HotFixInstalledOn -Value ([string]$_.psBase.Properties['InstalledOn'].Value)
            @{ id = [string]$_.HotFixID; description = [string]$_.Description; installedOn = $installed }
        })
    @{ hotfixes = $hotfixes; now = (Format-IsoDate -Date (Get-Date)) }
}
