# Pester 5: the fake answers as Windows is documented to, errors included. Each It names what
# it models; the source is beside the modelled behaviour in the module.
BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'FakeWindows.psm1') -Force
    $script:Dir = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('fakewin-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:Dir
    function Use-Machine {
        param([hashtable]$State)
        $path = Join-Path -Path $script:Dir -ChildPath ([guid]::NewGuid().ToString() + '.json')
        $root = Join-Path -Path $script:Dir -ChildPath ([guid]::NewGuid().ToString())
        $null = New-Item -ItemType Directory -Path $root
        Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $State -Depth 20)
        Use-FakeMachine -Path $path -Root $root
    }
    $script:Rdp = @{ name = 'RemoteDesktop-UserMode-In-TCP'; displayName = 'RDP'; group = '@FirewallAPI.dll,-28752'; direction = 'Inbound'; action = 'Allow'; enabled = 'True'; profile = 'Any'; protocol = 'TCP'; remotePort = @('Any'); store = 'PersistentStore' }
}

Describe 'FakeWindows' {
    BeforeEach { Set-FakeElevation -Elevated $true }

    It 'Get-NetFirewallRule: a filter that matches nothing is an ObjectNotFound error, not an empty list' {
        Use-Machine @{ registry = @{}; firewall = @{ profiles = @(); rules = @($script:Rdp) } }
        { Get-NetFirewallRule -Direction Outbound -Action Block -ErrorAction Stop } | Should -Throw -ErrorId 'CmdletizationQuery_NotFound_Direction*'
        @(Get-NetFirewallRule -Direction Outbound -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'Get-TimeZone: a TimeZoneInfo, the state''s zone or UTC; local midnight converts to UTC in it' {
        Use-Machine @{ registry = @{} }
        (Get-TimeZone) | Should -BeOfType [System.TimeZoneInfo]
        (Get-TimeZone).BaseUtcOffset | Should -Be ([timespan]::Zero)
        Use-Machine @{ registry = @{}; timeZone = @{ utcOffsetMinutes = -480 } }
        $zone = Get-TimeZone
        $zone.BaseUtcOffset | Should -Be ([timespan]::FromHours(-8))
        [System.TimeZoneInfo]::ConvertTimeToUtc([datetime]::new(2026, 11, 18), $zone) | Should -Be ([datetime]::new(2026, 11, 18, 8, 0, 0))
    }

    It 'Get-NetFirewallRule: PersistentStore by default; a GPO rule shows in ActiveStore only' {
        $gpo = $script:Rdp.Clone(); $gpo.name = 'GPO-RDP'; $gpo.store = 'GPO'
        Use-Machine @{ registry = @{}; firewall = @{ profiles = @(); rules = @($script:Rdp, $gpo) } }
        @(Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752').Name | Should -Be @('RemoteDesktop-UserMode-In-TCP')
        @(Get-NetFirewallRule -PolicyStore ActiveStore -Group '@FirewallAPI.dll,-28752').Count | Should -Be 2
    }

    It 'Get-NetFirewallPortFilter: RemotePort is a string[]' {
        $rule = $script:Rdp.Clone(); $rule.remotePort = @('3389', '5000-5010')
        Use-Machine @{ registry = @{}; firewall = @{ profiles = @(); rules = @($rule) } }
        $filter = Get-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP' | ForEach-Object -Process { Get-NetFirewallPortFilter -AssociatedNetFirewallRule $_ }
        , $filter.RemotePort | Should -BeOfType [string[]]
        $filter.RemotePort.Count | Should -Be 2
    }

    It 'New-Item -Force on the registry creates every missing parent key' {
        Use-Machine @{ registry = @{ 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft' = @{} } }
        $null = New-Item -Path 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client' -Force
        Test-Path -LiteralPath 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT' | Should -BeTrue
    }

    It 'HKLM is read-only to a standard user (a filtered UAC token)' {
        Use-Machine @{ registry = @{ 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft' = @{} } }
        Set-FakeElevation -Elevated $false
        { New-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Policies\Microsoft' -Name 'X' -PropertyType DWord -Value 1 -Force } | Should -Throw -ExceptionType ([System.Security.SecurityException])
        Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Policies\Microsoft' -Name 'X' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Get-WinEvent: no matching event is NoMatchingEventsFound; 1024 carries Name/Value data' {
        $event = @{ id = 1024; time = '2026-11-20T10:00:00Z'; data = @(@{ name = 'Name'; value = 'Server Name' }, @{ name = 'Value'; value = 'srv01' }, @{ name = 'CustomLevel'; value = 'Info' }) }
        Use-Machine @{ registry = @{}; now = '2026-11-21T10:00:00Z'; events = @{ 'Microsoft-Windows-TerminalServices-RDPClient/Operational' = @{ enabled = $true; records = @($event) } } }
        { Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1026 } -ErrorAction Stop } | Should -Throw -ErrorId 'NoMatchingEventsFound*'
        $record = Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1024 }
        $record.Properties[0].Value | Should -Be 'Server Name'
        ([xml]$record.ToXml()).Event.EventData.Data.Count | Should -Be 3
    }

    It 'Get-WinEvent: an unknown log is NoMatchingLogsFound; a channel whose access leaves out this user throws UnauthorizedAccessException' {
        $records = @(@{ id = 36870; time = '2026-11-20T10:00:00Z'; provider = 'Schannel'; data = @() })
        Use-Machine @{ registry = @{}; events = @{ System = @{ enabled = $true; readers = @('S-1-5-32-544'); records = $records } } }
        { Get-WinEvent -FilterHashtable @{ LogName = 'Nope/Admin' } -ErrorAction Stop } | Should -Throw -ErrorId 'NoMatchingLogsFound*'
        @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Schannel' }).Count | Should -Be 1
        Set-FakeElevation -Elevated $false
        { Get-WinEvent -FilterHashtable @{ LogName = 'System' } } | Should -Throw -ExceptionType ([System.UnauthorizedAccessException])
    }

    It 'Get-WinEvent: a classic provider writes unnamed Data; a UserData template writes EventXML elements' {
        $schannel = @{ id = 36870; time = '2026-11-20T10:00:00Z'; provider = 'Schannel'; data = @(@{ name = $null; value = '0x8009030d' }) }
        $rcm = @{ id = 1058; time = '2026-11-20T10:00:01Z'; provider = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; userData = $true; data = @(@{ name = 'hr'; value = '0x80070005' }) }
        Use-Machine @{ registry = @{}; events = @{ System = @{ enabled = $true; records = @($schannel) }; RCM = @{ enabled = $true; records = @($rcm) } } }
        $xml = [xml](Get-WinEvent -FilterHashtable @{ LogName = 'System' }).ToXml()
        $xml.Event.System.Provider.Name | Should -Be 'Schannel'
        $xml.Event.EventData.FirstChild.HasAttribute('Name') | Should -BeFalse
        ([xml](Get-WinEvent -FilterHashtable @{ LogName = 'RCM' }).ToXml()).Event.UserData.EventXML.hr | Should -Be '0x80070005'
    }

    It 'Get-AppxPackage is a command only where the Appx module is (not on Server Core); REG_BINARY reads as one byte[]' {
        Use-Machine @{ registry = @{ 'HKEY_CURRENT_USER\Software\X' = @{ B = @{ type = 'Binary'; value = @(10, 255) } } }; appxPackages = @(@{ name = 'MicrosoftCorporationII.Windows365'; version = '2.0.420.0' }) }
        (Get-AppxPackage -Name 'MicrosoftCorporationII.Windows365').Version | Should -Be '2.0.420.0'
        , (Get-Item -LiteralPath 'Registry::HKEY_CURRENT_USER\software\x').GetValue('B', $null) | Should -BeOfType [byte[]]
        (Get-Item -LiteralPath 'Registry::HKEY_CURRENT_USER\software\x').PSChildName | Should -Be 'X'
        Use-Machine @{ registry = @{} }
        Get-Command -Name 'Get-AppxPackage' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Get-Acl is denied to a standard user on a key file only SYSTEM and Administrators may read' {
        $acl = @{ owner = 'S-1-5-18'; aces = @(@{ sid = 'S-1-5-18'; type = 'Allow'; rights = 2032127; inherited = $false }, @{ sid = 'S-1-5-32-544'; type = 'Allow'; rights = 2032127; inherited = $false }) }
        Use-Machine @{ registry = @{}; files = @{ 'ProgramData/key' = @{ text = 'k'; acl = $acl } } }
        $file = Join-Path -Path $env:ProgramData -ChildPath 'key'
        @((Get-Acl -LiteralPath $file).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])).Count | Should -Be 2
        Set-FakeElevation -Elevated $false
        { Get-Acl -LiteralPath $file } | Should -Throw -ExceptionType ([System.UnauthorizedAccessException])
    }

    It 'NetSecurity is CDXML: the caller''s Stop does not reach Get-/Enable-NetFirewallRule; -ErrorAction Stop does' {
        Use-Machine @{ registry = @{}; firewall = @{ profiles = @(); rules = @($script:Rdp) } }
        $went = & {
            $ErrorActionPreference = 'Stop'
            $null = Get-NetFirewallRule -Direction Outbound 2>$null
            'went on'
        }
        $went | Should -Be 'went on'
        { Get-NetFirewallRule -Direction Outbound -ErrorAction Stop } | Should -Throw -ErrorId 'CmdletizationQuery_NotFound_Direction*'
        Set-FakeElevation -Elevated $false
        $denied = @(& { $ErrorActionPreference = 'Stop'; Disable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP' 2>&1 })
        Set-FakeElevation -Elevated $true
        $denied[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'Windows System Error 5*'
        (Get-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP').Enabled | Should -Be 'True'
    }

    It 'ScheduledTasks is CDXML: a standard user''s Register-ScheduledTask for SYSTEM is Access denied (non-terminating under the caller''s Stop) and registers nothing' {
        Use-Machine @{ registry = @{}; now = '2026-12-07T17:00:00Z' }
        $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-File "C:\ProgramData\x.ps1"'
        $trigger = New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMinutes(15))
        $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
        Set-FakeElevation -Elevated $false
        $denied = @(& { $ErrorActionPreference = 'Stop'; Register-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Action $action -Trigger $trigger -Principal $principal 2>&1; 'went on' })
        $denied[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'HRESULT 0x80070005*'
        $denied[0].Exception.Message | Should -Be 'Access is denied.'
        $denied[-1] | Should -Be 'went on'
        { Register-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Action $action -Trigger $trigger -Principal $principal -ErrorAction Stop } | Should -Throw -ErrorId 'HRESULT 0x80070005*'
        Set-FakeElevation -Elevated $true
        @(Get-ScheduledTask -TaskPath '\RDP Doctor\').Count | Should -Be 0
    }

    It 'ScheduledTasks: a one-time task fires only once its time has come, as SYSTEM, and Unregister-ScheduledTask of a missing task is ObjectNotFound' {
        Use-Machine @{ registry = @{ 'HKEY_LOCAL_MACHINE\SOFTWARE' = @{} }; now = '2026-12-07T17:00:00Z' }
        $script = Join-Path -Path $env:ProgramData -ChildPath 'fire.ps1'
        Set-Content -LiteralPath $script -Value 'New-ItemProperty -LiteralPath ''HKLM:\SOFTWARE'' -Name Fired -PropertyType DWord -Value 1 -Force | Out-Null'
        $action = New-ScheduledTaskAction -Execute 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe' -Argument ('-NoProfile -File "{0}"' -f $script)
        $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
        $null = Register-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Action $action -Trigger (New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMinutes(15))) -Principal $principal
        { Register-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Action $action -Trigger (New-ScheduledTaskTrigger -Once -At (Get-Date)) -ErrorAction Stop } | Should -Throw -ErrorId 'HRESULT 0x800700b7*'
        Set-FakeElevation -Elevated $false
        @(Invoke-FakeTaskScheduler -Advance ([timespan]::FromMinutes(14))).Count | Should -Be 0
        Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE' -Name Fired -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $ran = @(Invoke-FakeTaskScheduler -Advance ([timespan]::FromMinutes(2)))
        $ran.Result | Should -Be @(0)
        (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE' -Name Fired).Fired | Should -Be 1
        @(Invoke-FakeTaskScheduler -Advance ([timespan]::FromHours(1))).Count | Should -Be 0
        Set-FakeElevation -Elevated $true
        Unregister-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Confirm:$false
        { Unregister-ScheduledTask -TaskName 't' -TaskPath '\RDP Doctor\' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'CmdletizationQuery_NotFound_TaskName*'
    }

    It 'Get-NetTCPConnection: no listener is the CIM query error NetTCPIP writes, not an empty list' {
        Use-Machine @{ registry = @{}; tcpListeners = @(@{ localAddress = '0.0.0.0'; localPort = 3389; owningProcess = 1234 }) }
        @(Get-NetTCPConnection -State Listen -LocalPort 3389).OwningProcess | Should -Be @(1234)
        $failure = { Get-NetTCPConnection -State Listen -LocalPort 61208 -ErrorAction Stop } | Should -Throw -ErrorId 'CmdletizationQuery_NotFound*' -PassThru
        $failure.Exception.Message | Should -BeLike '*SELECT `* FROM MSFT_NetTCPConnection  WHERE ((LocalPort = 61208)) AND ((State = 2)). Verify query parameters and retry.'
    }

    It 'Windows PowerShell 5.1: Get-HotFix''s InstalledOn parses with the culture; Sort-Object reports a getter that fails, and the caller''s Stop makes it fatal' {
        $fixes = @(@{ hotFixId = 'KB1'; description = 'Update'; installedOn = '11/10/2026' }, @{ hotFixId = 'KB2'; description = 'Update'; installedOn = '' })
        Use-Machine @{ registry = @{}; culture = 'de-DE'; hotfixes = $fixes }
        $hotfixes = @(Get-HotFix)
        $hotfixes[0].InstalledOn.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture) | Should -Be '2026-10-11'
        $hotfixes[0].psBase.Properties['installedon'].Value | Should -Be '11/10/2026'
        $hotfixes[1].InstalledOn | Should -BeNullOrEmpty
        { & { $ErrorActionPreference = 'Stop'; $hotfixes | Sort-Object -Property InstalledOn } } | Should -Throw -ErrorId 'ExpressionEvaluation*'
        @($hotfixes | Sort-Object -Property InstalledOn -Descending -ErrorAction SilentlyContinue).HotFixID | Should -Be @('KB1', 'KB2')
        Use-Machine @{ registry = @{} }
        [System.Globalization.CultureInfo]::CurrentCulture.Name | Should -Not -Be 'de-DE'
    }

    It 'Stopping or restarting TermService disconnects every session' {
        $sessions = @(@{ id = 1; user = 'alice'; state = 'Active' }, @{ id = 2; user = 'bob'; state = 'Active' })
        Use-Machine @{ registry = @{}; services = @{ TermService = @{ status = 'Running'; startType = 'Manual'; account = 'NT Authority\NetworkService' } }; sessions = $sessions }
        Restart-Service -Name 'TermService' -Force
        $state = ConvertFrom-Json -InputObject (Get-FakeMachineSnapshot)
        @($state.sessions.state) | Should -Be @('Disconnected', 'Disconnected')
        $state.services.TermService.status | Should -Be 'Running'
    }

    It 'cmdkey /list answers in the shape of published output: en-US, and de-DE as captures/cmdkey-list.de-DE.txt' {
        $capture = @(Get-Content -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath 'captures/cmdkey-list.de-DE.txt') -Encoding UTF8)
        $capture = $capture[([array]::IndexOf($capture, '# ---') + 1)..($capture.Count - 1)]
        $credentials = @(
            @{ target = 'MicrosoftAccount:target=SSO_POP_Device'; type = 'Generic'; user = 'asfrtgbfnosgd2iq'; persist = 'session' },
            @{ target = 'LegacyGeneric:target=sftp://root@81.110.150.18'; type = 'Generic'; user = 'root' }
        )
        Use-Machine @{ registry = @{}; culture = 'de-DE'; credentials = $credentials }
        $fake = @(cmdkey.exe /list)
        # The capture's header, then its last two entries, line for line (its first entry is left out).
        @($fake | Where-Object -FilterScript { $_ -ne '' }) | Should -Be @($capture[0]; $capture[7..15] | Where-Object -FilterScript { $_ -ne '' })
        $LASTEXITCODE | Should -Be 0
        Use-Machine @{ registry = @{}; credentials = @(@{ target = 'Domain:target=TERMSRV/srv01'; type = 'Domain Password'; user = 'CONTOSO\alice' }) }
        @(cmdkey.exe /list) | Should -Be @('', 'Currently stored credentials:', '', '    Target: Domain:target=TERMSRV/srv01', '    Type: Domain Password', '    User: CONTOSO\alice', '')
    }

    It 'cmdkey /delete takes the bare target name (its usage text) or the name as /list shows it; an unknown one is "Element not found", exit 1' {
        $usage = @(Get-Content -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath 'captures/cmdkey-usage.en-US.txt') -Encoding UTF8)
        $usage | Should -Contain '     cmdkey /delete:targetname'
        $credentials = @(@{ target = 'Domain:target=TERMSRV/srv01'; type = 'Domain Password'; user = 'a' }, @{ target = 'LegacyGeneric:target=TERMSRV/srv02'; type = 'Generic'; user = 'b' })
        Use-Machine @{ registry = @{}; credentials = $credentials }
        $null = cmdkey.exe '/delete:TERMSRV/srv01'
        $LASTEXITCODE | Should -Be 0
        $null = cmdkey.exe '/delete:LegacyGeneric:target=TERMSRV/srv02'
        $LASTEXITCODE | Should -Be 0
        @(cmdkey.exe '/delete:TERMSRV/srv03') | Should -Contain 'CMDKEY: Element not found.'
        $LASTEXITCODE | Should -Be 1
        @(cmdkey.exe /list) | Should -Contain '* NONE *'
    }

    It 'TermService starting without its self-signed certificate makes a new one and points the listener at it' {
        Use-Machine @{ registry = @{}; computerSystem = @{ name = 'SRV01' }; services = @{ TermService = @{ status = 'Stopped'; startType = 'Manual'; account = 'NT Authority\NetworkService' } }; certificates = @{ 'LocalMachine\Remote Desktop' = @() }; tsGeneralSetting = @{ SSLCertificateSHA1Hash = ''; SSLCertificateSHA1HashType = 1 } }
        Start-Service -Name 'TermService'
        $certificate = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop')[0]
        $certificate | Should -BeOfType [System.Security.Cryptography.X509Certificates.X509Certificate2]
        $certificate.Subject | Should -Be 'CN=SRV01'
        (Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting').SSLCertificateSHA1Hash | Should -Be $certificate.Thumbprint
    }
    It 'Win32_TSGeneralSetting: SSLCertificateSHA1Hash of a certificate in My is set (hash type 3, custom); one of no certificate is WMI''s Invalid parameter and changes nothing' {
        Use-Machine @{ registry = @{}; certificates = @{ 'LocalMachine\My' = @(@{ id = 'mine'; subject = 'CN=srv01.corp.example'; notBefore = '2026-01-01T00:00:00Z'; notAfter = '2027-01-01T00:00:00Z'; hasPrivateKey = $true }); 'LocalMachine\Remote Desktop' = @() }; tsGeneralSetting = @{ SSLCertificateSHA1Hash = ''; SSLCertificateSHA1HashType = 1 } }
        $setting = Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting' -Filter "TerminalName='RDP-tcp'"
        $mine = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My')[0].Thumbprint
        { Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = 'F' * 40 } -ErrorAction Stop } | Should -Throw -ExpectedMessage 'Invalid parameter*'
        (Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting').SSLCertificateSHA1Hash | Should -Be ''
        $null = Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $mine } -ErrorAction Stop
        $after = Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting'
        $after.SSLCertificateSHA1Hash | Should -Be $mine
        $after.SSLCertificateSHA1HashType | Should -Be 3
        Set-FakeElevation -Elevated $false
        { Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $mine } -ErrorAction Stop } | Should -Throw
    }

    It 'certutil -store names the key file of a CNG key (Crypto\Keys) as Microsoft''s pages show it; a missing file is "Missing stored keyset"; an unknown thumbprint fails with NTE_NOT_FOUND' {
        $unique = '0123456789abcdef0123456789abcdef_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d'
        Use-Machine @{ registry = @{}; files = @{ "ProgramData/Microsoft/Crypto/Keys/$unique" = @{ text = 'key' } }; certificates = @{ 'LocalMachine\My' = @(@{ id = 'mine'; subject = 'CN=srv01'; notBefore = '2026-01-01T00:00:00Z'; notAfter = '2027-01-01T00:00:00Z'; hasPrivateKey = $true; key = @{ provider = 'Microsoft Software Key Storage Provider'; container = 'te-RDP-1'; uniqueName = $unique } }) } }
        $thumbprint = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My')[0].Thumbprint
        $text = @(certutil.exe -store My $thumbprint)
        $LASTEXITCODE | Should -Be 0
        $text | Should -Contain "  Unique container name: $unique"
        $text | Should -Contain '  Provider = Microsoft Software Key Storage Provider'
        Remove-Item -LiteralPath (Join-Path -Path $env:ProgramData -ChildPath "Microsoft/Crypto/Keys/$unique") -Force
        $missing = @(certutil.exe -store My $thumbprint)
        $missing | Should -Contain 'Missing stored keyset'
        ($missing -match 'Unique container name') | Should -BeNullOrEmpty
        $null = certutil.exe -store My ('F' * 40)
        $LASTEXITCODE | Should -Be -2146893807
    }
}
