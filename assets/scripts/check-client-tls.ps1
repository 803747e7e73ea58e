<#
.SYNOPSIS
    Reads this computer's SCHANNEL client settings for TLS 1.0-1.3 (Enabled, DisabledByDefault).
    A missing key or value means the Windows default, not "disabled". Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $base = 'Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
    $protocols = @(foreach ($version in @('TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')) {
            $path = "$base\$version\Client"
            @{
                version           = $version
                keyExists         = [bool](Test-Path -LiteralPath $path)
                enabled           = (Get-RegistryDword -Path $path -Name 'Enabled')
                disabledByDefault = (Get-RegistryDword -Path $path -Name 'DisabledByDefault')
            }
        })
    @{ protocols = $protocols }
}
