<#
.SYNOPSIS
    Before the fix changes it, records the key file of the listener's certificate (found from the
    certificate, never by a name pattern): its path, its file id and its access entries, and saves
    its ACL with "icacls <file> /save" for the record. Refuses a file that is not a regular file
    owned by SYSTEM or Administrators. When administrators may not read its permissions (nor so its
    owner), records that (adminsShutOut) and what can be known: its path and file id. Touches
    nothing else in the folder, and changes nothing.
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
    # Administrators who may read neither its entries nor its owner: the fix takes ownership of this
    # one file first. What can be known now is recorded: the very file (its id), a regular file in
    # MachineKeys, the one the certificate names. Its entries are recorded by the fix once it owns
    # the file (Get-KeyAclBeforeFixPath), before it adds any.
    $readable = Test-FileSecurityReadable -Path $path
    if (-not $readable -and -not (Test-ElevatedAdministrator)) {
        throw 'Only administrators can read the permissions of the Remote Desktop key file, so only they can save and repair them. Nothing was changed.'
    }
    if ($readable) { $fileId = Assert-TrustedKeyFile -Path $path } else { $fileId = Assert-TrustedKeyFile -Path $path -OwnerUnreadable }
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $aclFile = Join-Path -Path $arguments.backupDir -ChildPath 'machinekeys-acl-0.txt'
    # The backup is returned with ToArray(): @() of a List[object] throws "Argument types do not
    # match" on PowerShell 7 (PowerShell issue 27558), where a server's remoting endpoint may run.
    $files = New-Object -TypeName System.Collections.Generic.List[object]
    if ($readable) {
        # For the record only: the undo never restores a saved ACL wholesale (icacls /restore would
        # apply it to whatever the name points at by then).
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/save', $aclFile, '/L')
        $files.Add(@{ path = $path; fileId = $fileId; ownerSid = $key.ownerSid; aces = @(Get-FileAceFacts -Path $path); aclFile = $aclFile; adminsShutOut = $false })
    } else {
        $files.Add(@{ path = $path; fileId = $fileId; ownerSid = $null; aces = $null; aclFile = $aclFile; adminsShutOut = $true })
    }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-key-permissions.json' -Backup @{ folder = $MachineKeysFolder; files = $files.ToArray() }
}
