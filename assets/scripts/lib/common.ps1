# Shared by every RDP Doctor script: argument decoding and the one-JSON-object answer.
# Windows PowerShell 5.1 syntax. Values never enter script text: they arrive as base64 JSON.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function ConvertFrom-EncodedArgs {
    param([Parameter(Mandatory = $true)][string]$Value)
    $json = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($Value))
    return ConvertFrom-Json -InputObject $json
}

function Format-IsoDate {
    param([Parameter(Mandatory = $true)][datetime]$Date)
    # PowerShell 5.1 writes dates as "\/Date(...)\/"; the app reads ISO 8601.
    return $Date.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
}

function Write-Envelope {
    param([Parameter(Mandatory = $true)][hashtable]$Envelope)
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $Envelope -Depth 10 -Compress))
}

# Runs the body and prints exactly one JSON object: its facts, or the error it threw.
function Invoke-RdpDoctorScript {
    param([Parameter(Mandatory = $true)][scriptblock]$Body)
    try {
        $facts = & $Body
        Write-Envelope -Envelope @{ ok = $true; facts = $facts }
    } catch {
        Write-Envelope -Envelope @{
            ok    = $false
            error = @{ message = $_.Exception.Message; type = $_.Exception.GetType().FullName }
        }
    }
}

# The "Remote Desktop" firewall group by its resource id, so localized Windows matches too.
$RdpFirewallGroup = '@FirewallAPI.dll,-28752'
$RdpCertStore = 'Cert:\LocalMachine\Remote Desktop'

function Get-RdpListenerSetting {
    return Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting' -Filter "TerminalName='RDP-tcp'"
}

# --- This computer (the client): tools, policy DWORDs, saved Remote Desktop passwords ----------

# Runs a Windows tool from System32 (reg.exe, cmdkey.exe, icacls.exe). Each value is its own
# argument, never pasted into command text. Returns the output lines; throws with them on a
# non-zero exit code.
function Invoke-SystemTool {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string[]]$ArgumentList
    )
    # SystemDirectory is a Win32 call, not an environment variable a user could point elsewhere.
    # It is empty where there is no Windows (PowerShell 7 on Linux or macOS, the test machines):
    # there the name alone is run, which finds the test fake's function of that name.
    $toolPath = $Name
    $systemDirectory = [System.Environment]::SystemDirectory
    if ($systemDirectory) { $toolPath = Join-Path -Path $systemDirectory -ChildPath $Name }
    # Windows PowerShell 5.1 turns a tool's stderr into errors; collect them as text instead.
    $ErrorActionPreference = 'Continue'
    $output = @(& $toolPath @ArgumentList 2>&1 | ForEach-Object -Process { [string]$_ })
    $exitCode = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($exitCode -ne 0) { throw "$Name failed (exit code $exitCode): $($output -join ' ')" }
    return $output
}

# A DWORD by provider path ('Registry::HKEY_LOCAL_MACHINE\...' or 'HKLM:\...'); $null when the
# key or the value is absent.
function Get-RegistryDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name
    )
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $item = Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    return ($item.$Name -as [int])
}

# The parent of a registry provider path ('Registry::HKLM\A\B', 'HKLM:\A\B'); $null at a hive.
function Get-RegistryParentPath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $trimmed = $Path.TrimEnd('\', '/')
    $index = $trimmed.LastIndexOfAny([char[]]@('\', '/'))
    if ($index -lt 0) { return $null }
    $parent = $trimmed.Substring(0, $index)
    if ($parent -match '^(Registry::)?[^\\/]+:?$' -or $parent -match '^Registry::[^\\/]+$') { return $null }
    return $parent
}

# The outermost key of $Path that does not exist ($null when $Path exists). New-Item -Force makes
# every key from there down, so an undo must remove that whole chain, not only $Path.
function Get-MissingKeyRoot {
    param([Parameter(Mandatory = $true)][string]$Path)
    if (Test-Path -LiteralPath $Path) { return $null }
    $missing = $Path
    $parent = Get-RegistryParentPath -Path $Path
    while ($null -ne $parent -and -not (Test-Path -LiteralPath $parent)) {
        $missing = $parent
        $parent = Get-RegistryParentPath -Path $parent
    }
    return $missing
}

# Removes $Path, then each parent up to and including $Root, while the key is empty (no values,
# no subkeys): the keys a fix created, and nothing anyone has put anything into since. Returns
# what it removed, in words.
function Remove-EmptyKeyChain {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Root
    )
    $removed = New-Object -TypeName System.Collections.Generic.List[string]
    $rootLength = $Root.TrimEnd('\', '/').Length
    $current = $Path
    while ($null -ne $current -and $current.TrimEnd('\', '/').Length -ge $rootLength -and (Test-Path -LiteralPath $current)) {
        $keyItem = Get-Item -LiteralPath $current
        if ($keyItem.ValueCount -ne 0 -or $keyItem.SubKeyCount -ne 0) { break }
        Remove-Item -LiteralPath $current
        # Said as reg.exe and Registry Editor spell keys, without the provider's "Registry::".
        $removed.Add("Removed the key $($current -replace '^Registry::', '') (the fix had created it)")
        $current = Get-RegistryParentPath -Path $current
    }
    return @($removed)
}

# Saves a policy key with reg export (64-bit view) and records the DWORD's previous state, before
# a fix changes it. $Key is spelled as reg.exe spells it ('HKLM\...').
function Backup-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string]$BackupDir,
        [Parameter(Mandatory = $true)][string]$FileName
    )
    $null = New-Item -ItemType Directory -Path $BackupDir -Force
    $providerPath = "Registry::$Key"
    if (-not (Test-Path -LiteralPath $providerPath)) {
        $backup = @{ keyExisted = $false; previous = $null; exportPath = $null; missingFrom = (Get-MissingKeyRoot -Path $providerPath) }
    } else {
        $exportPath = Join-Path -Path $BackupDir -ChildPath $FileName
        $null = Invoke-SystemTool -Name 'reg.exe' -ArgumentList @('export', $Key, $exportPath, '/y', '/reg:64')
        $backup = @{ keyExisted = $true; previous = (Get-RegistryDword -Path $providerPath -Name $Name); exportPath = $exportPath }
    }
    $jsonPath = Join-Path -Path $BackupDir -ChildPath "$FileName.json"
    Set-Content -LiteralPath $jsonPath -Value (ConvertTo-Json -InputObject $backup) -Encoding UTF8
    return $backup
}

# Sets a DWORD in a policy key (creating the key if needed); returns what changed.
function Set-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][int]$Value
    )
    $providerPath = "Registry::$Key"
    if ((Get-RegistryDword -Path $providerPath -Name $Name) -eq $Value) { return @() }
    if (-not (Test-Path -LiteralPath $providerPath)) { $null = New-Item -Path $providerPath -Force }
    $null = New-ItemProperty -LiteralPath $providerPath -Name $Name -PropertyType DWord -Value $Value -Force
    return @("Set $Name = $Value in $Key")
}

# Puts a DWORD back as the backup recorded it: the previous value, or absent; a key the fix
# created is removed again once it is empty. Returns what was restored.
function Restore-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)]$Backup
    )
    $providerPath = "Registry::$Key"
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    $current = Get-RegistryDword -Path $providerPath -Name $Name
    if ($null -eq $Backup.previous) {
        if ($null -ne $current) {
            Remove-ItemProperty -LiteralPath $providerPath -Name $Name
            $restored.Add("Removed $Name from $Key (it was not set before)")
        }
    } elseif ($current -ne [int]$Backup.previous) {
        if (-not (Test-Path -LiteralPath $providerPath)) { $null = New-Item -Path $providerPath -Force }
        $null = New-ItemProperty -LiteralPath $providerPath -Name $Name -PropertyType DWord -Value ([int]$Backup.previous) -Force
        $restored.Add("Set $Name back to $($Backup.previous)")
    }
    if (-not $Backup.keyExisted) {
        # Backups from before missingFrom was recorded knew only the key itself.
        $root = $providerPath
        if ($Backup.PSObject.Properties['missingFrom'] -and $Backup.missingFrom) { $root = [string]$Backup.missingFrom }
        foreach ($line in @(Remove-EmptyKeyChain -Path $providerPath -Root $root)) { $restored.Add($line) }
    }
    return @($restored)
}

# The day an update was installed, from Win32_QuickFixEngineering's own InstalledOn string, as
# "yyyy-MM-ddT00:00:00.000Z" (Windows keeps the day only: reported as that day, not converted),
# or $null when it is blank or cannot be read for certain. Never Get-HotFix's InstalledOn
# property: Windows PowerShell 5.1 parses it with the current culture, so a blank value fails
# (Sort-Object reports it as an error: microsoft/mdefordownlevelserver#15) and a US "11/10/2026"
# becomes 11 October on a German Windows. WMI gives "M/d/yyyy" on most machines, the OS culture's
# short date on others (potatoqualitee/kbupdate#167): a day-month order that both readings allow
# and the culture writes the same way ("11/10/2026" on en-GB) is left unknown, never guessed.
function ConvertFrom-HotFixInstalledOn {
    param([AllowNull()][AllowEmptyString()][string]$Value)
    if ($null -eq $Value) { return $null }
    $text = $Value.Trim()
    $iso = [regex]::Match($text, '^(\d{4})-(\d{1,2})-(\d{1,2})$')
    $parts = [regex]::Match($text, '^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$')
    $candidates = @()
    if ($iso.Success) {
        $candidates = @(, @([int]$iso.Groups[1].Value, [int]$iso.Groups[2].Value, [int]$iso.Groups[3].Value))
    } elseif ($parts.Success) {
        $first = [int]$parts.Groups[1].Value
        $second = [int]$parts.Groups[3].Value
        $year = [int]$parts.Groups[4].Value
        $separator = $parts.Groups[2].Value
        $format = [System.Globalization.CultureInfo]::CurrentCulture.DateTimeFormat
        $dayFirst = ($format.ShortDatePattern -match '^[^A-Za-z]*d')
        if ($separator -eq '.') {
            # No culture writes a dotted date month first; WMI's own form uses slashes.
            $candidates = @(, @($year, $second, $first))
        } elseif ($dayFirst -and $separator -eq $format.DateSeparator) {
            # The culture's own d/M/yyyy and WMI's M/d/yyyy look alike: only a day > 12 tells.
            $candidates = @(@($year, $first, $second), @($year, $second, $first))
        } else {
            # WMI's M/d/yyyy, or d/M/yyyy where the first number cannot be a month.
            $candidates = @(, @($year, $first, $second))
            if ($first -gt 12) { $candidates = @(, @($year, $second, $first)) }
        }
    }
    $days = @($candidates | Where-Object -FilterScript {
            $_[1] -ge 1 -and $_[1] -le 12 -and $_[0] -ge 1601 -and $_[2] -ge 1 -and $_[2] -le [datetime]::DaysInMonth($_[0], $_[1])
        } | ForEach-Object -Process { '{0:d4}-{1:d2}-{2:d2}' -f $_[0], $_[1], $_[2] } | Select-Object -Unique)
    if ($days.Count -ne 1) { return $null }
    return $days[0] + 'T00:00:00.000Z'
}

# Every TERMSRV/* target that cmdkey /list shows. Its labels are localized ("Target:", "Ziel:",
# "Cible :"), so only the target text itself is matched: an optional "<Type>:target=" prefix,
# then TERMSRV/<name>.
function Get-TermsrvCredentialTarget {
    $found = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($line in @(Invoke-SystemTool -Name 'cmdkey.exe' -ArgumentList @('/list'))) {
        $match = [regex]::Match($line, '(?:[A-Za-z]+:target=)?TERMSRV/[A-Za-z0-9._:\[\]%-]+', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
        if ($match.Success -and -not $found.Contains($match.Value)) { $found.Add($match.Value) }
    }
    return @($found)
}

# Whether a TERMSRV target is for this host: TERMSRV/<host> or TERMSRV/<host>:<port>, any case.
function Test-TermsrvTargetForHost {
    param(
        [Parameter(Mandatory = $true)][string]$Target,
        [Parameter(Mandatory = $true)][string]$TargetHost,
        [Parameter(Mandatory = $true)][int]$Port
    )
    $index = $Target.ToUpperInvariant().IndexOf('TERMSRV/')
    if ($index -lt 0) { return $false }
    $name = $Target.Substring($index + 'TERMSRV/'.Length)
    return ($name -eq $TargetHost -or $name -eq ('{0}:{1}' -f $TargetHost, $Port))
}

# Files in the user's profile are locked while Remote Desktop Connection runs.
function Assert-RemoteDesktopClosed {
    if (Get-Process -Name 'mstsc' -ErrorAction SilentlyContinue) {
        throw 'Close every Remote Desktop Connection window first: it keeps these files open. Nothing was changed.'
    }
}

# Default.rdp (a hidden file in Documents) and the bitmap cache of the user running the script.
function Get-DefaultRdpPath {
    return Join-Path -Path ([System.Environment]::GetFolderPath('MyDocuments')) -ChildPath 'Default.rdp'
}
function Get-BitmapCachePath {
    return Join-Path -Path ([System.Environment]::GetFolderPath('LocalApplicationData')) -ChildPath 'Microsoft\Terminal Server Client\Cache'
}

# --- The remote computer (the server): registry DWORDs, tools, key files -----------------------

$TerminalServerKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
$RdpTcpKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
$TerminalServicesPolicyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
$SchannelProtocolsKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
$MachineKeysFolder = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\RSA\MachineKeys'
# The self-signed Remote Desktop certificate's key container (TSSecKeySet1) on this machine.
$RdpKeyFilePattern = '^f686aace6942fb7f7ceb231212eef4a4_[0-9a-fA-F-]+$'
# The services Remote Desktop needs, and the start type Windows ships each with.
$RdpServiceDefaults = [ordered]@{
    TermService  = 'Manual'
    UmRdpService = 'Manual'
    SessionEnv   = 'Manual'
    CertPropSvc  = 'Manual'
    KeyIso       = 'Manual'
    CryptSvc     = 'Automatic'
}
# NETWORK SERVICE itself, and the SIDs in TermService's token whose entries apply to it: Everyone,
# Authenticated Users, SERVICE, BUILTIN\Users (Authenticated Users is a member), and the service
# SID NT SERVICE\TermService (learn.microsoft.com, "Well-known SIDs"; service SIDs are
# S-1-5-80-<SHA-1 of the upper-case service name>).
$NetworkServiceSids = @('S-1-5-20', 'S-1-1-0', 'S-1-5-11', 'S-1-5-6', 'S-1-5-32-545', 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104')

# Sets a DWORD, creating the key when it is missing.
function Set-ServerDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][int]$Value
    )
    if (-not (Test-Path -LiteralPath $Path)) { $null = New-Item -Path $Path -Force }
    $null = New-ItemProperty -LiteralPath $Path -Name $Name -PropertyType DWord -Value $Value -Force
}

# Puts a DWORD back as a backup recorded it: its previous number, or absent ($null). Returns
# what it changed, in words.
function Restore-ServerDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name,
        [AllowNull()]$Previous
    )
    $current = Get-RegistryDword -Path $Path -Name $Name
    if ($null -eq $Previous) {
        if ($null -eq $current) { return @() }
        Remove-ItemProperty -LiteralPath $Path -Name $Name
        return @("Removed $Name again (it was not set before)")
    }
    if ($current -eq [int]$Previous) { return @() }
    Set-ServerDword -Path $Path -Name $Name -Value ([int]$Previous)
    return @("Set $Name back to $Previous")
}

# Writes a fix's backup as JSON into the backup folder and returns it (the backup script's facts).
function Save-ServerBackup {
    param(
        [Parameter(Mandatory = $true)][string]$BackupDir,
        [Parameter(Mandatory = $true)][string]$FileName,
        [Parameter(Mandatory = $true)][hashtable]$Backup
    )
    $null = New-Item -ItemType Directory -Path $BackupDir -Force
    $path = Join-Path -Path $BackupDir -ChildPath $FileName
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $Backup -Depth 6) -Encoding UTF8
    return $Backup
}

# Whether FileSystemRights (as a number) include reading the data: ReadData, GENERIC_READ (the
# sign bit) or GENERIC_ALL (268435456).
function Test-RightsGrantRead {
    param([Parameter(Mandatory = $true)][int]$Rights)
    return ((($Rights -band 1) -ne 0) -or ($Rights -lt 0) -or (($Rights -band 268435456) -ne 0))
}

# A file's access entries by SID: sid, Allow/Deny, rights as a number, inherited.
function Get-FileAceFacts {
    param([Parameter(Mandatory = $true)][string]$Path)
    $acl = Get-Acl -LiteralPath $Path
    return @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]) | ForEach-Object -Process {
            @{
                sid       = [string]$_.IdentityReference.Value
                type      = [string]$_.AccessControlType
                rights    = [int]$_.FileSystemRights
                inherited = [bool]$_.IsInherited
            }
        })
}

# Whether NETWORK SERVICE may read a file: an allow entry that applies to it, and no deny.
function Test-NetworkServiceCanRead {
    param([Parameter(Mandatory = $true)][string]$Path)
    $applies = @(Get-FileAceFacts -Path $Path | Where-Object -FilterScript {
            ($NetworkServiceSids -contains $_.sid) -and (Test-RightsGrantRead -Rights $_.rights)
        })
    $allowed = @($applies | Where-Object -FilterScript { $_.type -eq 'Allow' }).Count -gt 0
    $denied = @($applies | Where-Object -FilterScript { $_.type -eq 'Deny' }).Count -gt 0
    return ($allowed -and -not $denied)
}

# The file holding a certificate's private key: MachineKeys for CSP keys, Crypto\Keys for CNG
# keys; $null when there is none or it cannot be opened by whoever runs the check.
function Get-CertificateKeyFile {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    if (-not $Certificate.HasPrivateKey) { return $null }
    try {
        $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate)
    } catch {
        return $null
    }
    if ($null -eq $key) { return $null }
    $name = $null
    $folder = $MachineKeysFolder
    if ($key -is [System.Security.Cryptography.RSACng]) {
        $name = $key.Key.UniqueName
        $folder = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\Keys'
    } elseif ($key -is [System.Security.Cryptography.RSACryptoServiceProvider]) {
        $name = $key.CspKeyContainerInfo.UniqueKeyContainerName
    }
    if (-not $name) { return $null }
    foreach ($candidate in @((Join-Path -Path $folder -ChildPath $name), (Join-Path -Path $MachineKeysFolder -ChildPath $name))) {
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    return $null
}

# A certificate as the certificate check reports it.
function ConvertTo-RdpCertificateFacts {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    $keyFile = Get-CertificateKeyFile -Certificate $Certificate
    $readable = $null
    if ($keyFile) {
        try { $readable = Test-NetworkServiceCanRead -Path $keyFile } catch { $readable = $null }
    }
    return @{
        thumbprint    = ([string]$Certificate.Thumbprint).ToUpperInvariant()
        subject       = [string]$Certificate.Subject
        notBefore     = Format-IsoDate -Date $Certificate.NotBefore
        notAfter      = Format-IsoDate -Date $Certificate.NotAfter
        hasPrivateKey = [bool]$Certificate.HasPrivateKey
        keyReadable   = $readable
        keyFile       = $keyFile
    }
}

# The Remote Desktop key files in MachineKeys (that container only, never the whole folder).
function Get-RdpKeyFile {
    return @(Get-ChildItem -LiteralPath $MachineKeysFolder -Force | Where-Object -FilterScript { $_.Name -match $RdpKeyFilePattern })
}

# Refuses any path but a Remote Desktop key file directly in MachineKeys.
function Assert-RdpKeyFilePath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $parent = Split-Path -Path $Path -Parent
    $leaf = Split-Path -Path $Path -Leaf
    if ($parent -ne $MachineKeysFolder -or $leaf -notmatch $RdpKeyFilePattern) {
        throw ('Refusing to touch {0}: only the Remote Desktop key file in MachineKeys may be changed.' -f $Path)
    }
    return $leaf
}

# A value a group policy sets is reported, never overwritten: fixes stop here instead.
function Assert-NotSetByPolicy {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string[]]$Name
    )
    foreach ($valueName in $Name) {
        if ($null -ne (Get-RegistryDword -Path $Path -Name $valueName)) {
            throw ('A group policy sets {0} ({1}); RDP Doctor does not change policy values. Nothing was changed.' -f $valueName, $Path)
        }
    }
}

# The RDP-over-WebSocket rules of the "Remote Desktop" group (off unless that is used).
function Test-RdpWebSocketRule {
    param([Parameter(Mandatory = $true)]$Rule)
    return (([string]$Rule.Name -match '-WSS?$') -or ([string]$Rule.DisplayName -match 'WSS?-In'))
}
