<#
.SYNOPSIS
    Before the fix changes it, records the key file of the listener's certificate (found from the
    certificate, never by a name pattern): its path, its file id and its access entries, and saves
    its ACL with "icacls <file> /save" for the record. Refuses a file that is not a regular file
    owned by SYSTEM or Administrators. Touches nothing else in the folder.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $key = Get-RdpListenerKeyFacts -Listener (Get-RdpListenerCertificate -Setting (Get-RdpListenerSetting))
    if ($null -eq $key -or -not $key.path) {
        throw 'The certificate Remote Desktop uses names no key file RDP Doctor can find, so there are no permissions to repair. Nothing was changed.'
    }
    if (-not $key.exists) {
        throw ('The key file {0} that the Remote Desktop certificate names is missing. Use "Make Windows create a new Remote Desktop certificate" instead. Nothing was changed.' -f (Split-Path -Path $key.path -Leaf))
    }
    $path = [string]$key.path
    # A key file whose Administrators entry was removed cannot have its permissions read or
    # saved even by an administrator; this fix only adds entries and would need to take
    # ownership first, which RDP Doctor does not do. A new certificate brings a new key file.
    try {
        $null = Get-Acl -LiteralPath $path
    } catch {
        if ($_.Exception -is [System.UnauthorizedAccessException] -or [string]$_.CategoryInfo.Category -eq 'PermissionDenied') {
            throw ('Administrators may not read the permissions of {0} (its Administrators entry was removed), so they cannot be saved or repaired here. Use "Make Windows create a new Remote Desktop certificate" instead: it brings a new key file. Nothing was changed.' -f (Split-Path -Path $path -Leaf))
        }
        throw
    }
    $fileId = Assert-TrustedKeyFile -Path $path
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $aclFile = Join-Path -Path $arguments.backupDir -ChildPath 'machinekeys-acl-0.txt'
    # For the record only: the undo never restores a saved ACL wholesale (icacls /restore would
    # apply it to whatever the name points at by then).
    $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/save', $aclFile, '/L')
    # The backup is returned with ToArray(): @() of a List[object] throws "Argument types do not
    # match" on PowerShell 7 (PowerShell issue 27558), where a server's remoting endpoint may run.
    $files = New-Object -TypeName System.Collections.Generic.List[object]
    $files.Add(@{ path = $path; fileId = $fileId; ownerSid = $key.ownerSid; aces = @(Get-FileAceFacts -Path $path); aclFile = $aclFile })
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-key-permissions.json' -Backup @{ folder = $MachineKeysFolder; files = $files.ToArray() }
}
