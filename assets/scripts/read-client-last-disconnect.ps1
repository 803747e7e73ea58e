<#
.SYNOPSIS
    Reads this computer's last Remote Desktop attempt from its own log
    (Microsoft-Windows-TerminalServices-RDPClient/Operational): the newest 1026 ("RDP ClientActiveX
    has been disconnected (Reason= N)", N the disconnect reason in decimal) and, for the server's
    name, the 1024 ("RDP ClientActiveX is trying to connect to the server (name)") of the same
    attempt (same ActivityId). The extended code is not logged. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

# 1024 and 1026 carry Name/Value/CustomLevel data (the ClientActiveXCore manifest): Properties[0]
# is the label ("Server Name", "Disconnect Reason"), so the value is read by its name.
function Get-EventValue {
    param([Parameter(Mandatory = $true)]$Record)
    foreach ($data in @(([xml]$Record.ToXml()).GetElementsByTagName('Data'))) {
        if ($data.GetAttribute('Name') -eq 'Value') { return [string]$data.InnerText }
    }
    return $null
}

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $logName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'
    $log = Get-WinEvent -ListLog $logName -ErrorAction SilentlyContinue
    $enabled = [bool]($null -ne $log -and $log.IsEnabled)
    $last = $null
    if ($enabled) {
        $records = @()
        try {
            # Newest first: the last attempt is among the last 100 events of these two ids.
            $records = @(Get-WinEvent -FilterHashtable @{ LogName = $logName; Id = @(1024, 1026) } -MaxEvents 100)
        } catch {
            if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
        }
        $disconnect = @($records | Where-Object -FilterScript { $_.Id -eq 1026 } | Sort-Object -Property TimeCreated -Descending) | Select-Object -First 1
        if ($null -ne $disconnect) {
            $reason = (Get-EventValue -Record $disconnect) -as [long]
            $connect = $null
            if ($disconnect.ActivityId) {
                $connect = @($records | Where-Object -FilterScript { $_.Id -eq 1024 -and $_.ActivityId -eq $disconnect.ActivityId }) | Select-Object -First 1
            }
            if ($null -eq $connect) {
                # Without an ActivityId: the newest 1024 before it.
                $connect = @($records | Where-Object -FilterScript { $_.Id -eq 1024 -and $_.TimeCreated -le $disconnect.TimeCreated } |
                        Sort-Object -Property TimeCreated -Descending) | Select-Object -First 1
            }
            $server = $null
            if ($null -ne $connect) { $server = Get-EventValue -Record $connect }
            $last = @{ time = (Format-IsoDate -Date $disconnect.TimeCreated); reason = $reason; server = $server }
        }
    }
    @{ logEnabled = $enabled; last = $last }
}
