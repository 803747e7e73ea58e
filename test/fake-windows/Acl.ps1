# File security of the files the state describes: files[<path>].acl = { owner, aces: [{ sid,
# type (Allow/Deny), rights (FileSystemRights as a number), inherited }] }. The ACL classes of
# .NET do not work off Windows, so Get-Acl answers with objects that have the members the
# scripts use (GetAccessRules, GetOwner) and the same values.

$script:ReadControl = 0x20000
$script:WriteDac = 0x40000
$script:WriteOwner = 0x80000

# The SIDs in the caller's token: the user, Everyone, Authenticated Users, Users, Interactive,
# and Administrators only when elevated (UAC filters it out of a standard token).
function Get-FakeTokenSids {
    $user = Get-FakeUser
    $sids = @([string]$user.sid, 'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-4')
    if (Test-FakeAdmin) { $sids += 'S-1-5-32-544' }
    return $sids
}

# GENERIC_READ (0x80000000) and GENERIC_ALL (0x10000000) include READ_CONTROL; GENERIC_ALL and
# GENERIC_WRITE (0x40000000) imply WRITE_DAC only for GENERIC_ALL ("File Security and Access
# Rights", learn.microsoft.com).
function Test-FakeRightsInclude {
    param([int]$Rights, [int]$Right)
    if (($Rights -band 0x10000000) -ne 0) { return $true }
    if ($Right -eq $script:ReadControl -and $Rights -lt 0) { return $true }
    return (($Rights -band $Right) -ne 0)
}

# An access check for one right: an applicable deny wins, else an allow grants; the owner always
# has READ_CONTROL and WRITE_DAC ("Ownership of objects" / "How DACLs control access to an
# object", learn.microsoft.com). Nothing else lets an administrator read a file's security: "To
# read the owner, group, or DACL from the object's security descriptor, the object's DACL must
# grant READ_CONTROL access to the caller, or the caller must be the owner of the object"
# (learn.microsoft.com, GetNamedSecurityInfo, Remarks), so on a file whose DACL names neither
# Administrators nor a group of theirs and that they do not own, Get-Acl fails for them too, the
# owner included. (SeBackupPrivilege would let a backup program open it with
# FILE_FLAG_BACKUP_SEMANTICS; Get-Acl and icacls do not.) What an administrator may still do is
# make a group of theirs the owner (below, icacls /setowner), and as owner read and change the DACL.
function Test-FakeAccess {
    param([Parameter(Mandatory = $true)]$Acl, [Parameter(Mandatory = $true)][int]$Right)
    $token = Get-FakeTokenSids
    if ($token -contains [string]$Acl.owner) { return $true }
    $applies = @($Acl.aces | Where-Object -FilterScript { $null -ne $_ -and $token -contains [string]$_.sid -and (Test-FakeRightsInclude -Rights ([int]$_.rights) -Right $Right) })
    if (@($applies | Where-Object -FilterScript { [string]$_.type -eq 'Deny' }).Count -gt 0) { return $false }
    return (@($applies | Where-Object -FilterScript { [string]$_.type -eq 'Allow' }).Count -gt 0)
}

function Get-FakeFileAcl {
    param([Parameter(Mandatory = $true)][string]$Path)
    $relative = Get-FakeRelativePath -Path $Path
    if ($null -eq $relative -or -not $script:Machine.files.Contains($relative) -or -not $script:Machine.files[$relative].Contains('acl')) {
        throw "FakeWindows: the security of $Path is not modelled."
    }
    return $script:Machine.files[$relative].acl
}

function Get-Acl {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath)
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $acl = Get-FakeFileAcl -Path $target
    if (-not (Test-FakeAccess -Acl $acl -Right $script:ReadControl)) {
        throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Attempted to perform an unauthorized operation.')
    }
    $rules = @($acl.aces | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process {
            [pscustomobject]@{
                IdentityReference = [pscustomobject]@{ Value = [string]$_.sid }
                AccessControlType = [string]$_.type
                FileSystemRights  = [int]$_.rights
                IsInherited       = [bool]$_.inherited
            }
        })
    $object = [pscustomobject]@{ Path = $target; FakeOwner = [string]$acl.owner; FakeRules = $rules }
    $object | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($Type) return [pscustomobject]@{ Value = $this.FakeOwner } }
    $object | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value {
        param($IncludeExplicit, $IncludeInherited, $TargetType)
        return @($this.FakeRules | Where-Object -FilterScript { ($_.IsInherited -and $IncludeInherited) -or (-not $_.IsInherited -and $IncludeExplicit) })
    }
    return $object
}

# whoami /groups /fo csv /nh (learn.microsoft.com, "whoami": /groups, /fo csv, /nh): one line per
# group of the caller's token, "name","type","SID","attributes". Under UAC an administrator's
# unelevated token keeps Administrators only as "Group used for deny only" and carries the Medium
# mandatory label (S-1-16-8192); the elevated token, and a remoting session of an administrator,
# carry Administrators enabled and the High label (S-1-16-12288) ("How User Account Control works",
# "Mandatory Integrity Control", learn.microsoft.com). Names and attributes are localized: only
# the SIDs are meant to be read. The user's own SID is not among its groups.
$script:FakeGroupNames = @{
    'S-1-1-0' = @('Everyone', 'Well-known group'); 'S-1-5-11' = @('NT AUTHORITY\Authenticated Users', 'Well-known group')
    'S-1-5-32-545' = @('BUILTIN\Users', 'Alias'); 'S-1-5-4' = @('NT AUTHORITY\INTERACTIVE', 'Well-known group')
    'S-1-5-32-544' = @('BUILTIN\Administrators', 'Alias')
}
function whoami.exe {
    $arguments = @($args | ForEach-Object -Process { ([string]$_).ToLowerInvariant() })
    Invoke-FakeFault -Command 'whoami.exe'
    if (($arguments -join ' ') -ne '/groups /fo csv /nh') { throw "FakeWindows: whoami $($arguments -join ' ') not modelled" }
    $user = Get-FakeUser
    foreach ($sid in @(Get-FakeTokenSids | Where-Object -FilterScript { $_ -ne [string]$user.sid })) {
        $name = $script:FakeGroupNames[$sid]
        ('"{0}","{1}","{2}","Mandatory group, Enabled by default, Enabled group"' -f $name[0], $name[1], $sid)
    }
    if ([bool]$user.administrator -and -not (Test-FakeAdmin)) { '"BUILTIN\Administrators","Alias","S-1-5-32-544","Group used for deny only"' }
    if (Test-FakeAdmin) { '"Mandatory Label\High Mandatory Level","Label","S-1-16-12288",""' } else { '"Mandatory Label\Medium Mandatory Level","Label","S-1-16-8192",""' }
    Set-FakeExitCode 0
}

# icacls' rights letters as FileSystemRights: R = FILE_GENERIC_READ (0x120089), RX 0x1200A9,
# M 0x1301BF, F 0x1F01FF (icacls, learn.microsoft.com).
$script:IcaclsRights = @{ 'R' = 0x120089; 'RX' = 0x1200A9; 'M' = 0x1301BF; 'F' = 0x1F01FF }

# icacls /save writes the file name then its DACL as SDDL (UTF-16 LE); ACE rights are written
# as hex here, which SDDL allows.
function ConvertTo-FakeSddl {
    param([Parameter(Mandatory = $true)]$Acl)
    $text = 'D:'
    if ($Acl.Contains('protected') -and [bool]$Acl.protected) { $text += 'P' }
    foreach ($ace in @($Acl.aces | Where-Object -FilterScript { $null -ne $_ })) {
        $kind = 'A'
        if ([string]$ace.type -eq 'Deny') { $kind = 'D' }
        $flags = ''
        if ([bool]$ace.inherited) { $flags = 'ID' }
        $text += ('({0};{1};0x{2:x};;;{3})' -f $kind, $flags, [uint32]([System.BitConverter]::ToUInt32([System.BitConverter]::GetBytes([int]$ace.rights), 0)), [string]$ace.sid)
    }
    return $text
}

function ConvertFrom-FakeSddl {
    param([Parameter(Mandatory = $true)][string]$Sddl, [Parameter(Mandatory = $true)][string]$Owner)
    $aces = New-Object -TypeName System.Collections.ArrayList
    foreach ($match in [regex]::Matches($Sddl, '\((A|D);(ID)?;0x([0-9a-f]+);;;(S-[0-9-]+)\)')) {
        $null = $aces.Add([ordered]@{
                sid       = $match.Groups[4].Value
                type      = @{ 'A' = 'Allow'; 'D' = 'Deny' }[$match.Groups[1].Value]
                rights    = [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32]::Parse($match.Groups[3].Value, 'HexNumber')), 0)
                inherited = $match.Groups[2].Success
            })
    }
    return [ordered]@{ owner = $Owner; protected = $Sddl.StartsWith('D:P'); aces = $aces }
}

# --- icacls.exe and fsutil.exe on the files the state describes -----------------------------------

function Write-FakeIcaclsDenied {
    param([string]$Path)
    ('{0}: Access is denied.' -f $Path)
    'Successfully processed 0 files; Failed processing 1 files'
    Set-FakeExitCode 5
}

# The path a tool opens: a junction or symbolic link is followed to its target unless the tool
# is told to act on the link itself (icacls /L, learn.microsoft.com: "Performs the operation on a
# symbolic link itself versus its target"). Off Windows a junction is a symbolic link on disk.
function Resolve-FakeLinkTarget {
    param([Parameter(Mandatory = $true)][string]$Path)
    $full = Resolve-FakeFilePath -Path $Path
    $item = Microsoft.PowerShell.Management\Get-Item -LiteralPath $full -Force -ErrorAction SilentlyContinue
    if ($null -eq $item -or -not $item.LinkTarget) { return $full }
    $target = [string]$item.LinkTarget
    if (-not [System.IO.Path]::IsPathRooted($target)) { $target = Join-Path -Path (Split-Path -Path $full -Parent) -ChildPath $target }
    return [System.IO.Path]::GetFullPath($target)
}

# icacls (learn.microsoft.com, icacls): <file> /save <aclfile> needs READ_CONTROL and writes the
# file name then its DACL as SDDL (UTF-16 LE). <folder> /restore <aclfile>, /grant <sid>:<perm>
# (added to the explicit entries), /grant:r (replaces that SID's explicit grants), /deny
# <sid>:<perm> (an explicit deny), /remove:g and /remove:d <sid> (its explicit grants / denies)
# each need WRITE_DAC; /setowner <sid> is below. /L anywhere acts on a link itself; without it a link is followed.
function icacls.exe {
    $all = @($args | ForEach-Object -Process { [string]$_ })
    Invoke-FakeFault -Command 'icacls.exe'
    $noFollow = $all -contains '/L'
    $arguments = @($all | Where-Object -FilterScript { $_ -ne '/L' })
    $path = Resolve-FakeFilePath -Path ([string]$arguments[0])
    if (-not $noFollow -and $arguments[1] -ne '/restore') { $path = Resolve-FakeLinkTarget -Path $path }
    switch -Regex ($arguments[1]) {
        '^/save$' {
            $acl = Get-FakeFileAcl -Path $path
            if (-not (Test-FakeAccess -Acl $acl -Right $script:ReadControl)) { Write-FakeIcaclsDenied -Path $path; return }
            $text = (Split-Path -Path $path -Leaf) + "`r`n" + (ConvertTo-FakeSddl -Acl $acl) + "`r`n"
            [System.IO.File]::WriteAllText((Resolve-FakeFilePath -Path ([string]$arguments[2])), $text, [System.Text.Encoding]::Unicode)
            ('processed file: {0}' -f $path)
            'Successfully processed 1 files; Failed processing 0 files'
            Set-FakeExitCode 0
        }
        '^/restore$' {
            $lines = @([System.IO.File]::ReadAllLines((Resolve-FakeFilePath -Path ([string]$arguments[2])), [System.Text.Encoding]::Unicode) | Where-Object -FilterScript { $_ -ne '' })
            for ($index = 0; $index + 1 -lt $lines.Count; $index += 2) {
                $file = Join-Path -Path $path -ChildPath $lines[$index]
                if (-not $noFollow) { $file = Resolve-FakeLinkTarget -Path $file }
                $acl = Get-FakeFileAcl -Path $file
                if (-not (Test-FakeAccess -Acl $acl -Right $script:WriteDac)) { Write-FakeIcaclsDenied -Path $file; return }
                $restored = ConvertFrom-FakeSddl -Sddl $lines[$index + 1] -Owner ([string]$acl.owner)
                $script:Machine.files[(Get-FakeRelativePath -Path $file)].acl = $restored
                ('processed file: {0}' -f $file)
            }
            Save-FakeMachine
            'Successfully processed 1 files; Failed processing 0 files'
            Set-FakeExitCode 0
        }
        '^/(grant|grant:r|deny)$' {
            $acl = Get-FakeFileAcl -Path $path
            if (-not (Test-FakeAccess -Acl $acl -Right $script:WriteDac)) { Write-FakeIcaclsDenied -Path $path; return }
            $type = 'Allow'
            if ($arguments[1] -eq '/deny') { $type = 'Deny' }
            foreach ($grant in $arguments[2..($arguments.Count - 1)]) {
                $match = [regex]::Match([string]$grant, '^\*(S-[0-9-]+):\((R|RX|M|F)\)$')
                if (-not $match.Success) { throw "FakeWindows: icacls $($arguments[1]) not modelled: $grant" }
                $sid = $match.Groups[1].Value
                $rights = $script:IcaclsRights[$match.Groups[2].Value]
                $aces = @($acl.aces | Where-Object -FilterScript { $null -ne $_ })
                if ($arguments[1] -eq '/grant:r') {
                    $aces = @($aces | Where-Object -FilterScript { -not ([string]$_.sid -eq $sid -and [string]$_.type -eq 'Allow' -and -not [bool]$_.inherited) })
                }
                $explicit = @($aces | Where-Object -FilterScript { [string]$_.sid -eq $sid -and [string]$_.type -eq $type -and -not [bool]$_.inherited }) | Select-Object -First 1
                if ($null -ne $explicit) {
                    $explicit.rights = ([int]$explicit.rights -bor $rights)
                    $acl.aces = $aces
                } else {
                    # Canonical order: explicit denies, explicit allows, then inherited entries.
                    $new = [ordered]@{ sid = $sid; type = $type; rights = $rights; inherited = $false }
                    $denies = @($aces | Where-Object -FilterScript { -not [bool]$_.inherited -and [string]$_.type -eq 'Deny' })
                    $allows = @($aces | Where-Object -FilterScript { -not [bool]$_.inherited -and [string]$_.type -ne 'Deny' })
                    $inheritedAces = @($aces | Where-Object -FilterScript { [bool]$_.inherited })
                    if ($type -eq 'Deny') { $denies += @($new) } else { $allows += @($new) }
                    $acl.aces = @($denies + $allows + $inheritedAces)
                }
            }
            Save-FakeMachine
            ('processed file: {0}' -f $path)
            'Successfully processed 1 files; Failed processing 0 files'
            Set-FakeExitCode 0
        }
        '^/setowner$' {
            # /setowner <user> [/L] (learn.microsoft.com, icacls: "Changes the owner of all matching
            # files to the specified user"). Who may: "A process with the SE_RESTORE_NAME privilege
            # enabled or with WRITE_OWNER access to the object can set any valid user or group SID
            # as the owner of an object" (learn.microsoft.com, "Owner of a New Object"). An elevated
            # administrator holds SeRestorePrivilege ("Restore files and directories": Administrators
            # and Backup Operators by default), which icacls enables for /setowner: that is how an
            # administrator gives a file back to NT SERVICE\TrustedInstaller, a SID not in their
            # token. Nothing is read first, so no READ_CONTROL is needed. Others need WRITE_OWNER
            # from the DACL (the owner has no implicit WRITE_OWNER).
            $acl = Get-FakeFileAcl -Path $path
            if (-not (Test-FakeAdmin) -and -not (Test-FakeAccess -Acl ([ordered]@{ owner = ''; aces = $acl.aces }) -Right $script:WriteOwner)) { Write-FakeIcaclsDenied -Path $path; return }
            $match = [regex]::Match([string]$arguments[2], '^\*(S-[0-9-]+)$')
            if (-not $match.Success) { throw "FakeWindows: icacls /setowner not modelled: $($arguments[2])" }
            $acl.owner = $match.Groups[1].Value
            Save-FakeMachine
            ('processed file: {0}' -f $path)
            'Successfully processed 1 files; Failed processing 0 files'
            Set-FakeExitCode 0
        }
        '^/remove:(d|g)$' {
            $acl = Get-FakeFileAcl -Path $path
            if (-not (Test-FakeAccess -Acl $acl -Right $script:WriteDac)) { Write-FakeIcaclsDenied -Path $path; return }
            $sid = ([string]$arguments[2]).TrimStart('*')
            $type = @{ '/remove:d' = 'Deny'; '/remove:g' = 'Allow' }[[string]$arguments[1]]
            $acl.aces = @($acl.aces | Where-Object -FilterScript { $null -ne $_ -and -not ([string]$_.sid -eq $sid -and [string]$_.type -eq $type -and -not [bool]$_.inherited) })
            Save-FakeMachine
            ('processed file: {0}' -f $path)
            'Successfully processed 1 files; Failed processing 0 files'
            Set-FakeExitCode 0
        }
        default { throw "FakeWindows: icacls $($arguments[1]) not modelled" }
    }
}

# fsutil file queryFileID <path> prints "File ID is 0x<128-bit id in hex>" and needs an
# administrator (learn.microsoft.com, "fsutil file": "You must be logged in as an administrator
# ... to use fsutil"). The id here is the file's inode on the disk that stands in for C:, so a
# file deleted and made again under the same name gets another id, as on NTFS.
function fsutil.exe {
    $arguments = @($args | ForEach-Object -Process { [string]$_ })
    Invoke-FakeFault -Command 'fsutil.exe'
    if ($arguments.Count -ne 3 -or $arguments[0] -ne 'file' -or $arguments[1] -ne 'queryFileID') { throw "FakeWindows: fsutil $($arguments -join ' ') not modelled" }
    if (-not (Test-FakeAdmin)) {
        'The FSUTIL utility requires that you have administrative privileges.'
        Set-FakeExitCode 1
        return
    }
    $item = Microsoft.PowerShell.Management\Get-Item -LiteralPath (Resolve-FakeFilePath -Path $arguments[2]) -Force -ErrorAction SilentlyContinue
    if ($null -eq $item) {
        'Error:  The system cannot find the file specified.'
        Set-FakeExitCode 2
        return
    }
    ('File ID is 0x{0:x32}' -f [long]$item.UnixStat.Inode)
    Set-FakeExitCode 0
}
