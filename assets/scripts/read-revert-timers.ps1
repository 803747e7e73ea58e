<#
.SYNOPSIS
    What the scheduled tasks of temporary changes did (lib\revert-timer.ps1): for each change id,
    restored, failed (with why) or pending. Read unelevated, from HKLM\SOFTWARE\RDP Doctor\Timers,
    which every user can read and only administrators and SYSTEM can write.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    @{ timers = @(foreach ($id in @($arguments.ids)) { Get-RevertOutcome -Id ([string]$id) }) }
}
