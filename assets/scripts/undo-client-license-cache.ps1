<#
.SYNOPSIS
    Puts the saved license cache back exactly: removes the one rebuilt since, then reg import.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $licensingKey = 'HKLM\SOFTWARE\Microsoft\MSLicensing'
    $licensingPath = "Registry::$licensingKey"
    $exportPath = $arguments.backup.exportPath
    if (-not $exportPath) { return @{ restored = @() } }
    if (-not (Test-Path -LiteralPath $exportPath)) { throw "The backup file $exportPath is missing." }
    if (Test-Path -LiteralPath $licensingPath) { Remove-Item -LiteralPath $licensingPath -Recurse -Force }
    $null = Invoke-SystemTool -Name 'reg.exe' -ArgumentList @('import', $exportPath, '/reg:64')
    @{ restored = @("Imported $exportPath (the old license cache is back)") }
}
