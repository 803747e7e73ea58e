# NetSecurity (firewall), NetConnection, NetAdapter, NetTCPIP.
#
# These cmdlets are CDXML: functions that PowerShell generates into a script module from the
# module's .cdxml files (about_CimCmdlets; "CDXML definition and terms", learn.microsoft.com).
# A script module's functions do not see the caller's preference variables, so a script's
# $ErrorActionPreference = 'Stop' does not reach them: their errors stay non-terminating unless
# -ErrorAction Stop is passed to the call itself (PowerShell/PowerShell#4568; #24389,
# Get-NetIPAddress "does not respect $ErrorActionPreference = 'Stop'", answered as by design;
# microsoft/SdnDiagnostics PR 480 adds -ErrorAction Stop to such calls). The functions here are
# module functions too, and are left to PowerShell's own scoping: the caller's 'Stop' does not
# reach them, an explicit -ErrorAction does.
#
# The firewall has policy stores (Get-NetFirewallRule docs, -PolicyStore): PersistentStore holds
# the computer's own rules and is what every NetSecurity cmdlet reads and writes when no store is
# named; group policy rules live in the GPO store; ActiveStore is what is in force: the GPO's
# rules, plus the local ones unless the GPO turns local rule merging off for the profile
# ("Apply local firewall rules: No", AllowLocalFirewallRules False).
# Rules have: name, displayName, group, direction, action, enabled, profile, protocol,
# remotePort (string[]), localPort (string[]), program, store ("PersistentStore" | "GPO").

function Get-FakeFirewall {
    $firewall = Get-FakeSection -Name 'firewall'
    if ($null -eq $firewall) { throw 'FakeWindows: this machine has no firewall section.' }
    return $firewall
}

function Test-FakeLocalRulesApply {
    # Local rules are in force unless a GPO profile says AllowLocalFirewallRules False.
    foreach ($fwProfile in @((Get-FakeFirewall).profiles)) {
        if ($null -ne $fwProfile -and $fwProfile.Contains('allowLocalFirewallRules') -and [string]$fwProfile.allowLocalFirewallRules -eq 'False') { return $false }
    }
    return $true
}

function Get-FakeRulesInStore {
    param([string]$PolicyStore)
    $rules = @((Get-FakeFirewall).rules | Where-Object -FilterScript { $null -ne $_ })
    $local = @($rules | Where-Object -FilterScript { [string]$_.store -ne 'GPO' })
    $gpo = @($rules | Where-Object -FilterScript { [string]$_.store -eq 'GPO' })
    switch ($PolicyStore) {
        'ActiveStore' { if (Test-FakeLocalRulesApply) { return @($gpo + $local) } else { return $gpo } }
        'PersistentStore' { return $local }
        'GPO' { return $gpo }
        default { throw "FakeWindows: policy store not modelled: $PolicyStore" }
    }
}

function ConvertTo-FakeRuleObject {
    param([Parameter(Mandatory = $true)]$Rule)
    $source = 'Local'
    if ([string]$Rule.store -eq 'GPO') { $source = 'GroupPolicy' }
    $object = [pscustomobject]@{
        Name                  = [string]$Rule.name
        DisplayName           = [string]$Rule.displayName
        Group                 = [string]$Rule.group
        Direction             = [string]$Rule.direction
        Action                = [string]$Rule.action
        Enabled               = [string]$Rule.enabled
        Profile               = [string]$Rule.profile
        PolicyStoreSourceType = $source
    }
    $object.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetFirewallRule')
    return $object
}

# A filter that matches nothing is an error, not an empty result: NetSecurity's cmdletization
# writes "No MSFT_NetFirewallRule objects found with property 'P' equal to 'V'.  Verify the value
# of the property and retry." (ObjectNotFound; CmdletizationQuery_NotFound_P). -Name is the
# InstanceID property.
function Get-NetFirewallRule {
    [CmdletBinding()]
    param(
        [string[]]$Name,
        [string[]]$DisplayName,
        [string[]]$Group,
        [string[]]$Direction,
        [string[]]$Action,
        [string[]]$Enabled,
        [string]$PolicyStore = 'PersistentStore'
    )
    $rules = @(Get-FakeRulesInStore -PolicyStore $PolicyStore)
    $filters = [ordered]@{ InstanceID = @($Name, 'name'); DisplayName = @($DisplayName, 'displayName'); Group = @($Group, 'group'); Direction = @($Direction, 'direction'); Action = @($Action, 'action'); Enabled = @($Enabled, 'enabled') }
    foreach ($property in @($filters.Keys)) {
        $wanted = $filters[$property][0]
        $field = $filters[$property][1]
        if ($null -eq $wanted) { continue }
        $rules = @($rules | Where-Object -FilterScript { $rule = $_; @($wanted | Where-Object -FilterScript { [string]$rule[$field] -like $_ }).Count -gt 0 })
    }
    if ($rules.Count -eq 0) {
        foreach ($property in @($filters.Keys)) {
            $wanted = $filters[$property][0]
            if ($null -eq $wanted) { continue }
            $exception = New-Object -TypeName System.Exception -ArgumentList ("No MSFT_NetFirewallRule objects found with property '{0}' equal to '{1}'.  Verify the value of the property and retry." -f $property, (@($wanted) -join ', '))
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId "CmdletizationQuery_NotFound_$property" -Category ObjectNotFound -Target (@($wanted) -join ', ')
            return
        }
        return
    }
    foreach ($rule in $rules) { ConvertTo-FakeRuleObject -Rule $rule }
}

# Changing a rule needs administrator rights; a standard user's call fails per rule with a
# non-terminating CimException, "Access is denied." (PermissionDenied, "Windows System Error
# 5,Set-NetFirewallRule": danosito/JetBrainsActivator#3 shows it twice in one run, the script going
# on). A rule that is not in the store named (PersistentStore by default) is ObjectNotFound; a
# group policy's rule cannot be changed in ActiveStore (it is read-only there: Enable-NetFirewallRule
# docs, -PolicyStore).
function Write-FakeFirewallDenied {
    param($Cmdlet, [string]$Name)
    $exception = New-Object -TypeName Microsoft.Management.Infrastructure.CimException -ArgumentList 'Access is denied.'
    Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'Windows System Error 5' -Category PermissionDenied -Target $Name
}

function Set-FakeRuleEnabled {
    param($Cmdlet, [string[]]$Name, [string]$PolicyStore, [string]$Value)
    $changed = $false
    foreach ($ruleName in $Name) {
        $inStore = @(Get-FakeRulesInStore -PolicyStore $PolicyStore | Where-Object -FilterScript { [string]$_.name -eq $ruleName })
        if ($inStore.Count -eq 0) {
            $exception = New-Object -TypeName System.Exception -ArgumentList ("No MSFT_NetFirewallRule objects found with property 'InstanceID' equal to '{0}'.  Verify the value of the property and retry." -f $ruleName)
            Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'CmdletizationQuery_NotFound_InstanceID' -Category ObjectNotFound -Target $ruleName
            continue
        }
        if (-not (Test-FakeAdmin)) { Write-FakeFirewallDenied -Cmdlet $Cmdlet -Name $ruleName; continue }
        foreach ($rule in $inStore) {
            if ($PolicyStore -eq 'ActiveStore' -and [string]$rule.store -eq 'GPO') { Write-FakeFirewallDenied -Cmdlet $Cmdlet -Name $ruleName; continue }
            $rule.enabled = $Value
            $changed = $true
        }
    }
    if ($changed) { Save-FakeMachine }
}

function Enable-NetFirewallRule {
    [CmdletBinding()]
    param([string[]]$Name, [string]$PolicyStore = 'PersistentStore')
    Invoke-FakeFault -Command 'Enable-NetFirewallRule'
    Set-FakeRuleEnabled -Cmdlet $PSCmdlet -Name $Name -PolicyStore $PolicyStore -Value 'True'
}

function Disable-NetFirewallRule {
    [CmdletBinding()]
    param([string[]]$Name, [string]$PolicyStore = 'PersistentStore')
    Invoke-FakeFault -Command 'Disable-NetFirewallRule'
    Set-FakeRuleEnabled -Cmdlet $PSCmdlet -Name $Name -PolicyStore $PolicyStore -Value 'False'
}

function Get-FakeRuleFor {
    param([Parameter(Mandatory = $true)]$AssociatedNetFirewallRule)
    $rule = @((Get-FakeFirewall).rules | Where-Object -FilterScript { $null -ne $_ -and [string]$_.name -eq [string]$AssociatedNetFirewallRule.Name }) | Select-Object -First 1
    if ($null -eq $rule) { throw "FakeWindows: no rule $($AssociatedNetFirewallRule.Name)" }
    return $rule
}

# MSFT_NetProtocolPortFilter: Protocol "TCP"/"UDP"/"Any", LocalPort and RemotePort string[]
# ("Any", "3389", "5000-5010", "RPC"...) (learn.microsoft.com, Get-NetFirewallPortFilter and the
# MSFT_NetProtocolPortFilter class).
function Get-NetFirewallPortFilter {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)]$AssociatedNetFirewallRule, [string]$PolicyStore)
    $rule = Get-FakeRuleFor -AssociatedNetFirewallRule $AssociatedNetFirewallRule
    $remote = @('Any')
    if ($rule.Contains('remotePort') -and $null -ne $rule.remotePort) { $remote = [string[]]@($rule.remotePort) }
    $localPort = @('Any')
    if ($rule.Contains('localPort') -and $null -ne $rule.localPort) { $localPort = [string[]]@($rule.localPort) }
    $protocol = 'Any'
    if ($rule.Contains('protocol')) { $protocol = [string]$rule.protocol }
    return [pscustomobject]@{ Protocol = $protocol; LocalPort = [string[]]$localPort; RemotePort = [string[]]$remote }
}

function Get-NetFirewallApplicationFilter {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)]$AssociatedNetFirewallRule, [string]$PolicyStore)
    $rule = Get-FakeRuleFor -AssociatedNetFirewallRule $AssociatedNetFirewallRule
    $program = 'Any'
    if ($rule.Contains('program') -and $rule.program) { $program = [string]$rule.program }
    return [pscustomobject]@{ Program = $program }
}

# The state holds one set of profile values, those in force: -Name and -PolicyStore are taken and
# not applied (a simplification with no source; the scripts ask for ActiveStore only).
function Get-NetFirewallProfile {
    [CmdletBinding()]
    param([string[]]$Name, [string]$PolicyStore)
    foreach ($fwProfile in @((Get-FakeFirewall).profiles)) {
        if ($null -eq $fwProfile) { continue }
        # AllowLocalFirewallRules is a GpoBoolean: True, False or NotConfigured.
        $allowLocal = 'NotConfigured'
        if ($fwProfile.Contains('allowLocalFirewallRules')) { $allowLocal = [string]$fwProfile.allowLocalFirewallRules }
        # AllowInboundRules False is "Block all incoming connections" (INetFwPolicy2
        # BlockAllInboundTraffic: every allow rule is ignored).
        $allowInbound = 'NotConfigured'
        if ($fwProfile.Contains('allowInboundRules')) { $allowInbound = [string]$fwProfile.allowInboundRules }
        [pscustomobject]@{ Name = [string]$fwProfile.name; Enabled = [string]$fwProfile.enabled; DefaultOutboundAction = [string]$fwProfile.defaultOutboundAction; AllowLocalFirewallRules = $allowLocal; AllowInboundRules = $allowInbound }
    }
}

# Get-NetConnectionProfile, Get-NetAdapter and Get-NetIPConfiguration answer the state's lists and
# never fail here (no error of theirs is modelled).
function Get-NetConnectionProfile {
    [CmdletBinding()]
    param()
    foreach ($connection in @(Get-FakeList -Name 'connectionProfiles')) {
        [pscustomobject]@{ Name = [string]$connection.name; InterfaceAlias = [string]$connection.interfaceAlias; NetworkCategory = [string]$connection.networkCategory }
    }
}

function Get-NetAdapter {
    [CmdletBinding()]
    param()
    foreach ($adapter in @(Get-FakeList -Name 'adapters')) {
        [pscustomobject]@{
            Name                 = [string]$adapter.name
            InterfaceDescription = [string]$adapter.description
            Status               = [string]$adapter.status
            MediaType            = [string]$adapter.mediaType
            HardwareInterface    = [bool]$adapter.hardware
            ifIndex              = [int]$adapter.ifIndex
        }
    }
}

function Get-NetIPConfiguration {
    [CmdletBinding()]
    param([switch]$All)
    foreach ($adapter in @(Get-FakeList -Name 'adapters')) {
        $addresses = @(@($adapter.ipv4) | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [pscustomobject]@{ IPAddress = [string]$_ } })
        $gateway = $null
        if ($adapter.Contains('gateway') -and $adapter.gateway) { $gateway = @([pscustomobject]@{ NextHop = [string]$adapter.gateway }) }
        [pscustomobject]@{ InterfaceIndex = [int]$adapter.ifIndex; InterfaceAlias = [string]$adapter.name; IPv4Address = $addresses; IPv4DefaultGateway = $gateway }
    }
}

# Get-NetTCPConnection (NetTCPIP, CDXML like the firewall cmdlets) answers no match with a CIM
# query error, not an empty list: "No matching MSFT_NetTCPConnection objects found by CIM query for
# instances of the ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM
# MSFT_NetTCPConnection  WHERE ((LocalPort = 61208)) AND ((State = 2)). Verify query parameters and
# retry." (ObjectNotFound, CimJobException, CmdletizationQuery_NotFound,Get-NetTCPConnection: public
# pwsh transcripts and scripts that catch it; the same form as Get-NetRoute's in
# PowerShell/PowerShell#19125). State Listen is 2 (MSFT_NetTCPConnection.State). How the WHERE
# clause joins several ports is not published: written here as an OR of the same terms.
function Get-NetTCPConnection {
    [CmdletBinding()]
    param([string[]]$State, [uint16[]]$LocalPort)
    if ($null -ne $State -and @($State | Where-Object -FilterScript { $_ -ne 'Listen' }).Count -gt 0) { throw "FakeWindows: Get-NetTCPConnection -State $($State -join ',') not modelled" }
    # A broken WMI provider: CDXML cmdlets report the CimException as a non-terminating error
    # (WBEM_E_PROVIDER_LOAD_FAILURE 0x80041013, "Provider load failure": learn.microsoft.com
    # "WMI Error Constants"), not the ObjectNotFound of an empty result.
    if (Test-FakeFault -Command 'Get-NetTCPConnection') {
        $exception = New-Object -TypeName System.Exception -ArgumentList 'Provider load failure'
        Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'HRESULT 0x80041013,Get-NetTCPConnection' -Category NotSpecified -Target $null
        return
    }
    $found = @(Get-FakeList -Name 'tcpListeners' | Where-Object -FilterScript {
            $connection = $_
            ($null -eq $LocalPort -or $LocalPort -contains [int]$connection.localPort)
        })
    if ($found.Count -eq 0) {
        $terms = @()
        if ($null -ne $LocalPort) { $terms += '(' + ((@($LocalPort) | ForEach-Object -Process { '(LocalPort = {0})' -f $_ }) -join ' OR ') + ')' }
        if ($null -ne $State) { $terms += '((State = 2))' }
        $where = ''
        if ($terms.Count -gt 0) { $where = ' WHERE ' + ($terms -join ' AND ') }
        $exception = New-Object -TypeName System.Exception -ArgumentList ('No matching MSFT_NetTCPConnection objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM MSFT_NetTCPConnection {0}. Verify query parameters and retry.' -f $where)
        Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'CmdletizationQuery_NotFound' -Category ObjectNotFound -Target $LocalPort
        return
    }
    foreach ($connection in $found) {
        [pscustomobject]@{ LocalAddress = [string]$connection.localAddress; LocalPort = [uint16]$connection.localPort; State = 'Listen'; OwningProcess = [uint32]$connection.owningProcess }
    }
}
