<#
.SYNOPSIS
    Reports the DLL Remote Desktop Services loads (ServiceDll) and whether RDP Wrapper is installed.
    Reports only: RDP Doctor never changes this.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $parameters = Get-Item -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\TermService\Parameters' -ErrorAction SilentlyContinue
    $raw = $null
    if ($parameters) {
        $raw = $parameters.GetValue('ServiceDll', $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    }
    $expanded = $null
    $exists = $false
    $description = $null
    if ($raw) {
        $expanded = [System.Environment]::ExpandEnvironmentVariables([string]$raw)
        $exists = Test-Path -LiteralPath $expanded -PathType Leaf
        if ($exists) {
            # The path as the file system spells it, so it compares with expectedPath wherever
            # PowerShell runs (off Windows, "\" from the registry value becomes "/").
            $file = Get-Item -LiteralPath $expanded
            $expanded = [string]$file.FullName
            $description = [string]$file.VersionInfo.FileDescription
        }
    }
    $wrapperFolder = Join-Path -Path $env:ProgramFiles -ChildPath 'RDP Wrapper'
    $wrapperFiles = @(foreach ($file in @('rdpwrap.dll', 'rdpwrap.ini')) {
            $path = Join-Path -Path $wrapperFolder -ChildPath $file
            if (Test-Path -LiteralPath $path) { $path }
        })
    @{
        serviceDll       = $raw
        expandedPath     = $expanded
        expectedPath     = (Join-Path -Path $env:SystemRoot -ChildPath 'System32\termsrv.dll')
        fileExists       = [bool]$exists
        fileDescription  = $description
        rdpWrapperFiles  = $wrapperFiles
    }
}
