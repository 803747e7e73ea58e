<#
.SYNOPSIS
    Restores the saved ACLs of the Remote Desktop key files with "icacls <MachineKeys> /restore".
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
        $leaf = Assert-RdpKeyFilePath -Path ([string]$entry.path)
        $aclFile = [string]$entry.aclFile
        if (-not (Test-Path -LiteralPath $aclFile)) { throw ('The saved permissions {0} are missing.' -f $aclFile) }
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($MachineKeysFolder, '/restore', $aclFile)
        $restored.Add(('Restored the saved permissions of {0}' -f $leaf))
    }
    @{ restored = @($restored) }
}
