# Who may read a file (its access entries by SID), and whether this runs as an elevated
# administrator. Read by SID, so a localized Windows answers the same.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$SystemSid = 'S-1-5-18'
$AdministratorsSid = 'S-1-5-32-544'

# NETWORK SERVICE itself, and the SIDs in TermService's token whose entries apply to it: Everyone,
# Authenticated Users, SERVICE, BUILTIN\Users (Authenticated Users is a member), and the service
# SID NT SERVICE\TermService (learn.microsoft.com, "Well-known SIDs"; service SIDs are
# S-1-5-80-<SHA-1 of the upper-case service name>).
$NetworkServiceSids = @('S-1-5-20', 'S-1-1-0', 'S-1-5-11', 'S-1-5-6', 'S-1-5-32-545', 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104')

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
