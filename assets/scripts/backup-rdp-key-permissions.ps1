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
        $aclFile = Join-Path -Path $arguments.backupDir -ChildPath ('machinekeys-acl-{0}.txt' -f $index)
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/save', $aclFile)
        $files.Add(@{ path = $path; aclFile = $aclFile })
    }
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-key-permissions.json' -Backup @{ folder = $MachineKeysFolder; files = $files.ToArray() }
}
