<#
.SYNOPSIS
    Gives NETWORK SERVICE read access and SYSTEM and Administrators full control on the key file of
    the Remote Desktop certificate (by SID, so localized Windows works), and removes a deny entry
    for NETWORK SERVICE: only the entries that are missing, on that one file (checked again to be
    the very regular file, owned by SYSTEM or Administrators, that was backed up), with icacls /L
    so that no link is followed. Never the folder. When administrators were shut out of the file
    (the backup says so), it first makes Administrators its owner, as Microsoft's article does,
    and records the entries it then sees for the undo. A step that fails puts back what this run
    changed.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

# Takes back, newest first, what this run did to one file: granted entries, a removed deny entry.
# Ownership taken from an owner nobody could read stays with Administrators. Returns what it could
# not put back, in words.
function Undo-KeyFileSteps {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][AllowEmptyCollection()][object[]]$Steps)
    $left = New-Object -TypeName System.Collections.Generic.List[string]
    for ($index = $Steps.Count - 1; $index -ge 0; $index--) {
        $step = $Steps[$index]
        try {
            switch ($step.kind) {
                'grant' { $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($Path, '/L', '/remove:g', "*$($step.sid)") }
                'deny' {
                    if ($IcaclsLetters.ContainsKey([int]$step.rights)) {
                        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($Path, '/L', '/deny', ('*S-1-5-20:({0})' -f $IcaclsLetters[[int]$step.rights]))
                    } else {
                        $left.Add('the deny entry for NETWORK SERVICE (rights icacls cannot write)')
                    }
                }
                'owner' { $left.Add('its owner (Administrators now; the one before could not be read)') }
            }
        } catch {
            $left.Add(('{0} ({1})' -f $step.kind, $_.Exception.Message))
        }
    }
    return $left.ToArray()
}

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    $current = Get-RdpListenerKeyFacts -Listener (Get-RdpListenerCertificate -Setting (Get-RdpListenerSetting))
    foreach ($entry in @($arguments.backup.files)) {
        $path = [string]$entry.path
        $leaf = Split-Path -Path $path -Leaf
        if ($null -eq $current -or [string]$current.path -ne $path) {
            throw ('Refusing to touch {0}: only the Remote Desktop key file in MachineKeys (the one its certificate names) may be changed. Nothing was changed.' -f $path)
        }
        $shutOut = $null -ne $entry.PSObject.Properties['adminsShutOut'] -and [bool]$entry.adminsShutOut
        if ($shutOut) {
            $null = Assert-TrustedKeyFile -Path $path -FileId ([string]$entry.fileId) -OwnerUnreadable
        } else {
            $null = Assert-TrustedKeyFile -Path $path -FileId ([string]$entry.fileId)
        }
        $steps = New-Object -TypeName System.Collections.Generic.List[object]
        try {
            if ($shutOut) {
                Set-KeyFileOwner -Path $path -Sid $AdministratorsSid
                $steps.Add(@{ kind = 'owner' })
                $changed.Add(('Made Administrators the owner of {0}: Windows'' administrators could not read its permissions' -f $leaf))
                # Still the very file that was backed up, a regular file, now owned by Administrators.
                $null = Assert-TrustedKeyFile -Path $path -FileId ([string]$entry.fileId)
                $before = @(Get-FileAceFacts -Path $path)
                # The undo removes only what this run adds: it reads these entries from the
                # administrators-only backup folder, never from anything a standard user can write.
                $record = @{ path = $path; fileId = [string]$entry.fileId; aces = $before }
                Set-Content -LiteralPath (Get-KeyAclBeforeFixPath -AclFile ([string]$entry.aclFile)) -Value (ConvertTo-Json -InputObject $record -Depth 6) -Encoding UTF8
            }
            $aces = @(Get-FileAceFacts -Path $path)
            $explicit = @($aces | Where-Object -FilterScript { -not $_.inherited })
            foreach ($deny in @($explicit | Where-Object -FilterScript { $_.sid -eq 'S-1-5-20' -and $_.type -eq 'Deny' } | Select-Object -First 1)) {
                $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/L', '/remove:d', '*S-1-5-20')
                $steps.Add(@{ kind = 'deny'; rights = [int]$deny.rights })
                $changed.Add(('Removed the deny entry for NETWORK SERVICE on {0}' -f $leaf))
            }
            $grants = New-Object -TypeName System.Collections.Generic.List[string]
            $granted = New-Object -TypeName System.Collections.Generic.List[string]
            foreach ($wanted in @(@{ sid = 'S-1-5-20'; letters = 'R'; rights = 0x120089 }, @{ sid = $SystemSid; letters = 'F'; rights = 0x1F01FF }, @{ sid = $AdministratorsSid; letters = 'F'; rights = 0x1F01FF })) {
                $has = @($explicit | Where-Object -FilterScript { $_.sid -eq $wanted.sid -and $_.type -eq 'Allow' -and (($_.rights -band $wanted.rights) -eq $wanted.rights) }).Count -gt 0
                if (-not $has) {
                    $grants.Add(('*{0}:({1})' -f $wanted.sid, $wanted.letters))
                    $granted.Add($wanted.sid)
                }
            }
            if ($grants.Count -gt 0) {
                $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList (@($path, '/L', '/grant') + $grants.ToArray())
                foreach ($sid in $granted) { $steps.Add(@{ kind = 'grant'; sid = $sid }) }
                $changed.Add(('Granted {0} on {1}' -f ($grants.ToArray() -join ' '), $leaf))
            }
        } catch {
            $left = @(Undo-KeyFileSteps -Path $path -Steps $steps.ToArray())
            $outcome = 'What it had changed was put back.'
            if ($left.Count -gt 0) { $outcome = 'What it had changed was put back, except {0}.' -f ($left -join '; ') }
            throw ('Repairing the permissions of {0} failed: {1} {2}' -f $leaf, $_.Exception.Message, $outcome)
        }
    }
    @{ changed = @($changed) }
}
