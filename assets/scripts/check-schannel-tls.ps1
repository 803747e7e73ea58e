<#
.SYNOPSIS
    Reports the SCHANNEL server settings of TLS 1.0 to 1.3 (Enabled, DisabledByDefault). A missing key
    is reported as missing: it means the OS default, not "disabled". Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $protocols = @(foreach ($version in @('TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')) {
            $path = Join-Path -Path $SchannelProtocolsKey -ChildPath ('{0}\Server' -f $version)
            @{
                version           = $version
                keyExists         = [bool](Test-Path -LiteralPath $path)
                enabled           = (Get-RegistryDword -Path $path -Name 'Enabled')
                disabledByDefault = (Get-RegistryDword -Path $path -Name 'DisabledByDefault')
            }
        })
    @{ protocols = $protocols; osVersion = [string](Get-CimInstance -ClassName Win32_OperatingSystem).Version }
}
