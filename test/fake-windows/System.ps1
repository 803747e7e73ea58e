# Services, processes, CIM classes, event logs and installed updates.

# --- Services (Microsoft.PowerShell.Management, docs for Get-/Set-/Start-/Stop-/Restart-Service) --

function Get-FakeServiceEntry {
    param([Parameter(Mandatory = $true)][string]$Name)
    foreach ($serviceName in @($script:Machine.services.Keys)) {
        if ($serviceName -ieq $Name) { return @{ name = $serviceName; entry = $script:Machine.services[$serviceName] } }
    }
    return $null
}

# Get-Service: "Cannot find any service with service name 'X'." (NoServiceFoundForGivenName).
function Write-FakeServiceNotFound {
    param([Parameter(Mandatory = $true)]$Cmdlet, [Parameter(Mandatory = $true)][string]$Name)
    $exception = New-Object -TypeName System.InvalidOperationException -ArgumentList "Cannot find any service with service name '$Name'."
    Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'NoServiceFoundForGivenName' -Category ObjectNotFound -Target $Name
}

# Changing a service needs SERVICE_CHANGE_CONFIG / SERVICE_START / SERVICE_STOP, which the
# default service security grants to Administrators and SYSTEM only ("Service security and
# access rights", learn.microsoft.com): a standard user gets "Access is denied".
function Assert-FakeServiceControl {
    param([Parameter(Mandatory = $true)][string]$Name, [Parameter(Mandatory = $true)][string]$Verb)
    if (-not (Test-FakeAdmin)) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ("Service '{0} ({0})' cannot be {1} due to the following error: Cannot open {0} service on computer '.'." -f $Name, $Verb))
    }
}

function ConvertTo-FakeServiceObject {
    param([Parameter(Mandatory = $true)]$Found)
    return [pscustomobject]@{
        Name        = $Found.name
        ServiceName = $Found.name
        DisplayName = $Found.name
        Status      = [string]$Found.entry.status
        StartType   = [string]$Found.entry.startType
    }
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    foreach ($serviceName in $Name) {
        $found = Get-FakeServiceEntry -Name $serviceName
        if ($null -eq $found) { Write-FakeServiceNotFound -Cmdlet $PSCmdlet -Name $serviceName; continue }
        ConvertTo-FakeServiceObject -Found $found
    }
}

function Set-Service {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Name, [string]$StartupType)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Set-Service'
    $found = Get-FakeServiceEntry -Name $Name
    if ($null -eq $found) { Write-FakeServiceNotFound -Cmdlet $PSCmdlet -Name $Name; return }
    Assert-FakeServiceControl -Name $found.name -Verb 'configured'
    if (@('Automatic', 'Manual', 'Disabled', 'AutomaticDelayedStart') -notcontains $StartupType) { throw "FakeWindows: start type not modelled: $StartupType" }
    $found.entry.startType = $StartupType
    Save-FakeMachine
}

function Start-FakeService {
    param([Parameter(Mandatory = $true)]$Found)
    if ([string]$Found.entry.status -eq 'Running') { return }
    # A disabled service cannot start (ERROR_SERVICE_DISABLED, 1058).
    if ([string]$Found.entry.startType -eq 'Disabled') {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ("Service '{0} ({0})' cannot be started due to the following error: Cannot start service {0} on computer '.'." -f $Found.name))
    }
    foreach ($dependency in @($Found.entry['dependsOn'])) {
        if ($null -eq $dependency) { continue }
        $needed = Get-FakeServiceEntry -Name $dependency
        if ($null -ne $needed) { Start-FakeService -Found $needed }
    }
    $Found.entry.status = 'Running'
    if ($Found.name -ieq 'TermService') { Invoke-FakeTermServiceStart }
}

function Start-Service {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string[]]$Name)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Start-Service'
    foreach ($serviceName in $Name) {
        $found = Get-FakeServiceEntry -Name $serviceName
        if ($null -eq $found) { Write-FakeServiceNotFound -Cmdlet $PSCmdlet -Name $serviceName; continue }
        Assert-FakeServiceControl -Name $found.name -Verb 'started'
        Start-FakeService -Found $found
    }
    Save-FakeMachine
}

# Stop-Service stops a service with running dependents only with -Force, and then stops those
# dependents too (Stop-Service docs, -Force). Outputs the names of the services it stopped,
# dependents first.
function Stop-FakeService {
    param([Parameter(Mandatory = $true)]$Found, [switch]$Force)
    $dependents = @($script:Machine.services.Keys | Where-Object -FilterScript {
            $entry = $script:Machine.services[$_]
            ([string]$entry.status -eq 'Running') -and (@($entry['dependsOn']) -contains $Found.name)
        })
    if ($dependents.Count -gt 0 -and -not $Force) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ("Cannot stop service '{0} ({0})' because it has dependent services. It can only be stopped if the Force flag is set." -f $Found.name))
    }
    foreach ($dependent in $dependents) { Stop-FakeService -Found (Get-FakeServiceEntry -Name $dependent) -Force }
    $Found.entry.status = 'Stopped'
    if ($Found.name -ieq 'TermService') { Invoke-FakeTermServiceStop }
    $Found.name
}

# Stopping TermService (Stop-Service, or Restart-Service, which stops it first) ends every
# connection it serves: the state's sessions ({ id, user, state: Active | Disconnected }) are all
# left Disconnected, with no client attached, as the WTS API names that state
# (WTS_CONNECTSTATE_CLASS, learn.microsoft.com: WTSDisconnected). That the restart drops every
# session, the console one included, is this project's model (issue 21); no Microsoft page found
# says which sessions survive a TermService restart.
function Invoke-FakeTermServiceStop {
    foreach ($session in @(Get-FakeList -Name 'sessions')) {
        if ($null -ne $session) { $session['state'] = 'Disconnected' }
    }
}

function Stop-Service {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string[]]$Name, [switch]$Force)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Stop-Service'
    foreach ($serviceName in $Name) {
        $found = Get-FakeServiceEntry -Name $serviceName
        if ($null -eq $found) { Write-FakeServiceNotFound -Cmdlet $PSCmdlet -Name $serviceName; continue }
        Assert-FakeServiceControl -Name $found.name -Verb 'stopped'
        $null = Stop-FakeService -Found $found -Force:$Force
    }
    Save-FakeMachine
}

function Restart-Service {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string[]]$Name, [switch]$Force)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Restart-Service'
    foreach ($serviceName in $Name) {
        $found = Get-FakeServiceEntry -Name $serviceName
        if ($null -eq $found) { Write-FakeServiceNotFound -Cmdlet $PSCmdlet -Name $serviceName; continue }
        Assert-FakeServiceControl -Name $found.name -Verb 'stopped'
        # Restart-Service -Force starts again every running dependent it had to stop
        # (PowerShell's RestartServiceCommand: DoStopService returns the dependents it stopped
        # with the service, and each is then started; src/Microsoft.PowerShell.Commands.Management/
        # commands/management/Service.cs). Restarting TermService thus leaves UmRdpService running.
        $stopped = @()
        if ([string]$found.entry.status -eq 'Running') { $stopped = @(Stop-FakeService -Found $found -Force:$Force) }
        Start-FakeService -Found $found
        foreach ($stoppedName in $stopped) { Start-FakeService -Found (Get-FakeServiceEntry -Name $stoppedName) }
    }
    Save-FakeMachine
}

# --- The machine's clock ---------------------------------------------------------------------

# A machine state may set its clock ("now", ISO 8601, when the machine was loaded): Get-Date
# without arguments answers it plus the time since, so a scenario's "expired" and "recent" stay
# so whenever the tests run, and a wait for a deadline still ends. Anything else goes to the real
# cmdlet.
function Get-Date {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline = $true)]$Date, [string]$Format)
    $now = Get-FakeSection -Name 'now'
    if ($PSBoundParameters.Count -eq 0 -and $null -ne $now) {
        $start = [datetime]::Parse([string]$now, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
        return $start.Add([datetime]::UtcNow - $script:LoadedAt).ToLocalTime()
    }
    Microsoft.PowerShell.Utility\Get-Date @PSBoundParameters
}

# Get-TimeZone without arguments: the computer's time zone as a System.TimeZoneInfo (Windows
# PowerShell 5.1, Microsoft.PowerShell.Management; learn.microsoft.com/powershell/module/
# microsoft.powershell.management/get-timezone?view=powershell-5.1). A machine state may give one
# as timeZone.utcOffsetMinutes, a zone without daylight saving time; the machine is in UTC
# otherwise. -Id, -Name and -ListAvailable go to the real cmdlet.
function Get-TimeZone {
    [CmdletBinding()]
    param([string[]]$Name, [string[]]$Id, [switch]$ListAvailable)
    $zone = Get-FakeSection -Name 'timeZone'
    if ($PSBoundParameters.Count -gt 0) { return Microsoft.PowerShell.Management\Get-TimeZone @PSBoundParameters }
    if ($null -eq $zone) { return [System.TimeZoneInfo]::Utc }
    $offset = [System.TimeSpan]::FromMinutes([double]$zone.utcOffsetMinutes)
    return [System.TimeZoneInfo]::CreateCustomTimeZone('RDP Doctor simulated', $offset, 'Simulated', 'Simulated')
}

# --- Processes -------------------------------------------------------------------------------

function Get-Process {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [int[]]$Id)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $processes = @(Get-FakeList -Name 'processes')
    if ($PSBoundParameters.ContainsKey('Id')) {
        foreach ($processId in $Id) {
            $match = @($processes | Where-Object -FilterScript { [int]$_.id -eq $processId })
            if ($match.Count -eq 0) {
                $exception = New-Object -TypeName System.ArgumentException -ArgumentList "Cannot find a process with the process identifier $processId."
                Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'NoProcessFoundForGivenId' -Category ObjectNotFound -Target $processId
                continue
            }
            foreach ($process in $match) { [pscustomobject]@{ Id = [int]$process.id; ProcessName = [string]$process.name } }
        }
        return
    }
    foreach ($processName in $Name) {
        $match = @($processes | Where-Object -FilterScript { [string]$_.name -ieq $processName })
        if ($match.Count -eq 0) {
            $exception = New-Object -TypeName System.InvalidOperationException -ArgumentList "Cannot find a process with the name `"$processName`". Verify the process name and call the cmdlet again."
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'NoProcessFoundForGivenName' -Category ObjectNotFound -Target $processName
            continue
        }
        foreach ($process in $match) { [pscustomobject]@{ Id = [int]$process.id; ProcessName = [string]$process.name } }
    }
}

# --- CIM ---------------------------------------------------------------------------------------

function Get-CimInstance {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string]$ClassName,
        [string]$Namespace = 'root\cimv2',
        [string]$Filter
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $space = $Namespace.Replace('/', '\').ToLowerInvariant()
    if ($space -eq 'root\cimv2' -and $ClassName -eq 'Win32_Service') {
        foreach ($serviceName in @($script:Machine.services.Keys)) {
            $entry = $script:Machine.services[$serviceName]
            $startMode = @{ 'Automatic' = 'Auto'; 'AutomaticDelayedStart' = 'Auto'; 'Manual' = 'Manual'; 'Disabled' = 'Disabled' }[[string]$entry.startType]
            $processId = 0
            if ([string]$entry.status -eq 'Running' -and $entry.Contains('processId')) { $processId = [int]$entry.processId }
            [pscustomobject]@{ Name = $serviceName; State = [string]$entry.status; StartMode = $startMode; StartName = [string]$entry.account; ProcessId = [uint32]$processId }
        }
        return
    }
    if ($space -eq 'root\cimv2' -and $ClassName -eq 'Win32_ComputerSystem') {
        $system = Get-FakeSection -Name 'computerSystem'
        if ($null -eq $system) { $system = @{ name = 'PC01'; partOfDomain = $false; domain = 'WORKGROUP' } }
        return [pscustomobject]@{ Name = [string]$system.name; PartOfDomain = [bool]$system.partOfDomain; Domain = [string]$system.domain }
    }
    # Win32_OperatingSystem (learn.microsoft.com, "Win32_OperatingSystem class"): Version is
    # "major.minor.build" (e.g. "10.0.20348"), BuildNumber the build as a string. Unlike
    # [Environment]::OSVersion (the host's kernel off Windows), this is the machine's own.
    if ($space -eq 'root\cimv2' -and $ClassName -eq 'Win32_OperatingSystem') {
        $os = Get-FakeSection -Name 'operatingSystem'
        if ($null -eq $os) { throw 'FakeWindows: this machine has no operatingSystem (Win32_OperatingSystem) in its state.' }
        return [pscustomobject]@{ Version = [string]$os.version; BuildNumber = [string]$os.buildNumber; Caption = [string]$os.caption }
    }
    if ($space -eq 'root\cimv2\terminalservices' -and $ClassName -eq 'Win32_TSGeneralSetting') {
        if ($Filter -and $Filter -notmatch "^TerminalName\s*=\s*'RDP-tcp'$") { throw "FakeWindows: filter not modelled: $Filter" }
        $setting = Get-FakeSection -Name 'tsGeneralSetting'
        if ($null -eq $setting) { return }
        return [pscustomobject]@{
            TerminalName               = 'RDP-Tcp'
            SSLCertificateSHA1Hash     = [string]$setting.SSLCertificateSHA1Hash
            SSLCertificateSHA1HashType = [uint32]$setting.SSLCertificateSHA1HashType
        }
    }
    if ($space -eq 'root\securitycenter2' -and @('AntiVirusProduct', 'FirewallProduct') -contains $ClassName) {
        # Windows Security Center exists on client editions only; on a server the namespace does
        # not exist and WMI answers "Invalid namespace" (WBEM_E_INVALID_NAMESPACE, 0x8004100E).
        $center = Get-FakeSection -Name 'securityCenter'
        if ($null -eq $center) {
            $exception = New-Object -TypeName System.Runtime.InteropServices.COMException -ArgumentList 'Invalid namespace ', -2147217394
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'HRESULT 0x8004100e' -Category MetadataError -Target $Namespace
            return
        }
        $key = @{ 'AntiVirusProduct' = 'antivirus'; 'FirewallProduct' = 'firewall' }[$ClassName]
        foreach ($product in @($center[$key])) {
            if ($null -ne $product) { [pscustomobject]@{ displayName = [string]$product.displayName; productState = [uint32]$product.productState } }
        }
        return
    }
    throw "FakeWindows: CIM class not modelled: $Namespace $ClassName"
}

# Win32_TSGeneralSetting is changed by administrators only. SSLCertificateSHA1Hash is its one
# writable property the scripts set: "the SHA1 hash in hexadecimal format of the SSL certificate
# for the target server to use" (learn.microsoft.com, "Win32_TSGeneralSetting class", Access type:
# Read/write); SSLCertificateSHA1HashType is read-only there (0 not valid, 1 default self-signed,
# 2 default group policy enforced, 3 custom). A hash that is not 40 hexadecimal digits, or names no
# certificate in the computer's Personal (My) or Remote Desktop store, is refused with WMI's
# "Invalid parameter" (WBEM_E_INVALID_PARAMETER, 0x80041008): modelled from the public reports of
# that error ("Causes of and fixes for the 'Invalid Parameter' error when replacing the root RDP
# certificate", techblog.thomserve.co.uk, 2017), not from Microsoft's page, which lists no errors.
# Which hash type the provider then reports is not documented either: modelled as 1 for the
# certificate Windows made (in Remote Desktop) and 3 (custom) for any other.
function Set-CimInstance {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)]$InputObject, [hashtable]$Property)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Set-CimInstance'
    if ([string]$InputObject.TerminalName -ne 'RDP-Tcp') { throw 'FakeWindows: Set-CimInstance is modelled for Win32_TSGeneralSetting only.' }
    if (-not (Test-FakeAdmin)) { throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access denied ') }
    $setting = Get-FakeSection -Name 'tsGeneralSetting'
    foreach ($name in @($Property.Keys)) {
        if ($name -ne 'SSLCertificateSHA1Hash') { throw "FakeWindows: Set-CimInstance of Win32_TSGeneralSetting.$name is not modelled." }
        $hash = [string]$Property[$name]
        $inMy = $null; $inRdp = $null
        if ($hash -match '^[0-9A-Fa-f]{40}$') {
            $inMy = Get-FakeCertificate -Store 'LocalMachine\My' -Thumbprint $hash
            $inRdp = Get-FakeCertificate -Store 'LocalMachine\Remote Desktop' -Thumbprint $hash
        }
        if ($null -eq $inMy -and $null -eq $inRdp) {
            $exception = New-Object -TypeName System.Runtime.InteropServices.COMException -ArgumentList 'Invalid parameter ', -2147217400
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'HRESULT 0x80041008,Microsoft.Management.Infrastructure.CimCmdlets.SetCimInstanceCommand' -Category InvalidArgument -Target $InputObject
            return
        }
        $setting['SSLCertificateSHA1Hash'] = $hash.ToUpperInvariant()
        $setting['SSLCertificateSHA1HashType'] = $(if ($null -ne $inRdp) { 1 } else { 3 })
    }
    Save-FakeMachine
    return $InputObject
}

# --- Event logs (Get-WinEvent) ------------------------------------------------------------------

# The Security log is readable by Administrators (and Event Log Readers) only; others get
# "Attempted to perform an unauthorized operation." (learn.microsoft.com, "Event Log security").
# Any other channel is read as its ChannelAccess security descriptor allows (learn.microsoft.com,
# "EventManifest Schema, ChannelType complexType", access attribute; `wevtutil sl <log> /ca:`): the
# state may list the SIDs it grants read as events.<log>.readers (S-1-5-32-544 counts only
# elevated, S-1-5-11 is every signed-in user); without the list, Windows' default lets users read.
function Test-FakeLogReader {
    param([Parameter(Mandatory = $true)][string]$Name, $Log)
    if ($Name -eq 'Security') { return (Test-FakeAdmin) }
    if ($null -eq $Log -or -not $Log.Contains('readers')) { return $true }
    $readers = @($Log.readers)
    return (($readers -contains 'S-1-5-11') -or ($readers -contains [string](Get-FakeUser).sid) -or
        (($readers -contains 'S-1-5-32-544') -and (Test-FakeAdmin)))
}

function Get-WinEvent {
    [CmdletBinding()]
    param([string]$ListLog, [hashtable]$FilterHashtable, [int]$MaxEvents = [int]::MaxValue)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $logs = Get-FakeSection -Name 'events'
    if ($null -eq $logs) { $logs = @{} }
    if ($PSBoundParameters.ContainsKey('ListLog')) {
        if (-not $logs.Contains($ListLog)) {
            $exception = New-Object -TypeName System.Exception -ArgumentList "There is not an event log on the localhost computer that matches `"$ListLog`"."
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'NoMatchingLogsFound' -Category ObjectNotFound -Target $ListLog
            return
        }
        $log = $logs[$ListLog]
        return [pscustomobject]@{ LogName = $ListLog; IsEnabled = [bool]$log.enabled; RecordCount = @($log.records).Count }
    }
    $name = [string]$FilterHashtable['LogName']
    if (-not $logs.Contains($name)) {
        # A LogName no channel has is NoMatchingLogsFound, the message -ListLog gives (PowerShell's
        # GetWinEventCommand, resource NoMatchingLogsFound; the Get-WinEvent documentation's examples).
        $exception = New-Object -TypeName System.Exception -ArgumentList "There is not an event log on the localhost computer that matches `"$name`"."
        Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'NoMatchingLogsFound' -Category ObjectNotFound -Target $name
        return
    }
    if (-not (Test-FakeLogReader -Name $name -Log $logs[$name])) {
        throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Attempted to perform an unauthorized operation.')
    }
    $records = @($logs[$name].records | Where-Object -FilterScript { $null -ne $_ })
    $ids = @($FilterHashtable['Id'])
    $start = $FilterHashtable['StartTime']
    # ProviderName narrows a shared log (System) to its event sources, e.g. Schannel; like LogName
    # and Id it takes an array (String[]), any of which matches
    # (https://learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent, -FilterHashtable keys).
    $providers = @($FilterHashtable['ProviderName'] | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [string]$_ })
    $selected = @($records | Where-Object -FilterScript {
            ($providers.Count -eq 0 -or ($_.Contains('provider') -and $providers -contains [string]$_.provider)) -and
            ($null -eq $FilterHashtable['Id'] -or $ids -contains [int]$_.id) -and
            ($null -eq $start -or [datetime]::Parse([string]$_.time, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal).ToLocalTime() -ge $start)
        } | Sort-Object -Property { [string]$_.time } -Descending | Select-Object -First $MaxEvents)
    if ($selected.Count -eq 0) {
        # Get-WinEvent reports an empty result as an error (NoMatchingEventsFound, ObjectNotFound).
        $exception = New-Object -TypeName System.Exception -ArgumentList 'No events were found that match the specified selection criteria.'
        Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'NoMatchingEventsFound' -Category ObjectNotFound -Target $null
        return
    }
    foreach ($record in $selected) { ConvertTo-FakeEventRecord -Log $name -Record $record }
}

# An EventLogRecord: Properties holds the event data values in template order, ToXml() the
# rendered XML. The RDP client's 1024/1026 carry <Data Name="Name">, <Data Name="Value"> and
# <Data Name="CustomLevel"> (the ClientActiveXCore provider manifest; e.g. 1024: Name "Server
# Name", Value the host; 1026: Name "Disconnect Reason", Value the code).
# The event schema (learn.microsoft.com, "EventSchema": SystemPropertiesType's Provider Name;
# DataFieldType, whose Name attribute is optional) lets a classic provider such as Schannel write
# unnamed <Data> elements (a record's data item with name null), and a provider whose template
# uses UserData (the TerminalServices ones: <UserData><EventXML xmlns="Event_NS">, one element
# per field) write that instead of EventData (a record with userData: true).
function ConvertTo-FakeEventRecord {
    param([Parameter(Mandatory = $true)][string]$Log, [Parameter(Mandatory = $true)]$Record)
    $data = @($Record.data | Where-Object -FilterScript { $null -ne $_ })
    $time = [datetime]::Parse([string]$Record.time, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
    $activity = $null
    if ($Record.Contains('activityId') -and $Record.activityId) { $activity = [guid][string]$Record.activityId }
    $xml = New-Object -TypeName System.Text.StringBuilder
    $null = $xml.Append('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>')
    $provider = $null
    if ($Record.Contains('provider') -and $Record.provider) { $provider = [string]$Record.provider }
    if ($provider) { $null = $xml.AppendFormat('<Provider Name="{0}"/>', [System.Security.SecurityElement]::Escape($provider)) }
    $null = $xml.AppendFormat('<EventID>{0}</EventID><TimeCreated SystemTime="{1}"/>', [int]$Record.id, $time.ToString('o'))
    if ($activity) { $null = $xml.AppendFormat('<Correlation ActivityID="{{{0}}}"/>', $activity.ToString().ToUpperInvariant()) }
    $null = $xml.AppendFormat('<Channel>{0}</Channel></System>', [System.Security.SecurityElement]::Escape($Log))
    if ($Record.Contains('userData') -and [bool]$Record.userData) {
        $null = $xml.Append('<UserData><EventXML xmlns="Event_NS">')
        foreach ($item in $data) {
            $field = [string]$item.name
            if ($field -notmatch '^[A-Za-z_][A-Za-z0-9_]*$') { throw "FakeWindows: a UserData field needs an element name, not '$field'." }
            $null = $xml.AppendFormat('<{0}>{1}</{0}>', $field, [System.Security.SecurityElement]::Escape([string]$item.value))
        }
        $null = $xml.Append('</EventXML></UserData></Event>')
    } else {
        $null = $xml.Append('<EventData>')
        foreach ($item in $data) {
            $value = [System.Security.SecurityElement]::Escape([string]$item.value)
            if ($null -eq $item.name) { $null = $xml.AppendFormat('<Data>{0}</Data>', $value); continue }
            $null = $xml.AppendFormat('<Data Name="{0}">{1}</Data>', [System.Security.SecurityElement]::Escape([string]$item.name), $value)
        }
        $null = $xml.Append('</EventData></Event>')
    }
    $object = [pscustomobject]@{
        Id           = [int]$Record.id
        LogName      = $Log
        ProviderName = $provider
        TimeCreated  = $time.ToLocalTime()
        ActivityId   = $activity
        # EventLogRecord.Message: the rendered text, where the state gives it.
        Message      = $(if ($Record.Contains('message')) { [string]$Record.message } else { $null })
        Properties   = @($data | ForEach-Object -Process { [pscustomobject]@{ Value = $_.value } })
        FakeXml      = $xml.ToString()
    }
    $object | Add-Member -MemberType ScriptMethod -Name ToXml -Value { return $this.FakeXml }
    return $object
}

# --- Get-HotFix ----------------------------------------------------------------------------------

# Get-HotFix returns Win32_QuickFixEngineering instances (System.Management.ManagementObject in
# Windows PowerShell 5.1). InstalledOn there is WMI's string ("Win32_QuickFixEngineering class",
# learn.microsoft.com: InstalledOn is a string), read raw as $_.psBase.Properties['InstalledOn'].Value
# (PropertyDataCollection, names case-insensitive). PowerShell's type data adds an InstalledOn
# ScriptProperty over it; 5.1's (Windows 7 and later) is
#   [DateTime]::Parse($this.psBase.properties["InstalledOn"].Value)
# with one argument, so the current culture: the error text of microsoft/mdefordownlevelserver#15
# and dpaulson45/HealthChecker#288 ("Exception calling "Parse" with "1" argument(s)") shows it.
# pwsh 7 passes [DateTimeFormatInfo]::new() instead (PowerShell's TypeTable_Types_Ps1Xml.cs); the
# fake models 5.1, the shipped runtime. A blank string throws when the property is read, and a
# string the culture reads otherwise (a US "11/10/2026" on de-DE) gives a wrong day.
# What WMI's string looks like: "M/d/yyyy" on most machines (the form scripts parse with en-US:
# aws/amazon-ssm-agent's windowsUpdate gatherer, codaamok's "Blank InstalledOn Property for
# Get-HotFix"), blank for some updates, and in the OS culture's format on others
# (potatoqualitee/kbupdate#167: "Get-HotFix returns the data in the format of the OS culture").
# The state holds the string as WMI gives it (hotfixes[].installedOn).
class FakeWmiPropertyData {
    [string]$Name
    [object]$Value
}

class FakeQuickFixEngineering {
    [string]$HotFixID
    [string]$Description
    [string]$InstalledBy
    [hashtable]$Properties
}

function Get-HotFix {
    [CmdletBinding()]
    param()
    foreach ($fix in @(Get-FakeList -Name 'hotfixes')) {
        $properties = @{}
        foreach ($pair in @(@('HotFixID', [string]$fix.hotFixId), @('Description', [string]$fix.description), @('InstalledOn', [string]$fix.installedOn))) {
            $data = [FakeWmiPropertyData]::new()
            $data.Name = $pair[0]
            $data.Value = $pair[1]
            $properties[$pair[0]] = $data
        }
        $instance = [FakeQuickFixEngineering]::new()
        $instance.HotFixID = [string]$fix.hotFixId
        $instance.Description = [string]$fix.description
        $instance.InstalledBy = ''
        $instance.Properties = $properties
        $object = [psobject]::new($instance)
        # Not given ManagementObject's type name: that would bring pwsh 7's own InstalledOn.
        $object | Add-Member -MemberType ScriptProperty -Name InstalledOn -Value {
            [DateTime]::Parse($this.psBase.properties['InstalledOn'].Value)
        }
        $object
    }
}

# --- Remote Desktop Services at start: Invoke-FakeTermServiceStart is in Certificates.ps1 ---------

# Get-AppxPackage -Name: this user's packages whose name matches; nothing (and no error) when none
# does (https://learn.microsoft.com/powershell/module/appx/get-appxpackage). The state lists them
# under appxPackages as { name, version }. Server Core has no Appx module (learn.microsoft.com,
# "Server Core app compatibility": no Microsoft Store apps), so Get-AppxPackage is not a command
# there: a state without appxPackages is such a machine, and the command is defined per machine.
function Initialize-FakeAppx {
    if ($script:Machine.Contains('appxPackages')) {
        Microsoft.PowerShell.Management\Set-Item -Path 'Function:global:Get-AppxPackage' -Value ${function:Get-FakeAppxPackage}
    } elseif (Microsoft.PowerShell.Management\Test-Path -Path 'Function:\Get-AppxPackage') {
        Microsoft.PowerShell.Management\Remove-Item -Path 'Function:\Get-AppxPackage'
    }
}

function Get-FakeAppxPackage {
    [CmdletBinding()]
    param([string]$Name = '*')
    $packages = Get-FakeSection -Name 'appxPackages'
    if ($null -eq $packages) { return }
    foreach ($package in @($packages)) {
        if ([string]$package.name -like $Name) {
            [pscustomobject]@{ Name = [string]$package.name; Version = [string]$package.version; PackageFullName = "$($package.name)_$($package.version)_x64__8wekyb3d8bbwe" }
        }
    }
}
