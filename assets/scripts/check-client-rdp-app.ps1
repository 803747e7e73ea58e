<#
.SYNOPSIS
    Reads which Remote Desktop apps this computer has and its Windows build: mstsc.exe (Windows 11
    23H2 and later can uninstall it with "mstsc /uninstall"), the Windows App package for this user,
    and CurrentBuildNumber / UBR / ProductName / DisplayVersion. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    # One read of the key; a value Windows lacks (UBR before 8.1, DisplayVersion before 20H2) is $null.
    $versionKey = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $values = Get-ItemProperty -LiteralPath $versionKey
    $names = @($values.PSObject.Properties | ForEach-Object -Process { $_.Name })
    $read = { param($name) if ($names -contains $name) { $values.$name } else { $null } }
    # CurrentBuildNumber is a string (REG_SZ), UBR a DWORD.
    $build = 0
    $buildText = & $read 'CurrentBuildNumber'
    if ($null -ne $buildText) { $build = [int]$buildText }
    $ubr = & $read 'UBR'
    if ($null -ne $ubr) { $ubr = [int]$ubr }
    $productName = & $read 'ProductName'
    if ($null -ne $productName) { $productName = [string]$productName }
    $displayVersion = & $read 'DisplayVersion'
    if ($null -ne $displayVersion) { $displayVersion = [string]$displayVersion }

    $mstscPath = Join-Path -Path $env:SystemRoot -ChildPath 'System32\mstsc.exe'
    $mstscExists = [bool](Test-Path -LiteralPath $mstscPath -PathType Leaf)
    $mstscVersion = $null
    if ($mstscExists) {
        # A file without version resources has no ProductVersion: $null, not "".
        $productVersion = (Get-Item -LiteralPath $mstscPath).VersionInfo.ProductVersion
        if ($productVersion) { $mstscVersion = [string]$productVersion }
    }

    # Get-AppxPackage lists this user's packages; the Appx module is absent on Server Core.
    $windowsApp = @{ installed = $false; version = $null }
    if ($null -ne (Get-Command -Name 'Get-AppxPackage' -ErrorAction SilentlyContinue)) {
        $package = @(Get-AppxPackage -Name 'MicrosoftCorporationII.Windows365') | Select-Object -First 1
        if ($null -ne $package) { $windowsApp = @{ installed = $true; version = [string]$package.Version } }
    }

    @{
        os         = @{ build = $build; ubr = $ubr; productName = $productName; displayVersion = $displayVersion }
        mstsc      = @{ path = $mstscPath; exists = $mstscExists; version = $mstscVersion }
        windowsApp = $windowsApp
    }
}
