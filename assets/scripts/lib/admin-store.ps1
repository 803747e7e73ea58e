# The administrator helper's own store: where backups of administrator fixes live, how their
# paths are derived, and the check that the scripts it runs are the ones that were shipped.
# Nothing here takes a path from the app: every path is built from the store's fixed location,
# a backup id (a GUID) and fixed file names. Windows PowerShell 5.1 syntax; runs on 7 too.
# The operating-system calls (ACLs, file modes) are in lib\windows-calls.ps1, loaded here.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'windows-calls.ps1')

# The journal's entry ids are crypto.randomUUID() values: lower-case GUIDs, nothing else.
$BackupIdPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
$BackupRecordName = 'backup-record.json'
$ScriptManifestName = 'scripts.sha256.json'
# Fields of a stored backup that name a file inside the backup folder (reg export, icacls /save
# output, exported certificate, saved Default.rdp): each must stay inside that folder.
$BackupFileFields = @('exportPath', 'aclFile', 'backupPath')

function Test-IsWindows {
    return ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT)
}

# %ProgramData%\RDP Doctor on Windows. Anywhere else only the tests run the helper; they name a
# folder of their own in RDP_DOCTOR_TEST_ADMIN_STORE. On Windows that variable is never read, so
# no caller can move the store.
function Get-AdminStoreRoot {
    if (Test-IsWindows) {
        return Join-Path -Path ([System.Environment]::GetFolderPath('CommonApplicationData')) -ChildPath 'RDP Doctor'
    }
    $testRoot = [System.Environment]::GetEnvironmentVariable('RDP_DOCTOR_TEST_ADMIN_STORE')
    if ([string]::IsNullOrEmpty($testRoot)) { throw 'The administrator store has no location on this system.' }
    return $testRoot
}

# A junction or symbolic link anywhere in a path lets whoever made it point the folder elsewhere
# (.NET reports both, and Unix symbolic links, as ReparsePoint). Checks the path and each existing
# parent up to, and including, $Root.
function Assert-NoLinkInPath {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Root)
    $rootFull = [System.IO.Path]::GetFullPath($Root)
    $current = [System.IO.Path]::GetFullPath($Path)
    while ($true) {
        if (Test-Path -LiteralPath $current) {
            $item = Get-Item -LiteralPath $current -Force
            if (($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -ne 0) {
                throw ('Refused: {0} is a link (a junction or symbolic link), so it could lead anywhere. Nothing was run.' -f $current)
            }
        }
        if ($current.Length -le $rootFull.Length) { break }
        $current = [System.IO.Path]::GetDirectoryName($current)
        if ($null -eq $current) { break }
    }
}

function Test-IsInheritOnly {
    param([Parameter(Mandatory = $true)]$Rule)
    if ($Rule -is [System.Collections.IDictionary]) { return ($Rule['inheritOnly'] -eq $true) }
    $property = $Rule.PSObject.Properties['inheritOnly']
    return ($null -ne $property -and $property.Value -eq $true)
}

# Returns why an item's owner and access entries let someone other than an administrator change
# it, or $null. Pure decision over ACE facts (sid, type, rights as a number, inheritOnly), so the
# tests can give it the entries Windows reports; Get-AclFacts reads them on Windows.
function Get-AclRefusal {
    param(
        [Parameter(Mandatory = $true)][string]$OwnerSid,
        [AllowEmptyCollection()][Parameter(Mandatory = $true)][object[]]$Rules
    )
    # SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller.
    $trusted = @('S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464')
    if ($trusted -notcontains $OwnerSid) { return ('it is owned by {0}, not by SYSTEM or Administrators' -f $OwnerSid) }
    # WriteData/AddFile 0x2, AppendData/AddSubdirectory 0x4, WriteExtendedAttributes 0x10,
    # DeleteSubdirectoriesAndFiles 0x40, WriteAttributes 0x100, Delete 0x10000, ChangePermissions
    # 0x40000, TakeOwnership 0x80000, GENERIC_ALL 0x10000000, GENERIC_WRITE 0x40000000
    # (learn.microsoft.com: FileSystemRights enum; "File Security and Access Rights").
    $writeMask = 0x2 -bor 0x4 -bor 0x10 -bor 0x40 -bor 0x100 -bor 0x10000 -bor 0x40000 -bor 0x80000 -bor 0x10000000 -bor 0x40000000
    foreach ($rule in $Rules) {
        if ([string]$rule.type -ne 'Allow') { continue }
        # An inherit-only entry grants nothing on the item itself; %ProgramFiles% hands one down to
        # every install folder (CREATOR OWNER, S-1-3-0), which stands for the (trusted) owner.
        if ((Test-IsInheritOnly -Rule $rule)) { continue }
        if ($trusted -contains [string]$rule.sid -or [string]$rule.sid -eq 'S-1-3-0') { continue }
        if (([int64]$rule.rights -band $writeMask) -ne 0) {
            return ('it lets {0} change it' -f $rule.sid)
        }
    }
    return $null
}

# Refuses a folder or file that someone other than an administrator could change: on Windows by
# its owner and DACL, elsewhere by its owner and mode (no group or other write).
function Assert-AdminOnlyPath {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$What)
    if (Test-IsWindows) {
        $facts = Get-AclFacts -Path $Path
        $refusal = Get-AclRefusal -OwnerSid $facts.owner -Rules $facts.rules
    } else {
        $refusal = Get-UnixModeRefusal -Path $Path
    }
    if ($null -ne $refusal) {
        throw ('Refused: {0} ({1}) can be changed by someone who is not an administrator: {2}. Nothing was run.' -f $What, $Path, $refusal)
    }
}

# The store's root, created admin-only if missing. A folder someone else made first (a standard
# user may create folders in %ProgramData%) is refused, never adopted.
function Initialize-AdminStore {
    $root = Get-AdminStoreRoot
    $parent = [System.IO.Path]::GetDirectoryName([System.IO.Path]::GetFullPath($root))
    Assert-NoLinkInPath -Path $root -Root $parent
    if (-not (Test-Path -LiteralPath $root)) { New-AdminOnlyFolder -Path $root }
    try {
        Assert-AdminOnlyPath -Path $root -What 'RDP Doctor''s administrator folder'
    } catch {
        # Made by someone else, or by an older RDP Doctor with the default permissions: it cannot
        # be told apart from a planted one, so it is not used, and the user is told what to do.
        throw ('{0} An administrator can rename it (its backups stay readable there); RDP Doctor then makes a new one that only administrators can change.' -f $_.Exception.Message)
    }
    $backups = Join-Path -Path $root -ChildPath 'backups'
    if (-not (Test-Path -LiteralPath $backups)) { $null = New-Item -ItemType Directory -Path $backups }
    Assert-NoLinkInPath -Path $backups -Root $root
    return $root
}

# The one folder a change's backup lives in: <store>\backups\<backup id>.
function Get-BackupFolder {
    param([Parameter(Mandatory = $true)][string]$StoreRoot, [AllowEmptyString()][Parameter(Mandatory = $true)][string]$BackupId)
    if ($BackupId -cnotmatch $BackupIdPattern) {
        throw 'Refused: the backup id is not a GUID. The helper builds every backup path itself. Nothing was run.'
    }
    $folder = Join-Path -Path (Join-Path -Path $StoreRoot -ChildPath 'backups') -ChildPath $BackupId
    Assert-NoLinkInPath -Path $folder -Root $StoreRoot
    return $folder
}

# The backup a backup script made, as the helper saved it; $null when there is none.
function Read-BackupRecord {
    param([Parameter(Mandatory = $true)][string]$Folder)
    $path = Join-Path -Path $Folder -ChildPath $BackupRecordName
    if (-not (Test-Path -LiteralPath $path)) { return $null }
    Assert-NoLinkInPath -Path $path -Root $Folder
    return ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($path))
}

function Write-BackupRecord {
    param(
        [Parameter(Mandatory = $true)][string]$Folder,
        [Parameter(Mandatory = $true)][string]$BackupScript,
        [AllowNull()]$Facts
    )
    $record = @{ backupScript = $BackupScript; facts = $Facts; madeAt = (Format-IsoDate -Date (Get-Date)) }
    $json = ConvertTo-Json -InputObject $record -Depth 20 -Compress
    [System.IO.File]::WriteAllText((Join-Path -Path $Folder -ChildPath $BackupRecordName), $json, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))
}

# Every file a stored backup names must be inside its own folder (defence in depth: the record
# was written by the helper, in a folder only administrators can change).
function Assert-BackupFilesInside {
    param([Parameter(Mandatory = $true)][string]$Folder, [AllowNull()]$Value)
    if ($null -eq $Value) { return }
    if ($Value -is [System.Array]) {
        foreach ($item in $Value) { Assert-BackupFilesInside -Folder $Folder -Value $item }
        return
    }
    if ($Value -isnot [System.Management.Automation.PSCustomObject]) { return }
    $inside = [System.IO.Path]::GetFullPath($Folder).TrimEnd([System.IO.Path]::DirectorySeparatorChar) + [System.IO.Path]::DirectorySeparatorChar
    foreach ($property in $Value.PSObject.Properties) {
        if ($BackupFileFields -contains $property.Name -and $null -ne $property.Value) {
            $full = [System.IO.Path]::GetFullPath([string]$property.Value)
            if (-not $full.StartsWith($inside, [System.StringComparison]::OrdinalIgnoreCase)) {
                throw ('Refused: the backup names {0}, which is outside its own backup folder. Nothing was run.' -f $property.Value)
            }
            Assert-NoLinkInPath -Path $full -Root $Folder
        } else {
            Assert-BackupFilesInside -Folder $Folder -Value $property.Value
        }
    }
}

function Get-Sha256Hex {
    param([Parameter(Mandatory = $true)][string]$Path)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $bytes = $sha.ComputeHash([System.IO.File]::ReadAllBytes($Path))
    } finally {
        $sha.Dispose()
    }
    return (-join ($bytes | ForEach-Object -Process { $_.ToString('x2') }))
}

# The manifest the build wrote beside the scripts: relative path (with /) -> SHA-256 hex.
function Read-ScriptManifest {
    param([Parameter(Mandatory = $true)][string]$ScriptsFolder)
    $path = Join-Path -Path $ScriptsFolder -ChildPath $ScriptManifestName
    if (-not (Test-Path -LiteralPath $path)) {
        throw ('Refused: {0} is missing beside the scripts, so they cannot be checked. Fixes that need an administrator run only from an installed copy of RDP Doctor. Nothing was run.' -f $ScriptManifestName)
    }
    $manifest = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($path))
    $files = @{}
    foreach ($property in $manifest.files.PSObject.Properties) { $files[$property.Name] = [string]$property.Value }
    return $files
}

# Refuses a script, or a library the scripts dot-source, whose SHA-256 is not the manifest's or
# that someone other than an administrator could change.
function Assert-ScriptsMatchManifest {
    param(
        [Parameter(Mandatory = $true)][string]$ScriptsFolder,
        [Parameter(Mandatory = $true)][hashtable]$Manifest,
        [Parameter(Mandatory = $true)][string[]]$RelativePaths
    )
    foreach ($relative in $RelativePaths) {
        if (-not $Manifest.ContainsKey($relative)) {
            throw ('Refused: {0} is not in the script manifest. Nothing was run.' -f $relative)
        }
        $path = Join-Path -Path $ScriptsFolder -ChildPath ($relative -replace '/', [string][System.IO.Path]::DirectorySeparatorChar)
        if (-not (Test-Path -LiteralPath $path)) { throw ('Refused: {0} is missing. Nothing was run.' -f $relative) }
        # A file others may write could change between this check and PowerShell reading it.
        Assert-AdminOnlyPath -Path $path -What $relative
        $actual = Get-Sha256Hex -Path $path
        if ($actual -ne $Manifest[$relative]) {
            throw ('Refused: {0} was changed after it was installed (its SHA-256 does not match the manifest). Nothing was run; reinstall RDP Doctor.' -f $relative)
        }
    }
}

# The libraries every script dot-sources: all of lib\ as the manifest lists it.
function Get-ManifestLibraries {
    param([Parameter(Mandatory = $true)][hashtable]$Manifest)
    return @($Manifest.Keys | Where-Object -FilterScript { $_ -like 'lib/*' } | Sort-Object)
}

# A server reached over PowerShell remoting (invoke-remote.ps1 runs this before the script): the
# app names the backup folder <ProgramData>\RDP Doctor\backups\<journal id>. It must be exactly
# that, in a store only administrators can change, and a backup may name files only inside the
# store's backups: another user of the server cannot redirect or replace them.
function Assert-RemoteBackupArguments {
    param([Parameter(Mandatory = $true)][string]$EncodedArgs)
    $given = ConvertFrom-EncodedArgs -Value $EncodedArgs
    if ($given -isnot [System.Management.Automation.PSCustomObject]) { return }
    $backupDir = $given.PSObject.Properties['backupDir']
    $backup = $given.PSObject.Properties['backup']
    if ($null -eq $backupDir -and $null -eq $backup) { return }
    $store = Initialize-AdminStore
    if ($null -ne $backupDir) {
        $named = [string]$backupDir.Value
        $expected = Get-BackupFolder -StoreRoot $store -BackupId (Split-Path -Path $named -Leaf)
        if ([System.IO.Path]::GetFullPath($named) -ne [System.IO.Path]::GetFullPath($expected)) {
            throw ('Refused: backups go to {0}, not {1}. Nothing was run.' -f $expected, $named)
        }
    }
    if ($null -ne $backup) { Assert-BackupFilesInside -Folder (Join-Path -Path $store -ChildPath 'backups') -Value $backup.Value }
}
