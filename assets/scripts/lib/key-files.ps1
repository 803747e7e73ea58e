# The listener certificate's private key file: where it is, what it is, and the checks that keep
# an administrator from changing a file someone planted.
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
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$RdpKeyContainer = 'TSSecKeySet1'
$RdpKeyFilePrefix = 'f686aace6942fb7f7ceb231212eef4a4'
$MachineKeysFolder = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\RSA\MachineKeys'

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

# Where the private key of a certificate in a LocalMachine store lives, as certutil -store reads it
# from the certificate's key provider property (learn.microsoft.com: "certutil" -store; its
# output in "CA certificate renewal fails when using a KSP provider"): "Unique container name" is
# the key's file, in Crypto\Keys for the Microsoft Software Key Storage Provider (CNG) and in
# Crypto\RSA\MachineKeys for a CSP (CAPI); a smart card or TPM provider keeps no file. The labels
# are localized, so only the locale-free values are read: the file name (<32 hex>_<MachineGuid>)
# and the provider's name. Only administrators may open machine keys: anyone else gets nothing.
$script:RdpDoctorElevated = $null
function Get-StoreCertificateKeyLocation {
    param([Parameter(Mandatory = $true)][string]$StoreName, [Parameter(Mandatory = $true)][string]$Thumbprint)
    $location = @{ container = $null; provider = $null; path = $null }
    # Asked once per script: whoami is a process of its own.
    if ($null -eq $script:RdpDoctorElevated) { $script:RdpDoctorElevated = [bool](Test-ElevatedAdministrator) }
    if (-not $script:RdpDoctorElevated) { return $location }
    try {
        $text = @(Invoke-SystemTool -Name 'certutil.exe' -ArgumentList @('-store', $StoreName, $Thumbprint)) -join "`n"
    } catch {
        return $location
    }
    $container = [regex]::Match($text, '(?m)^\s*Key Container = (.+?)\s*$')
    if ($container.Success) { $location.container = $container.Groups[1].Value }
    $provider = [regex]::Match($text, '(?m)=\s*(Microsoft [^=\r\n]*Provider(?: v1\.0)?)\s*$')
    $unique = [regex]::Match($text, '\b([0-9A-Fa-f]{32}_[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\b')
    if (-not $provider.Success) { return $location }
    $name = $provider.Groups[1].Value
    if ($name -eq 'Microsoft Software Key Storage Provider') {
        $location.provider = 'CNG'
        if ($unique.Success) { $location.path = Join-Path -Path (Join-Path -Path $env:ProgramData -ChildPath 'Microsoft\Crypto\Keys') -ChildPath $unique.Groups[1].Value }
    } elseif ($name -like '*Cryptographic Provider*') {
        $location.provider = 'CAPI'
        if ($unique.Success) { $location.path = Join-Path -Path $MachineKeysFolder -ChildPath $unique.Groups[1].Value }
    } else {
        $location.provider = 'CNG'
    }
    return $location
}
