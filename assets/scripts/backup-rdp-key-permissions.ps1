<#
.SYNOPSIS
    Saves the ACL of each Remote Desktop key file in MachineKeys with "icacls <file> /save", before the
    fix changes it. Touches nothing else in the folder.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $keyFiles = @(Get-RdpKeyFile)
    # The backup is returned with ToArray(): @() of a List[object] throws "Argument types do not
    # match" on PowerShell 7 (PowerShell issue 27558), where a server's remoting endpoint may run.
    $files = New-Object -TypeName System.Collections.Generic.List[object]
    for ($index = 0; $index -lt $keyFiles.Count; $index++) {
        $path = [string]$keyFiles[$index].FullName
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
        $aclFile = Join-Path -Path $arguments.backupDir -ChildPath ('machinekeys-acl-{0}.txt' -f $index)
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/save', $aclFile)
        $files.Add(@{ path = $path; aclFile = $aclFile })
    }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-key-permissions.json' -Backup @{ folder = $MachineKeysFolder; files = $files.ToArray() }
}
