<#
.SYNOPSIS
    Lists the Remote Desktop passwords saved in Credential Manager (cmdkey /list, TERMSRV/*).
    Reads target names only; a saved password is never shown. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    @{ host = [string]$arguments.host; port = [int]$arguments.port; entries = @(Get-TermsrvCredentialTarget) }
}
