# File security of the files the state describes: files[<path>].acl = { owner, aces: [{ sid,
# type (Allow/Deny), rights (FileSystemRights as a number), inherited }] }. The ACL classes of
# .NET do not work off Windows, so Get-Acl answers with objects that have the members the
# scripts use (GetAccessRules, GetOwner) and the same values.

$script:ReadControl = 0x20000
$script:WriteDac = 0x40000

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
# object", learn.microsoft.com).
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
