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
        if ($exists) { $description = [string](Get-Item -LiteralPath $expanded).VersionInfo.FileDescription }
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
