<#
.SYNOPSIS
    Reports the certificate the RDP-Tcp listener uses (Win32_TSGeneralSetting: thumbprint and hash
    type), the Remote Desktop certificate store, the listener's certificate in the My store when it
    is there (custom / group policy), and whether NETWORK SERVICE may read each private key.
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
    $hashType = $null
    if ($setting -and $setting.SSLCertificateSHA1Hash) { $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() }
    if ($setting -and $null -ne $setting.SSLCertificateSHA1HashType) { $hashType = [int]$setting.SSLCertificateSHA1HashType }
    $store = @(Get-ChildItem -LiteralPath $RdpCertStore | ForEach-Object -Process { ConvertTo-RdpCertificateFacts -Certificate $_ })
    $myStore = @()
    if ($thumbprint) {
        $myStore = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My' | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint } | ForEach-Object -Process {
                ConvertTo-RdpCertificateFacts -Certificate $_
            })
    }
    @{
        listenerThumbprint = $thumbprint
        hashType           = $hashType
        store              = $store
        myStore            = $myStore
        now                = (Format-IsoDate -Date (Get-Date))
    }
}
