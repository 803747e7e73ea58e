<#
.SYNOPSIS
    Reports the file version of tspkg.dll (the CredSSP security package Remote Desktop uses) and the
    Windows version. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $path = Join-Path -Path $env:SystemRoot -ChildPath 'System32\tspkg.dll'
    $version = $null
    if (Test-Path -LiteralPath $path) {
        $info = (Get-Item -LiteralPath $path).VersionInfo
        $version = '{0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart
    }
    @{ tspkgVersion = $version; osVersion = [string](Get-CimInstance -ClassName Win32_OperatingSystem).Version }
}
