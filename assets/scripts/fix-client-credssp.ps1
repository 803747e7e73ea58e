<#
.SYNOPSIS
    TEMPORARY WORKAROUND, weakens security: sets AllowEncryptionOracle = 2 ("Vulnerable") so this
    computer can reach a server without the May 2018 CredSSP update. Undo it once the server is patched.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $credSspKey = 'HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    $changed = @(Set-PolicyDword -Key $credSspKey -Name 'AllowEncryptionOracle' -Value 2)
    Complete-TemporaryChange -Arguments $arguments -Changed $changed -Steps @(@{ kind = 'policy-dword'; key = $credSspKey; name = 'AllowEncryptionOracle'; backup = $arguments.backup })
}
