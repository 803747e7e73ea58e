<#
.SYNOPSIS
    Reads the server's own Remote Desktop events of the last 7 days: RemoteConnectionManager's
    1057, 1058, 1006 and Schannel's 36870, 36871, 36874, 36888, each with its event data by name.
    A log that cannot be read is reported, not fatal. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

# Event data by name, from the event XML (Properties[] alone loses the names): EventData's Data
# elements by their Name attribute (position when unnamed), or, for the TerminalServices events
# that use it, UserData's single child (EventXML) by its elements' names.
function ConvertTo-EventData {
    param([Parameter(Mandatory = $true)]$EventRecord)
    $data = @{}
    $xml = [xml]$EventRecord.ToXml()
    $items = @()
    $eventData = $xml.Event.PSObject.Properties['EventData']
    $userData = $xml.Event.PSObject.Properties['UserData']
    if ($null -ne $eventData -and $eventData.Value -is [System.Xml.XmlElement]) {
        $items = @($eventData.Value.ChildNodes | Where-Object -FilterScript { $_ -is [System.Xml.XmlElement] })
    } elseif ($null -ne $userData -and $userData.Value -is [System.Xml.XmlElement] -and $null -ne $userData.Value.FirstChild) {
        $items = @($userData.Value.FirstChild.ChildNodes | Where-Object -FilterScript { $_ -is [System.Xml.XmlElement] })
    }
    $position = 0
    foreach ($item in $items) {
        if ($data.Count -ge 12) { break }
        $name = [string]$item.GetAttribute('Name')
        if ($item.LocalName -ne 'Data') { $name = [string]$item.LocalName }
        if ($name -eq '') { $name = [string]$position }
        $text = [string]$item.InnerText
        if ($text.Length -gt 300) { $text = $text.Substring(0, 300) }
        if ($name.Length -gt 100) { $name = $name.Substring(0, 100) }
        $data[$name] = $text
        $position++
    }
    return $data
}

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $since = (Get-Date).AddDays(-7)
    $rcm = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'
    $rcmIds = @(1057, 1058, 1006)
    $schannelIds = @(36870, 36871, 36874, 36888)
    # RemoteConnectionManager writes its certificate events to the System log ("Log Name: System,
    # Source: Microsoft-Windows-TerminalServices-RemoteConnectionManager", event 1063 of the same
    # family in support.microsoft.com/kb/2531138), beside Schannel's; its Admin channel is read too,
    # where Windows versions put them there. One System query, each record told apart by provider.
    $queries = @(
        @{ log = 'schannel'; filter = @{ LogName = 'System'; ProviderName = @($rcm, 'Schannel'); Id = $rcmIds + $schannelIds; StartTime = $since } },
        @{ log = 'rcm'; filter = @{ LogName = "$rcm/Admin"; Id = $rcmIds; StartTime = $since } }
    )
    $events = New-Object -TypeName System.Collections.ArrayList
    $unreadable = New-Object -TypeName System.Collections.ArrayList
    foreach ($query in $queries) {
        try {
            $found = @(Get-WinEvent -FilterHashtable $query.filter -MaxEvents 100 -ErrorAction Stop)
        } catch {
            # No matching events is an error to Get-WinEvent (NoMatchingEventsFound), not a problem.
            if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { continue }
            $null = $unreadable.Add(@{ log = $query.log; error = [string]$_.Exception.Message })
            continue
        }
        foreach ($record in $found) {
            $log = 'rcm'
            if ($record.ProviderName -eq 'Schannel') { $log = 'schannel' }
            # One provider's event numbers mean nothing under the other's name.
            if (($log -eq 'rcm' -and $rcmIds -notcontains [int]$record.Id) -or ($log -eq 'schannel' -and $schannelIds -notcontains [int]$record.Id)) { continue }
            $null = $events.Add(@{
                    log  = $log
                    id   = [int]$record.Id
                    time = (Format-IsoDate -Date $record.TimeCreated)
                    data = (ConvertTo-EventData -EventRecord $record)
                })
        }
    }
    $sorted = @($events | Sort-Object -Property { $_.time } | Select-Object -Last 200)
    @{ now = (Format-IsoDate -Date (Get-Date)); events = $sorted; unreadable = @($unreadable) }
}
