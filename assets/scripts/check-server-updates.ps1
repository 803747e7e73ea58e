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
    $hotfixes = @(Get-HotFix | ForEach-Object -Process {
            $installed = $null
            try {
                if ($_.InstalledOn) { $installed = Format-IsoDate -Date $_.InstalledOn }
            } catch {
                $installed = $null
            }
            @{ id = [string]$_.HotFixID; description = [string]$_.Description; installedOn = $installed }
        })
    @{ hotfixes = $hotfixes; now = (Format-IsoDate -Date (Get-Date)) }
}
