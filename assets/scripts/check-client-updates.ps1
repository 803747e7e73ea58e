<#
.SYNOPSIS
    Lists the newest 30 installed updates (Get-HotFix). Windows keeps the install day only, so it
    is reported as that day at 00:00 UTC, or as unknown when Windows' text for it cannot be read
    for certain, with the moment that day began in the computer's time zone (dayStartsAt, UTC).
    Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $zone = Get-TimeZone
    # The day each was installed, from WMI's own string (ConvertFrom-HotFixInstalledOn says why
    # not Get-HotFix's InstalledOn), newest first; an update without a day comes last.
    $hotfixes = @(Get-HotFix | ForEach-Object -Process {
            [pscustomobject]@{
                id          = [string]$_.HotFixID
                description = [string]$_.Description
                installedOn = (ConvertFrom-HotFixInstalledOn -Value ([string]$_.psBase.Properties['InstalledOn'].Value))
            }
        } | Sort-Object -Property installedOn -Descending | Select-Object -First 30 | ForEach-Object -Process {
            @{ id = $_.id; description = $_.description; installedOn = $_.installedOn; dayStartsAt = (ConvertTo-UpdateDayStart -Day $_.installedOn -Zone $zone) }
        })
    @{ now = (Format-IsoDate -Date (Get-Date)); hotfixes = $hotfixes }
}
