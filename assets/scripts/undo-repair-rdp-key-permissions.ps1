<#
.SYNOPSIS
    Takes back what the key-permission fix changed, and nothing else: removes the entries it granted
    (for a SID that had no allow entry before) and puts back a deny entry it removed, on that one
    key file, checked again to be the very regular file (same file id, owned by SYSTEM or
    Administrators) that was backed up, with icacls /L so that no link is followed. A saved ACL is
    never restored wholesale. Where the fix first took ownership (administrators were shut out), the
    entries it found then come from its record in the backup folder, and the owner stays
    Administrators: the one before could not be read.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    if ([string]$arguments.backup.folder -ne $MachineKeysFolder) {
        throw ('Refusing to restore permissions in {0}: only MachineKeys is handled.' -f $arguments.backup.folder)
    }
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($entry in @($arguments.backup.files)) {
        $path = [string]$entry.path
        $leaf = Split-Path -Path $path -Leaf
        if (-not $entry.PSObject.Properties['fileId'] -or -not $entry.fileId) {
            throw ('The backup of {0} does not record which file it was (an older backup), so its permissions are not put back: nothing was changed. They can stay as the fix left them.' -f $leaf)
        }
        if ($null -eq (Get-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue)) {
            # A new certificate came with a new key file since: the one the fix changed is gone.
            $restored.Add(('The key file {0} is gone since the fix (a new certificate brought a new one): there is nothing to put back' -f $leaf))
            continue
        }
        $shutOut = $null -ne $entry.PSObject.Properties['adminsShutOut'] -and [bool]$entry.adminsShutOut
        $aces = $entry.aces
        if ($shutOut) {
            # The fix made Administrators the owner and recorded the entries it then found, in the
            # backup's own administrators-only folder. Without that record it changed nothing.
            $recordPath = Get-KeyAclBeforeFixPath -AclFile ([string]$entry.aclFile)
            if (-not (Test-Path -LiteralPath $recordPath)) {
                $restored.Add(('There is no record that the fix changed the entries of {0}: there is nothing to put back' -f $leaf))
                continue
            }
            $record = Get-Content -LiteralPath $recordPath -Raw | ConvertFrom-Json
            if ([string]$record.path -ne $path -or [string]$record.fileId -ne [string]$entry.fileId) {
                throw ('The record of what the fix found on {0} names another file. Nothing was changed.' -f $leaf)
            }
            $aces = $record.aces
        }
        $null = Assert-TrustedKeyFile -Path $path -FileId ([string]$entry.fileId)
        $before = @($aces | Where-Object -FilterScript { $null -ne $_ -and -not [bool]$_.inherited })
        $now = @(Get-FileAceFacts -Path $path | Where-Object -FilterScript { -not $_.inherited })
        foreach ($sid in @('S-1-5-20', $SystemSid, $AdministratorsSid)) {
            $hadAllow = @($before | Where-Object -FilterScript { [string]$_.sid -eq $sid -and [string]$_.type -eq 'Allow' }).Count -gt 0
            $hasAllow = @($now | Where-Object -FilterScript { $_.sid -eq $sid -and $_.type -eq 'Allow' }).Count -gt 0
            if (-not $hadAllow -and $hasAllow) {
                $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/L', '/remove:g', "*$sid")
                $restored.Add(('Removed the entry for {0} the fix had added on {1}' -f $sid, $leaf))
            }
        }
        foreach ($deny in @($before | Where-Object -FilterScript { [string]$_.sid -eq 'S-1-5-20' -and [string]$_.type -eq 'Deny' })) {
            if (@($now | Where-Object -FilterScript { $_.sid -eq 'S-1-5-20' -and $_.type -eq 'Deny' }).Count -gt 0) { continue }
            $rights = [int]$deny.rights
            if (-not $IcaclsLetters.ContainsKey($rights)) {
                throw ('The deny entry for NETWORK SERVICE that the fix removed from {0} had rights icacls cannot write back (0x{1:X}); it stays removed. Everything else was put back.' -f $leaf, $rights)
            }
            $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/L', '/deny', ('*S-1-5-20:({0})' -f $IcaclsLetters[$rights]))
            $restored.Add(('Put back the deny entry for NETWORK SERVICE on {0}' -f $leaf))
        }
        if ($shutOut) {
            # Who owned it before cannot be known: Windows shows a file's owner only to its owner and
            # to whom its entries let read them (GetNamedSecurityInfo), and that was nobody here.
            $restored.Add(('{0} stays owned by Administrators: the owner it had before the fix could not be read, so it cannot be put back' -f $leaf))
        }
    }
    @{ restored = @($restored) }
}
