<#
.SYNOPSIS
    Reads the Remote Desktop client's list of recent computers (MRU0..MRU9 under
    HKCU\Software\Microsoft\Terminal Server Client\Default), newest first. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $path = 'Registry::HKEY_CURRENT_USER\Software\Microsoft\Terminal Server Client\Default'
    $entries = New-Object -TypeName System.Collections.Generic.List[string]
    if (Test-Path -LiteralPath $path) {
        $values = Get-ItemProperty -LiteralPath $path
        foreach ($index in 0..9) {
            $property = $values.PSObject.Properties["MRU$index"]
            if ($property -and $property.Value) { $entries.Add([string]$property.Value) }
        }
    }
    @{ entries = @($entries) }
}
