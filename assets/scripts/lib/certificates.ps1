# The listener's certificate, and what the checks report about it and its key file.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The listener's certificate: the configured thumbprint in the Remote Desktop or My store, and
# whether Windows made it (self-signed, SSLCertificateSHA1HashType 0/1, in Remote Desktop).
# $null when the listener names none that is there. $Setting may be $null (briefly, during a
# restart of the services, Win32_TSGeneralSetting has no RDP-Tcp instance).
function Get-RdpListenerCertificate {
    param($Setting)
    if ($null -eq $Setting -or -not $Setting.SSLCertificateSHA1Hash) { return $null }
    $thumbprint = ([string]$Setting.SSLCertificateSHA1Hash).ToUpperInvariant()
    $hashType = $null
    if ($null -ne $Setting.SSLCertificateSHA1HashType) { $hashType = [int]$Setting.SSLCertificateSHA1HashType }
    foreach ($store in @($RdpCertStore, 'Cert:\LocalMachine\My')) {
        $found = @(Get-ChildItem -LiteralPath $store | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint }) | Select-Object -First 1
        if ($null -ne $found) {
            $madeByWindows = ($store -eq $RdpCertStore) -and ($null -eq $hashType -or $hashType -le 1)
            return @{ certificate = $found; madeByWindows = $madeByWindows }
        }
    }
    return $null
}

# The key file of the listener's certificate, as the checks report it: where it is and what it is.
# -Location: a key's place known without its certificate (Get-RdpSelfSignedKeyLocation).
function Get-RdpListenerKeyFacts {
    param($Listener, $Location = $null)
    $location = $Location
    if ($null -eq $location) {
        if ($null -eq $Listener) { return $null }
        $location = Get-CertificateKeyLocation -Certificate $Listener.certificate -MadeByWindows $Listener.madeByWindows
    }
    $facts = @{ container = $location.container; provider = $location.provider; path = $location.path; exists = $null; regularFile = $null; ownerSid = $null; ownerTrusted = $null; networkServiceCanRead = $null }
    if ($location.path) {
        $state = Get-KeyFileState -Path $location.path
        foreach ($name in @($state.Keys)) { $facts[$name] = $state[$name] }
    }
    return $facts
}

# A certificate as the certificate check reports it; $Key: its key file facts when known.
function ConvertTo-RdpCertificateFacts {
    param(
        [Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        $Key = $null
    )
    $keyFile = $null
    $readable = $null
    if ($null -ne $Key -and $Key.exists) {
        $keyFile = $Key.path
        $readable = $Key.networkServiceCanRead
    }
    $facts = @{
        thumbprint    = ([string]$Certificate.Thumbprint).ToUpperInvariant()
        subject       = [string]$Certificate.Subject
        notBefore     = Format-IsoDate -Date $Certificate.NotBefore
        notAfter      = Format-IsoDate -Date $Certificate.NotAfter
        hasPrivateKey = [bool]$Certificate.HasPrivateKey
        keyReadable   = $readable
        keyFile       = $keyFile
    }
    if ($null -ne $Key) { $facts['key'] = $Key }
    return $facts
}
