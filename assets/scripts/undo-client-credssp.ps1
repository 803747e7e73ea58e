<#
.SYNOPSIS
    Puts AllowEncryptionOracle back to its previous value, or removes it if it was not set.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $credSspKey = 'HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    $timer = @(Remove-TemporaryChangeTimer -Arguments $arguments)
    @{ restored = @(@(Restore-PolicyDword -Key $credSspKey -Name 'AllowEncryptionOracle' -Backup $arguments.backup) + $timer) }
}
