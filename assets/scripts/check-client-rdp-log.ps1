<#
.SYNOPSIS
    Reads the Remote Desktop client log (Microsoft-Windows-TerminalServices-RDPClient/Operational)
    of the last 30 days: 1024 (connecting to a server), 1025, 1026 (disconnected, reason code), 1027,
    1017 (the client has no license for that server).
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
        $filter = @{ LogName = $logName; Id = @(1017, 1024, 1025, 1026, 1027); StartTime = (Get-Date).AddDays(-30) }
        try {
            $records = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 200)
        } catch {
            if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
        }
    }
    $events = @($records | Sort-Object -Property TimeCreated | ForEach-Object -Process {
            # 1024 and 1026 carry Name/Value/CustomLevel data: Properties[0] is the label ("Server
            # Name", "Disconnect Reason"), so the value is read by its name from the event XML.
            $value = $null
            foreach ($data in @(([xml]$_.ToXml()).GetElementsByTagName('Data'))) {
                if ($data.GetAttribute('Name') -eq 'Value') { $value = $data.InnerText }
            }
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
