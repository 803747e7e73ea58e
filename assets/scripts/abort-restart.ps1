<#
.SYNOPSIS
    Calls off the restart restart-computer.ps1 scheduled on this computer, within Windows' own
    one-minute notice: shutdown.exe /a (learn.microsoft.com, "shutdown", /a "Aborts a system
    shutdown. This can only be used during the time-out period"). With no restart pending,
    shutdown.exe exits with ERROR_NO_SHUTDOWN_IN_PROGRESS (1116, "Unable to abort the system
    shutdown because no shutdown was in progress", System Error Codes 1000-1299): the restart
    already began, or someone called it off. That is an answer, not a failure.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    try {
        $null = Invoke-SystemTool -Name 'shutdown.exe' -ArgumentList @('/a')
    } catch {
        # Invoke-SystemTool's own message names the exit code; the tool's text is localized.
        if ($_.Exception.Message -match '\(exit code 1116\)') { return @{ cancelled = $false; nonePending = $true } }
        throw
    }
    @{ cancelled = $true; nonePending = $false }
}
