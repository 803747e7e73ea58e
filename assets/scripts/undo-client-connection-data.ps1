<#
.SYNOPSIS
    Copies Default.rdp (hidden again) and the bitmap cache files back from the backup folder.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-RemoteDesktopClosed
    $backup = $arguments.backup
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    if ($null -ne $backup.defaultRdp) {
        $saved = $backup.defaultRdp
        if (-not (Test-Path -LiteralPath $saved.backupPath)) { throw "The backup file $($saved.backupPath) is missing." }
        # A hidden file cannot be overwritten in place: the one Remote Desktop made since goes first.
        if (Test-Path -LiteralPath $saved.path) { Remove-Item -LiteralPath $saved.path -Force }
        Copy-Item -LiteralPath $saved.backupPath -Destination $saved.path -Force
        $item = Get-Item -LiteralPath $saved.path -Force
        if ($saved.hidden) {
            $item.Attributes = $item.Attributes -bor [System.IO.FileAttributes]::Hidden
            $restored.Add('Default.rdp put back (hidden)')
        } else {
            $restored.Add('Default.rdp put back')
        }
    }
    if ($null -ne $backup.bitmapCache) {
        $saved = $backup.bitmapCache
        if (-not (Test-Path -LiteralPath $saved.backupPath)) { throw "The backup folder $($saved.backupPath) is missing." }
        $null = New-Item -ItemType Directory -Path $saved.path -Force
        $files = @(Get-ChildItem -LiteralPath $saved.backupPath -File -Force)
        foreach ($file in $files) {
            Copy-Item -LiteralPath $file.FullName -Destination (Join-Path -Path $saved.path -ChildPath $file.Name) -Force
        }
        $restored.Add("$($files.Count) bitmap cache files put back")
    }
    @{ restored = @($restored) }
}
