<#
.SYNOPSIS
    Reports Default.rdp (hidden, in Documents) and the Remote Desktop bitmap cache: size, date,
    damaged lines, empty cache files. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $rdpPath = Get-DefaultRdpPath
    $rdp = @{ path = $rdpPath; exists = $false; bytes = 0; lastWrite = $null; lines = 0; badLines = 0 }
    $rdpFile = Get-Item -LiteralPath $rdpPath -Force -ErrorAction SilentlyContinue
    if ($rdpFile) {
        # Each setting is "name:type:value" with type i, s or b; anything else is damage.
        $lines = @(Get-Content -LiteralPath $rdpPath -Force | Where-Object -FilterScript { $_.Trim() -ne '' })
        $bad = @($lines | Where-Object -FilterScript { $_ -notmatch '^[^:]+:[isb]:' })
        $rdp = @{
            path      = $rdpPath
            exists    = $true
            bytes     = [long]$rdpFile.Length
            lastWrite = (Format-IsoDate -Date $rdpFile.LastWriteTime)
            lines     = $lines.Count
            badLines  = $bad.Count
        }
    }
    $cachePath = Get-BitmapCachePath
    $cache = @{ path = $cachePath; exists = $false; files = 0; bytes = 0; emptyFiles = 0 }
    if (Test-Path -LiteralPath $cachePath -PathType Container) {
        $files = @(Get-ChildItem -LiteralPath $cachePath -File -Force)
        $bytes = [long]0
        $empty = 0
        foreach ($file in $files) {
            $bytes += $file.Length
            if ($file.Length -eq 0) { $empty += 1 }
        }
        $cache = @{ path = $cachePath; exists = $true; files = $files.Count; bytes = $bytes; emptyFiles = $empty }
    }
    @{ defaultRdp = $rdp; bitmapCache = $cache }
}
