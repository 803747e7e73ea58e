<#
.SYNOPSIS
    Reports the certificate the RDP-Tcp listener uses and the Remote Desktop certificate store.
    Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $setting = Get-RdpListenerSetting
    $thumbprint = $null
    if ($setting -and $setting.SSLCertificateSHA1Hash) { $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() }
    $store = @(Get-ChildItem -LiteralPath $RdpCertStore | ForEach-Object -Process {
            @{
                thumbprint    = ([string]$_.Thumbprint).ToUpperInvariant()
                subject       = [string]$_.Subject
                notBefore     = Format-IsoDate -Date $_.NotBefore
                notAfter      = Format-IsoDate -Date $_.NotAfter
                hasPrivateKey = [bool]$_.HasPrivateKey
            }
        })
    @{ listenerThumbprint = $thumbprint; store = $store; now = (Format-IsoDate -Date (Get-Date)) }
}
