<#
.SYNOPSIS
    Reports the certificate the RDP-Tcp listener uses (Win32_TSGeneralSetting: thumbprint and hash
    type), the Remote Desktop certificate store, the listener's certificate in the My store when it
    is there (custom / group policy), and the listener certificate's key file: the container the
    certificate names, where its file is, whether it is there as a regular file owned by SYSTEM or
    Administrators, and whether NETWORK SERVICE may read it. For each certificate: who issued it, what it
    is for (Enhanced Key Usage), its DNS names and addresses; for one Windows did not make, whether its
    chain builds on this server. The certificate the repoint fix would choose instead, and the server's
    own events about its certificate (a template certificate that could not be made or replaced,
    automatic enrolment that failed). Changes nothing.
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
    # The listener's certificate names its key container: only that one key file is looked at.
    $listenerKey = Get-RdpListenerKeyFacts -Listener (Get-RdpListenerCertificate -Setting $setting)
    $facts = {
        param($Certificate, [bool]$BuildChain)
        $key = $null
        if ($Certificate.Thumbprint -eq $thumbprint) { $key = $listenerKey }
        $chain = $null
        if ($BuildChain) { $chain = Get-CertificateChainFacts -Certificate $Certificate }
        ConvertTo-RdpCertificateFacts -Certificate $Certificate -Key $key -Chain $chain
    }
    $store = @(Get-ChildItem -LiteralPath $RdpCertStore | ForEach-Object -Process { & $facts $_ $false })
    $myStore = @()
    if ($thumbprint) {
        $myStore = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My' | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint } | ForEach-Object -Process { & $facts $_ $true })
    }
    $replacement = $null
    $choice = Get-RdpReplacementCertificate -CurrentThumbprint $thumbprint
    if ($null -ne $choice) {
        $replacement = ConvertTo-RdpCertificateFacts -Certificate $choice.certificate -Key $choice.key -Chain $choice.chain
        $replacement['store'] = $choice.store
    }
    @{
        listenerThumbprint = $thumbprint
        hashType           = $hashType
        store              = $store
        myStore            = $myStore
        replacement        = $replacement
        events             = @(Get-RdpCertificateEvents)
        now                = (Format-IsoDate -Date (Get-Date))
    }
}
