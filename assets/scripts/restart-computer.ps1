<#
.SYNOPSIS
    Restarts this computer in one minute, so that a change Windows reads only at startup (the
    SCHANNEL protocol keys) takes effect. For that minute everyone signed in sees Windows' own
    notice, and an administrator there can still call it off with "shutdown.exe /a".
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $seconds = 60
    # /d p:2:4: planned, SHTDN_REASON_MAJOR_OPERATINGSYSTEM, SHTDN_REASON_MINOR_RECONFIG (System
    # Shutdown Reason Codes): the event log says why the server restarted. /t > 0 implies /f.
    $null = Invoke-SystemTool -Name 'shutdown.exe' -ArgumentList @(
        '/r', '/t', [string]$seconds, '/d', 'p:2:4',
        '/c', 'RDP Doctor: restarting so that a Remote Desktop setting (TLS) takes effect.'
    )
    @{ restartInSeconds = $seconds; cancelCommand = 'shutdown.exe /a' }
}
