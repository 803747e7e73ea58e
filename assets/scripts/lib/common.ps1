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

# --- The listener certificate's private key file ---------------------------------------------
#
# The key file is found from the certificate, never by a name pattern alone: a standard user may
# create files (and folders, hence junctions) in MachineKeys (support.microsoft.com KB 278381,
# "Default permissions for the MachineKeys folders": Everyone has Create files / Create folders
# on "This folder only"), so a file that merely looks like the Remote Desktop key may be planted.
# The certificate Windows makes for Remote Desktop keeps its key in the CAPI machine container
# TSSecKeySet1, whose file in MachineKeys is f686aace6942fb7f7ceb231212eef4a4_<MachineGuid>
# (learn.microsoft.com, "Troubleshoot Azure VM RDP connection issues by Event ID", scenario 1:
# the RSA key files in MachineKeys; the first part is CAPI's hash of the container name, the
# second HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid). A key that can be opened names its
# own file (CspKeyContainerInfo.UniqueKeyContainerName for CAPI, CngKey.UniqueName for CNG).
$RdpKeyContainer = 'TSSecKeySet1'
$RdpKeyFilePrefix = 'f686aace6942fb7f7ceb231212eef4a4'
$SystemSid = 'S-1-5-18'
$AdministratorsSid = 'S-1-5-32-544'
# What an administrator changed in a key file's ACL goes only to that file: icacls /L acts on a
# link itself, never on what it points to (learn.microsoft.com, icacls: "/L Performs the
# operation on a symbolic link itself versus its target").

# HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid; $null when it cannot be read.
function Get-MachineGuid {
    $item = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name 'MachineGuid' -ErrorAction SilentlyContinue
    if ($null -eq $item -or -not $item.MachineGuid) { return $null }
    return [string]$item.MachineGuid
}

# Where a certificate's private key lives, read from the certificate: { container, provider
# ('CAPI' / 'CNG' / $null), path ($null when it cannot be told) }. $MadeByWindows: the listener's
# self-signed certificate in the Remote Desktop store, whose container is TSSecKeySet1 even when
# its key cannot be opened (missing, or not readable by whoever runs this).
function Get-CertificateKeyLocation {
    param(
        [Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        [bool]$MadeByWindows = $false
    )
    $location = @{ container = $null; provider = $null; path = $null }
    if (-not $Certificate.HasPrivateKey) { return $location }
    $key = $null
    try { $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate) } catch { $key = $null }
    $cngFolder = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\Keys'
    if ($key -is [System.Security.Cryptography.RSACryptoServiceProvider]) {
        $info = $key.CspKeyContainerInfo
        $location.container = [string]$info.KeyContainerName
        $location.provider = 'CAPI'
        $location.path = Join-Path -Path $MachineKeysFolder -ChildPath ([string]$info.UniqueKeyContainerName)
        return $location
    }
    if ($key -is [System.Security.Cryptography.RSACng]) {
        # Only the software key storage provider keeps a machine key as a file (in Crypto\Keys);
        # a smart card or TPM provider has none to check.
        $location.container = [string]$key.Key.KeyName
        $location.provider = 'CNG'
        if ([string]$key.Key.Provider.Provider -eq 'Microsoft Software Key Storage Provider') {
            $location.path = Join-Path -Path $cngFolder -ChildPath ([string]$key.Key.UniqueName)
            return $location
        }
        # A CAPI key that .NET opened through CNG's legacy bridge: Windows' own certificate is
        # told by its container below.
        if (-not $MadeByWindows) { return $location }
    }
    if ($MadeByWindows) { $location = Get-RdpSelfSignedKeyLocation }
    return $location
}

# Where Windows keeps the key of the Remote Desktop certificate it makes (container TSSecKeySet1),
# with or without that certificate: a key file can outlive its certificate.
function Get-RdpSelfSignedKeyLocation {
    $location = @{ container = $RdpKeyContainer; provider = 'CAPI'; path = $null }
    $guid = Get-MachineGuid
    if ($guid) { $location.path = Join-Path -Path $MachineKeysFolder -ChildPath ('{0}_{1}' -f $RdpKeyFilePrefix, $guid) }
    return $location
}

# What a key file is: { exists, regularFile, ownerSid, ownerTrusted, networkServiceCanRead }.
# A regular file is a file, not a folder, and no reparse point (junction or symbolic link);
# owned by SYSTEM or Administrators, as Windows makes it. Nothing is read through a link.
function Get-KeyFileState {
    param([Parameter(Mandatory = $true)][string]$Path)
    $state = @{ exists = $false; regularFile = $null; ownerSid = $null; ownerTrusted = $null; networkServiceCanRead = $null }
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $state }
    $state.exists = $true
    $reparse = (([int]$item.Attributes) -band ([int][System.IO.FileAttributes]::ReparsePoint)) -ne 0
    $state.regularFile = ($item -is [System.IO.FileInfo]) -and -not $reparse
    if (-not $state.regularFile) { return $state }
    try { $state.ownerSid = [string](Get-Acl -LiteralPath $Path).GetOwner([System.Security.Principal.SecurityIdentifier]).Value } catch { $state.ownerSid = $null }
    if ($state.ownerSid) { $state.ownerTrusted = (@($SystemSid, $AdministratorsSid) -contains $state.ownerSid) }
    try { $state.networkServiceCanRead = Test-NetworkServiceCanRead -Path $Path } catch { $state.networkServiceCanRead = $null }
    return $state
}

# The file id NTFS gives a file ("fsutil file queryFileID", learn.microsoft.com: fsutil file),
# as the hexadecimal number fsutil prints (its words around it are localized).
function Get-KeyFileId {
    param([Parameter(Mandatory = $true)][string]$Path)
    $text = (@(Invoke-SystemTool -Name 'fsutil.exe' -ArgumentList @('file', 'queryFileID', $Path)) -join ' ')
    $match = [regex]::Match($text, '0x[0-9A-Fa-f]+')
    if (-not $match.Success) { throw "fsutil did not report the file id of $Path ($text)." }
    return $match.Value.ToLowerInvariant()
}

# The listener's certificate: the configured thumbprint in the Remote Desktop or My store, and
# whether Windows made it (self-signed, SSLCertificateSHA1HashType 0/1, in Remote Desktop).
# $null when the listener names none that is there. $Setting may be $null (briefly, during a
# restart of the services, Win32_TSGeneralSetting has no RDP-Tcp instance).
function Get-RdpListenerCertificate {
    param($Setting)
    if ($null -eq $Setting -or -not $Setting.SSLCertificateSHA1Hash) { return $null }
    $thumbprint = ([string]$Setting.SSLCertificateSHA1Hash).ToUpperInvariant()
    $hashType = $null
    if ($null -ne $Setting.SSLCertificateSHA1HashType) { $hashType = [int]$Setting.SSLCertificateSHA1HashType }
    foreach ($store in @($RdpCertStore, 'Cert:\LocalMachine\My')) {
        $found = @(Get-ChildItem -LiteralPath $store | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint }) | Select-Object -First 1
        if ($null -ne $found) {
            $madeByWindows = ($store -eq $RdpCertStore) -and ($null -eq $hashType -or $hashType -le 1)
            return @{ certificate = $found; madeByWindows = $madeByWindows }
        }
    }
    return $null
}

# The key file of the listener's certificate, as the checks report it: where it is and what it is.
# -Location: a key's place known without its certificate (Get-RdpSelfSignedKeyLocation).
function Get-RdpListenerKeyFacts {
    param($Listener, $Location = $null)
    $location = $Location
    if ($null -eq $location) {
        if ($null -eq $Listener) { return $null }
        $location = Get-CertificateKeyLocation -Certificate $Listener.certificate -MadeByWindows $Listener.madeByWindows
    }
    $facts = @{ container = $location.container; provider = $location.provider; path = $location.path; exists = $null; regularFile = $null; ownerSid = $null; ownerTrusted = $null; networkServiceCanRead = $null }
    if ($location.path) {
        $state = Get-KeyFileState -Path $location.path
        foreach ($name in @($state.Keys)) { $facts[$name] = $state[$name] }
    }
    return $facts
}

# Refuses any key file an administrator must not change: it must be directly in MachineKeys (or
# Crypto\Keys), a regular file, owned by SYSTEM or Administrators, and, when $FileId is given,
# still the very file that was recorded. Returns its file id.
# -OwnerUnreadable: the file shuts administrators out (Test-FileSecurityReadable), so its owner
# cannot be read either; accepted only while that is still so (see Set-KeyFileOwner).
function Assert-TrustedKeyFile {
    param([Parameter(Mandatory = $true)][string]$Path, [string]$FileId, [switch]$OwnerUnreadable)
    $leaf = Split-Path -Path $Path -Leaf
    $parent = Split-Path -Path $Path -Parent
    $cngFolder = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\Keys'
    if (@($MachineKeysFolder, $cngFolder) -notcontains $parent) {
        throw ('Refusing to touch {0}: only a certificate key file in MachineKeys may be changed. Nothing was changed.' -f $Path)
    }
    $state = Get-KeyFileState -Path $Path
    if (-not $state.exists) { throw ('The key file {0} is not there any more. Nothing was changed.' -f $leaf) }
    if (-not $state.regularFile) {
        throw ('Refusing to change {0}: it is a folder or a link, not the key file Windows makes. Someone may have planted it; an administrator should look at it. Nothing was changed.' -f $leaf)
    }
    $unreadable = $OwnerUnreadable -and $null -eq $state.ownerSid -and -not (Test-FileSecurityReadable -Path $Path)
    if (-not $state.ownerTrusted -and -not $unreadable) {
        throw ('Refusing to change {0}: it is owned by {1}, not by SYSTEM or Administrators as the key files Windows makes are. Someone may have planted it; an administrator should look at it. Nothing was changed.' -f $leaf, $state.ownerSid)
    }
    $id = Get-KeyFileId -Path $Path
    if ($FileId -and $id -ne $FileId) {
        throw ('Refusing to change {0}: it is not the file that was backed up (its file id changed from {1} to {2}), so it was replaced since. Nothing was changed.' -f $leaf, $FileId, $id)
    }
    return $id
}

# Whether whoever runs this may read a file's security: its owner and DACL both need READ_CONTROL
# from the DACL or ownership ("To read the owner, group, or DACL ... the object's DACL must grant
# READ_CONTROL access to the caller, or the caller must be the owner of the object",
# learn.microsoft.com, GetNamedSecurityInfo). $false when Windows says unauthorized; any other
# failure is thrown.
function Test-FileSecurityReadable {
    param([Parameter(Mandatory = $true)][string]$Path)
    try {
        $null = Get-Acl -LiteralPath $Path
        return $true
    } catch {
        if ($_.Exception -is [System.UnauthorizedAccessException] -or [string]$_.CategoryInfo.Category -eq 'PermissionDenied') { return $false }
        throw
    }
}

# Whether this runs as an administrator with a full token (elevated, or a remoting session of an
# administrator): Administrators and the High or System mandatory label among its groups. Under
# UAC the filtered token keeps Administrators only "for deny only", at Medium (learn.microsoft.com:
# "whoami" /groups /fo csv /nh; "How User Account Control works"; "Mandatory Integrity Control").
# Read by SID, so a localized Windows answers the same.
function Test-ElevatedAdministrator {
    $sids = @(Invoke-SystemTool -Name 'whoami.exe' -ArgumentList @('/groups', '/fo', 'csv', '/nh') | ConvertFrom-Csv -Header 'name', 'type', 'sid', 'attributes' | ForEach-Object -Process { [string]$_.sid })
    $high = @($sids | Where-Object -FilterScript { @('S-1-16-12288', 'S-1-16-16384') -contains $_ }).Count -gt 0
    return ($high -and ($sids -contains $AdministratorsSid))
}

# Gives one key file to a new owner, never through a link (icacls /setowner /L). An elevated
# administrator may set any valid SID as owner (SeRestorePrivilege: learn.microsoft.com, "Owner of
# a New Object"), and as owner may read and change its DACL: how a file that shuts administrators
# out is repaired (learn.microsoft.com, "An internal error has occurred...": "Change the Owner to
# someone with administrative rights"). Its previous owner cannot be read beforehand (READ_CONTROL),
# so it cannot be put back then.
function Set-KeyFileOwner {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Sid)
    $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($Path, '/setowner', "*$Sid", '/L')
}

# icacls' simple rights (learn.microsoft.com, icacls): an entry is written back only when its
# rights are exactly one of these.
$IcaclsLetters = @{ 0x120089 = 'R'; 0x1200A9 = 'RX'; 0x1301BF = 'M'; 0x1F01FF = 'F' }

# Where the key-permission fix keeps the entries a key file had when administrators could read them
# only after taking ownership: beside the backup's ACL record, in the same administrators-only folder.
function Get-KeyAclBeforeFixPath {
    param([Parameter(Mandatory = $true)][string]$AclFile)
    return [System.IO.Path]::ChangeExtension($AclFile, '.before-fix.json')
}

# A certificate as the certificate check reports it; $Key: its key file facts when known.
function ConvertTo-RdpCertificateFacts {
    param(
        [Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        $Key = $null
    )
    $keyFile = $null
    $readable = $null
    if ($null -ne $Key -and $Key.exists) {
        $keyFile = $Key.path
        $readable = $Key.networkServiceCanRead
    }
    $facts = @{
        thumbprint    = ([string]$Certificate.Thumbprint).ToUpperInvariant()
        subject       = [string]$Certificate.Subject
        notBefore     = Format-IsoDate -Date $Certificate.NotBefore
        notAfter      = Format-IsoDate -Date $Certificate.NotAfter
        hasPrivateKey = [bool]$Certificate.HasPrivateKey
        keyReadable   = $readable
        keyFile       = $keyFile
    }
    if ($null -ne $Key) { $facts['key'] = $Key }
    return $facts
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
