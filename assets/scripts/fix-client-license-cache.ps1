<#
.SYNOPSIS
    Deletes HKLM\SOFTWARE\Microsoft\MSLicensing once its export is in the backup folder.
    Only an administrator can create it again (HKLM\SOFTWARE is read-only for standard users): a
    Remote Desktop Connection started without administrator rights cannot store the next license,
    so the user is told to start it once with "Run as administrator" (Microsoft: "Event ID 1003 -
    Terminal Services Client Access License (TS CAL) Availability": delete the MSLicensing subkey
    on the client, "you must have membership in the local Administrators group").
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $licensingKey = 'HKLM\SOFTWARE\Microsoft\MSLicensing'
    $licensingPath = "Registry::$licensingKey"
    if (-not (Test-Path -LiteralPath $licensingPath)) { return @{ changed = @() } }
    $exportPath = $arguments.backup.exportPath
    if (-not $exportPath -or -not (Test-Path -LiteralPath $exportPath)) {
        throw 'The license cache was not saved first, so it is not deleted.'
    }
    Remove-Item -LiteralPath $licensingPath -Recurse -Force
    @{
        changed = @(
            "Deleted $licensingKey (saved first)"
            'Windows lets only an administrator create the license cache again. Before connecting as a standard user, right-click Remote Desktop Connection, choose "Run as administrator", give an administrator''s password and connect to the server once; until then a connection started without administrator rights cannot store its license and fails the same way'
        )
    }
}
