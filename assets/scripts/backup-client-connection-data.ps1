<#
.SYNOPSIS
    Copies Default.rdp and the bitmap cache files into the backup folder before the fix removes
    them. Changes nothing else.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    Assert-RemoteDesktopClosed
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $rdpPath = Get-DefaultRdpPath
    $rdpBackup = $null
    $rdpFile = Get-Item -LiteralPath $rdpPath -Force -ErrorAction SilentlyContinue
    if ($rdpFile) {
        $destination = Join-Path -Path $arguments.backupDir -ChildPath 'Default.rdp'
        Copy-Item -LiteralPath $rdpPath -Destination $destination -Force
        $hidden = (($rdpFile.Attributes -band [System.IO.FileAttributes]::Hidden) -ne 0)
        $rdpBackup = @{ path = $rdpPath; backupPath = $destination; hidden = $hidden }
    }
    $cachePath = Get-BitmapCachePath
    $cacheBackup = $null
    if (Test-Path -LiteralPath $cachePath -PathType Container) {
        $destination = Join-Path -Path $arguments.backupDir -ChildPath 'Cache'
        $null = New-Item -ItemType Directory -Path $destination -Force
        $files = @(Get-ChildItem -LiteralPath $cachePath -File -Force)
        foreach ($file in $files) {
            Copy-Item -LiteralPath $file.FullName -Destination (Join-Path -Path $destination -ChildPath $file.Name) -Force
        }
        $cacheBackup = @{ path = $cachePath; backupPath = $destination; files = $files.Count }
    }
    $backup = @{ defaultRdp = $rdpBackup; bitmapCache = $cacheBackup }
    $jsonPath = Join-Path -Path $arguments.backupDir -ChildPath 'connection-data.json'
    Set-Content -LiteralPath $jsonPath -Value (ConvertTo-Json -InputObject $backup -Depth 5) -Encoding UTF8
    $backup
}
