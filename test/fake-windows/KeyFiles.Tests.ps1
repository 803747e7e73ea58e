# Pester 5: the fake's model of the Remote Desktop certificate's key file (container TSSecKeySet1)
# and of the tools that act on it. The sources are beside each behaviour in Certificates.ps1 and
# Acl.ps1.
BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'FakeWindows.psm1') -Force
    $script:Dir = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('fakekeys-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:Dir
    $script:Guid = '11111111-2222-3333-4444-555555555555'
    $script:KeyFile = "ProgramData/Microsoft/Crypto/RSA/MachineKeys/f686aace6942fb7f7ceb231212eef4a4_$($script:Guid)"
    $script:Full = 0x1F01FF
    function New-Ace { param([string]$Sid, [int]$Rights, [string]$Type = 'Allow') @{ sid = $Sid; type = $Type; rights = $Rights; inherited = $false } }
    # A server whose listener uses the certificate Windows made; $KeyAces: its key file's entries.
    function Use-Server {
        param([object[]]$KeyAces, [int]$ExpiresInDays = 100, [hashtable]$ExtraFiles = @{})
        $files = @{ $script:KeyFile = @{ text = 'RSA key container'; acl = @{ owner = 'S-1-5-18'; aces = $KeyAces } } }
        foreach ($name in $ExtraFiles.Keys) { $files[$name] = $ExtraFiles[$name] }
        $state = @{
            registry         = @{ 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography' = @{ MachineGuid = @{ type = 'String'; value = $script:Guid } } }
            services         = @{ TermService = @{ status = 'Stopped'; startType = 'Manual'; account = 'NT Authority\NetworkService' } }
            certificates     = @{ 'LocalMachine\Remote Desktop' = @(@{ id = 'rdp'; subject = 'CN=SRV'; exportable = $false; notBefore = [datetime]::UtcNow.AddDays(-200).ToString('o'); notAfter = [datetime]::UtcNow.AddDays($ExpiresInDays).ToString('o') }) }
            tsGeneralSetting = @{ SSLCertificateSHA1Hash = '@rdp'; SSLCertificateSHA1HashType = 1 }
            files            = $files
            events           = @{ System = @{ enabled = $true; records = @() } }
        }
        $path = Join-Path -Path $script:Dir -ChildPath ([guid]::NewGuid().ToString() + '.json')
        $script:Root = Join-Path -Path $script:Dir -ChildPath ([guid]::NewGuid().ToString())
        $null = New-Item -ItemType Directory -Path $script:Root
        Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $state -Depth 20)
        Use-FakeMachine -Path $path -Root $script:Root
    }
    $script:Locked = @((New-Ace 'S-1-5-18' $script:Full), (New-Ace 'S-1-5-32-544' $script:Full))
    $script:Readable = @((New-Ace 'S-1-5-18' $script:Full), (New-Ace 'S-1-5-32-544' $script:Full), (New-Ace 'S-1-5-20' 0x120089))
    function Get-RcmEvents {
        @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; Id = 1057, 1058 } -ErrorAction SilentlyContinue)
    }
}

Describe 'FakeWindows: the Remote Desktop key file' {
    BeforeEach { Set-FakeElevation -Elevated $true }

    It 'TermService start, expired certificate, key file NETWORK SERVICE may not read: no new certificate, event 1058 (Access is denied)' {
        Use-Server -KeyAces $script:Locked -ExpiresInDays -20
        $old = (Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting').SSLCertificateSHA1Hash
        Start-Service -Name 'TermService'
        (Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting').SSLCertificateSHA1Hash | Should -Be $old
        $events = Get-RcmEvents
        $events.Id | Should -Be @(1058)
        $events[0].Message | Should -Match 'failed to replace the expired self signed certificate .* Access is denied\.$'
    }

    It 'TermService start, no certificate, key file NETWORK SERVICE may not read: event 1057 (Keyset does not exist), still none' {
        Use-Server -KeyAces $script:Locked
        $thumbprint = (Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop').Thumbprint
        Remove-Item -LiteralPath "Cert:\LocalMachine\Remote Desktop\$thumbprint"
        Start-Service -Name 'TermService'
        @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop').Count | Should -Be 0
        (Get-RcmEvents).Id | Should -Be @(1057)
    }

    It 'Remove-Item -DeleteKey removes the key file with the certificate; TermService then makes a new key and certificate' {
        Use-Server -KeyAces $script:Locked
        $thumbprint = (Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop').Thumbprint
        Remove-Item -LiteralPath "Cert:\LocalMachine\Remote Desktop\$thumbprint" -DeleteKey
        Test-Path -LiteralPath (Join-Path -Path $script:Root -ChildPath $script:KeyFile) | Should -BeFalse
        Start-Service -Name 'TermService'
        @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop').Count | Should -Be 1
        Test-Path -LiteralPath (Join-Path -Path $script:Root -ChildPath $script:KeyFile) | Should -BeTrue
        $rules = @((Get-Acl -LiteralPath (Join-Path -Path $script:Root -ChildPath $script:KeyFile)).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))
        ($rules | Where-Object -FilterScript { $_.IdentityReference.Value -eq 'S-1-5-20' }).FileSystemRights | Should -Be 0x120089
        @(Get-RcmEvents).Count | Should -Be 0
    }

    It 'icacls follows a junction to its target unless /L, which acts on the link itself' {
        $folder = 'ProgramData/Target'
        Use-Server -KeyAces $script:Readable -ExtraFiles @{
            "$folder/a.txt" = @{ text = 'a' }
            $folder         = @{ acl = @{ owner = 'S-1-5-18'; aces = @((New-Ace 'S-1-5-32-544' $script:Full)) } }
            'ProgramData/Link' = @{ acl = @{ owner = 'S-1-5-18'; aces = @((New-Ace 'S-1-5-32-544' $script:Full)) } }
        }
        $null = Microsoft.PowerShell.Management\New-Item -ItemType SymbolicLink -Path (Join-Path -Path $script:Root -ChildPath 'ProgramData/Link') -Target (Join-Path -Path $script:Root -ChildPath $folder)
        $null = icacls.exe 'C:\ProgramData\Link' /L /grant '*S-1-5-20:(R)'
        @((Get-Acl -LiteralPath (Join-Path -Path $script:Root -ChildPath 'ProgramData/Link')).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])).Count | Should -Be 2
        @((Get-Acl -LiteralPath (Join-Path -Path $script:Root -ChildPath $folder)).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])).Count | Should -Be 1
        $null = icacls.exe 'C:\ProgramData\Link' /grant '*S-1-5-11:(R)'
        @((Get-Acl -LiteralPath (Join-Path -Path $script:Root -ChildPath $folder)).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])).IdentityReference.Value | Should -Contain 'S-1-5-11'
    }

    It 'a key file with only SYSTEM on it (the internal-error article): administrators may not read its owner or entries, nor save or change them' {
        Use-Server -KeyAces @((New-Ace 'S-1-5-18' $script:Full))
        $path = Join-Path -Path $script:Root -ChildPath $script:KeyFile
        { Get-Acl -LiteralPath $path } | Should -Throw -ExceptionType ([System.UnauthorizedAccessException])
        @(icacls.exe $path /L /grant '*S-1-5-20:(R)')[0] | Should -Match 'Access is denied\.$'
        $LASTEXITCODE | Should -Be 5
        $null = icacls.exe $path /save (Join-Path -Path $script:Root -ChildPath 'acl.txt') /L
        $LASTEXITCODE | Should -Be 5
    }

    It 'icacls /setowner: an elevated administrator makes Administrators the owner, may then read and change the entries, and may give the file back to SYSTEM' {
        Use-Server -KeyAces @((New-Ace 'S-1-5-18' $script:Full))
        $path = Join-Path -Path $script:Root -ChildPath $script:KeyFile
        $null = icacls.exe $path /setowner '*S-1-5-32-544' /L
        $LASTEXITCODE | Should -Be 0
        (Get-Acl -LiteralPath $path).GetOwner([System.Security.Principal.SecurityIdentifier]).Value | Should -Be 'S-1-5-32-544'
        $null = icacls.exe $path /L /grant '*S-1-5-20:(R)'
        $LASTEXITCODE | Should -Be 0
        $null = icacls.exe $path /setowner '*S-1-5-18' /L
        $LASTEXITCODE | Should -Be 0
        # SYSTEM owns it again and Administrators have no entry: shut out once more.
        { Get-Acl -LiteralPath $path } | Should -Throw -ExceptionType ([System.UnauthorizedAccessException])
    }

    It 'icacls /setowner as a standard user (or an administrator not elevated): Access is denied, the owner stays' {
        Use-Server -KeyAces @((New-Ace 'S-1-5-18' $script:Full))
        Set-FakeElevation -Elevated $false
        $path = Join-Path -Path $script:Root -ChildPath $script:KeyFile
        $null = icacls.exe $path /setowner '*S-1-5-32-544' /L
        $LASTEXITCODE | Should -Be 5
        Set-FakeElevation -Elevated $true
        $null = icacls.exe $path /setowner '*S-1-5-32-544' /L
        (Get-Acl -LiteralPath $path).GetOwner([System.Security.Principal.SecurityIdentifier]).Value | Should -Be 'S-1-5-32-544'
    }

    It 'whoami /groups: Administrators enabled and the High label only when elevated' {
        Use-Server -KeyAces $script:Readable
        $elevated = @(whoami.exe /groups /fo csv /nh | ConvertFrom-Csv -Header 'name', 'type', 'sid', 'attributes')
        $elevated.sid | Should -Contain 'S-1-5-32-544'
        $elevated.sid | Should -Contain 'S-1-16-12288'
        Set-FakeElevation -Elevated $false
        $filtered = @(whoami.exe /groups /fo csv /nh | ConvertFrom-Csv -Header 'name', 'type', 'sid', 'attributes')
        ($filtered | Where-Object -FilterScript { $_.sid -eq 'S-1-5-32-544' }).attributes | Should -Be 'Group used for deny only'
        $filtered.sid | Should -Contain 'S-1-16-8192'
        $filtered.sid | Should -Not -Contain 'S-1-16-12288'
    }

    It 'fsutil file queryFileID: administrators only; a file made anew under the same name has another id' {
        Use-Server -KeyAces $script:Readable
        $path = "C:\$($script:KeyFile)"
        $first = fsutil.exe file queryFileID $path
        $first | Should -Match '^File ID is 0x[0-9a-f]{32}$'
        $full = Join-Path -Path $script:Root -ChildPath $script:KeyFile
        [System.IO.File]::WriteAllText("$full.new", 'RSA key container')
        Microsoft.PowerShell.Management\Remove-Item -LiteralPath $full
        [System.IO.File]::Move("$full.new", $full)
        fsutil.exe file queryFileID $path | Should -Not -Be $first
        Set-FakeElevation -Elevated $false
        fsutil.exe file queryFileID $path | Should -Match 'requires that you have administrative privileges'
        $LASTEXITCODE | Should -Be 1
    }
}
