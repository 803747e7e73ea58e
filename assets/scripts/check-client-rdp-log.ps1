<#
.SYNOPSIS
    Reads the Remote Desktop client log (Microsoft-Windows-TerminalServices-RDPClient/Operational)
    of the last 30 days: 1024 (connecting to a server), 1025, 1026 (disconnected, reason code), 1027.
    Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $logName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'
    $log = Get-WinEvent -ListLog $logName -ErrorAction SilentlyContinue
    $enabled = [bool]($null -ne $log -and $log.IsEnabled)
    $records = @()
    if ($enabled) {
        $filter = @{ LogName = $logName; Id = @(1024, 1025, 1026, 1027); StartTime = (Get-Date).AddDays(-30) }
        try {
            $records = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 200)
        } catch {
            if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
        }
    }
    $events = @($records | Sort-Object -Property TimeCreated | ForEach-Object -Process {
            $value = $null
            if ($_.Properties.Count -gt 0) { $value = $_.Properties[0].Value }
            $server = $null
            $reason = $null
            if ($_.Id -eq 1024 -and $null -ne $value) { $server = [string]$value }
            if ($_.Id -eq 1026 -and $null -ne $value) { $reason = ($value -as [int]) }
            $activityId = $null
            if ($_.ActivityId) { $activityId = $_.ActivityId.ToString() }
            @{ id = [int]$_.Id; time = (Format-IsoDate -Date $_.TimeCreated); activityId = $activityId; server = $server; reason = $reason }
        })
    @{ host = [string]$arguments.host; port = [int]$arguments.port; logEnabled = $enabled; events = $events }
}
