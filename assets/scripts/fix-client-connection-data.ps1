<#
.SYNOPSIS
    Removes Default.rdp and the bitmap cache folder that the backup copied. Remote Desktop makes
    new ones at its next start.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-RemoteDesktopClosed
    $backup = $arguments.backup
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    if ($null -ne $backup.defaultRdp -and (Test-Path -LiteralPath $backup.defaultRdp.path)) {
        if (-not (Test-Path -LiteralPath $backup.defaultRdp.backupPath)) { throw 'The copy of Default.rdp is missing from the backup folder.' }
        Remove-Item -LiteralPath $backup.defaultRdp.path -Force
        $changed.Add("Removed $($backup.defaultRdp.path)")
    }
    if ($null -ne $backup.bitmapCache -and (Test-Path -LiteralPath $backup.bitmapCache.path)) {
        if (-not (Test-Path -LiteralPath $backup.bitmapCache.backupPath)) { throw 'The copy of the bitmap cache is missing from the backup folder.' }
        Remove-Item -LiteralPath $backup.bitmapCache.path -Recurse -Force
        $changed.Add("Removed the bitmap cache $($backup.bitmapCache.path)")
    }
    @{ changed = @($changed) }
}
