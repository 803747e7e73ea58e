<#
.SYNOPSIS
    Gives NETWORK SERVICE read access and SYSTEM and Administrators full control on the Remote Desktop
    key file (by SID, so localized Windows works), and removes a deny entry for NETWORK SERVICE. That
    one file only: never the folder, never its owner.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($entry in @($arguments.backup.files)) {
        $path = [string]$entry.path
        $leaf = Assert-RdpKeyFilePath -Path $path
        if (-not (Test-Path -LiteralPath $path)) { continue }
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/remove:d', '*S-1-5-20')
        $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/grant', '*S-1-5-20:(R)', '*S-1-5-18:(F)', '*S-1-5-32-544:(F)')
        $changed.Add(('Granted NETWORK SERVICE read, SYSTEM and Administrators full control on {0}' -f $leaf))
    }
    @{ changed = @($changed) }
}
