# A fake of the few Windows-only things the client app scripts touch, for running them under
# pwsh on Linux. Loaded before the script; the machine comes from $env:FAKE_WINDOWS (JSON), so no
# value of a test is pasted into PowerShell text. Modelled on Microsoft's documentation:
# - Registry provider paths are case-insensitive; Get-ItemProperty / Get-Item on a key that does
#   not exist throw ItemNotFoundException "Cannot find path '<path>' because it does not exist."
#   https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-itemproperty
# - Get-ItemProperty returns one object with a note property per value (REG_SZ as string,
#   REG_DWORD as Int32, REG_BINARY as Byte[]); with -Name, a value that is absent is a
#   non-terminating error ("Property <name> does not exist at path <path>.").
# - Get-Item on a registry key returns a RegistryKey: PSChildName is the key's own name as stored;
#   GetValue(name, defaultValue) returns defaultValue when the value is absent.
#   https://learn.microsoft.com/dotnet/api/microsoft.win32.registrykey.getvalue
# - Get-AppxPackage -Name <name> returns nothing (no error) when the package is not installed;
#   an installed package has Name, Version (string), PackageFullName.
#   https://learn.microsoft.com/powershell/module/appx/get-appxpackage
# - The Appx module does not exist on Server Core (and not here): then Get-AppxPackage is absent.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$machine = ConvertFrom-Json -InputObject $env:FAKE_WINDOWS
$global:FakeRegistry = @{}
foreach ($key in $machine.registry.PSObject.Properties) {
    $values = [ordered]@{}
    foreach ($value in $key.Value.PSObject.Properties) {
        $data = $value.Value
        if ($data -is [System.Management.Automation.PSCustomObject] -and $null -ne $data.PSObject.Properties['binary']) {
            $hex = [string]$data.binary
            $bytes = New-Object -TypeName 'byte[]' -ArgumentList ($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [System.Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
            $values[$value.Name] = $bytes
        } elseif ($data -is [long] -or $data -is [int]) {
            $values[$value.Name] = [int]$data
        } else {
            $values[$value.Name] = [string]$data
        }
    }
    $global:FakeRegistry[$key.Name.ToLowerInvariant()] = @{ path = $key.Name; values = $values }
}

function Get-FakeKey {
    param([Parameter(Mandatory = $true)][string]$LiteralPath)
    $entry = $global:FakeRegistry[$LiteralPath.ToLowerInvariant()]
    if ($null -eq $entry) {
        throw (New-Object -TypeName 'System.Management.Automation.ItemNotFoundException' -ArgumentList "Cannot find path '$LiteralPath' because it does not exist.")
    }
    return $entry
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath, [string]$PathType = 'Any')
    if ($LiteralPath -like 'Registry::*') { return $global:FakeRegistry.ContainsKey($LiteralPath.ToLowerInvariant()) }
    return Microsoft.PowerShell.Management\Test-Path -LiteralPath $LiteralPath -PathType $PathType
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath, [string[]]$Name)
    $entry = Get-FakeKey -LiteralPath $LiteralPath
    $out = [ordered]@{}
    foreach ($n in $entry.values.Keys) { if (-not $Name -or $Name -contains $n) { $out[$n] = $entry.values[$n] } }
    foreach ($n in @($Name | Where-Object -FilterScript { $null -ne $_ -and -not $entry.values.Contains($_) })) {
        Write-Error -Message "Property $n does not exist at path $LiteralPath." -Category InvalidArgument
    }
    if ($Name -and $out.Count -eq 0) { return }
    $out['PSPath'] = "Microsoft.PowerShell.Core\$LiteralPath"
    $out['PSChildName'] = ($entry.path -split '\\')[-1]
    return [pscustomobject]$out
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath)
    if ($LiteralPath -notlike 'Registry::*') { return Microsoft.PowerShell.Management\Get-Item -LiteralPath $LiteralPath }
    $entry = Get-FakeKey -LiteralPath $LiteralPath
    $key = [pscustomobject]@{ PSChildName = ($entry.path -split '\\')[-1]; Name = $entry.path; FakeValues = $entry.values }
    $key | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
        param($valueName, $defaultValue)
        if ($this.FakeValues.Contains($valueName)) { return , $this.FakeValues[$valueName] }
        return $defaultValue
    }
    return $key
}

if ($null -ne $machine.PSObject.Properties['appx']) {
    $global:FakeAppx = @($machine.appx)
    function Get-AppxPackage {
        [CmdletBinding()]
        param([string]$Name = '*')
        foreach ($p in $global:FakeAppx) {
            if ($p.Name -like $Name) { [pscustomobject]@{ Name = $p.Name; Version = [string]$p.Version; PackageFullName = "$($p.Name)_$($p.Version)_x64__8wekyb3d8bbwe" } }
        }
    }
}

# Event logs: $machine.logs maps a log name to its events ({ id, time, provider, data: [{ name, value }] },
# name null for an unnamed Data element); $machine.deniedLogs lists logs this user may not read.
# Get-WinEvent as documented (learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent):
# newest first; -FilterHashtable keys LogName, ProviderName, Id, StartTime; -MaxEvents caps the count.
# No match is an error, FullyQualifiedErrorId "NoMatchingEventsFound" ("No events were found that
# match the specified selection criteria."); an unknown log is "NoMatchingLogsFound" ("There is not
# an event log on the localhost computer that matches ..."); a log the user may not read throws
# UnauthorizedAccessException ("Attempted to perform an unauthorized operation.").
# Each record has Id, TimeCreated and ToXml(), which returns the event XML in the
# http://schemas.microsoft.com/win/2004/08/events/event namespace.
if ($null -ne $machine.PSObject.Properties['logs']) {
    function Get-WinEvent {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = [int]::MaxValue)
        $logName = [string]$FilterHashtable.LogName
        if ($null -ne $machine.PSObject.Properties['deniedLogs'] -and @($machine.deniedLogs) -contains $logName) {
            throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Attempted to perform an unauthorized operation.')
        }
        $log = $machine.logs.PSObject.Properties[$logName]
        if ($null -eq $log) {
            $PSCmdlet.WriteError((New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList (New-Object -TypeName System.Exception -ArgumentList "There is not an event log on the localhost computer that matches `"$logName`"."), 'NoMatchingLogsFound', 'ObjectNotFound', $logName))
            return
        }
        # pwsh 7's ConvertFrom-Json already turns ISO strings into DateTime (keeping the milliseconds).
        $when = { param($t) if ($t -is [datetime]) { $t.ToUniversalTime() } else { [datetime]::Parse([string]$t).ToUniversalTime() } }
        $ids = @($FilterHashtable.Id)
        $matched = @($log.Value | Where-Object -FilterScript {
                ($ids.Count -eq 0 -or $ids -contains [int]$_.id) -and
                (-not $FilterHashtable.ContainsKey('ProviderName') -or $_.provider -eq $FilterHashtable.ProviderName) -and
                (-not $FilterHashtable.ContainsKey('StartTime') -or (& $when $_.time) -ge $FilterHashtable.StartTime.ToUniversalTime())
            } | Sort-Object -Property { & $when $_.time } -Descending | Select-Object -First $MaxEvents)
        if ($matched.Count -eq 0) {
            $PSCmdlet.WriteError((New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList (New-Object -TypeName System.Exception -ArgumentList 'No events were found that match the specified selection criteria.'), 'NoMatchingEventsFound', 'ObjectNotFound', $null))
            return
        }
        foreach ($e in $matched) {
            $data = foreach ($d in @($e.data)) {
                $text = [System.Security.SecurityElement]::Escape([string]$d.value)
                if ($null -eq $d.name) { "<Data>$text</Data>" } else { "<Data Name='$([System.Security.SecurityElement]::Escape([string]$d.name))'>$text</Data>" }
            }
            # TerminalServices events carry their data as UserData/EventXML elements, not EventData.
            $body = "<EventData>$($data -join '')</EventData>"
            if ($null -ne $e.PSObject.Properties['userData']) {
                $fields = foreach ($d in @($e.data)) { $n = [string]$d.name; "<$n>$([System.Security.SecurityElement]::Escape([string]$d.value))</$n>" }
                $body = "<UserData><EventXML xmlns='Event_NS'>$($fields -join '')</EventXML></UserData>"
            }
            $xmlText = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='$($e.provider)'/><EventID>$($e.id)</EventID></System>$body</Event>"
            $record = [pscustomobject]@{ Id = [int]$e.id; TimeCreated = (& $when $e.time).ToLocalTime(); ProviderName = $e.provider; Xml = $xmlText }
            $record | Add-Member -MemberType ScriptMethod -Name ToXml -Value { return $this.Xml }
            $record
        }
    }
}
