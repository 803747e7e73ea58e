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
            return @{ certificate = $found; madeByWindows = $madeByWindows; store = (Split-Path -Path $store -Leaf) }
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
        if (-not $Listener.madeByWindows -and $Listener.ContainsKey('store') -and $Listener.store) {
            # A certificate Windows did not make names its key in its key provider property,
            # which certutil reads without opening the key (below).
            $location = Get-StoreCertificateKeyLocation -StoreName ([string]$Listener.store) -Thumbprint ([string]$Listener.certificate.Thumbprint)
        } else {
            $location = Get-CertificateKeyLocation -Certificate $Listener.certificate -MadeByWindows $Listener.madeByWindows
        }
    }
    $facts = @{ container = $location.container; provider = $location.provider; path = $location.path; exists = $null; regularFile = $null; ownerSid = $null; ownerTrusted = $null; networkServiceCanRead = $null }
    if ($location.path) {
        $state = Get-KeyFileState -Path $location.path
        foreach ($name in @($state.Keys)) { $facts[$name] = $state[$name] }
    }
    return $facts
}

# A certificate as the certificate check reports it; $Key: its key file facts when known; $Chain:
# Get-CertificateChainFacts when it was built.
function ConvertTo-RdpCertificateFacts {
    param(
        [Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        $Key = $null,
        $Chain = $null
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
        issuer        = [string]$Certificate.Issuer
        dnsNames      = @()
        ipAddresses   = @()
    }
    $usages = Get-CertificateUsages -Certificate $Certificate
    if ($null -eq $usages) { $facts['enhancedKeyUsages'] = $null } else { $facts['enhancedKeyUsages'] = @($usages) }
    $names = Get-CertificateAltNames -Certificate $Certificate
    $facts['dnsNames'] = @($names.dns)
    $facts['ipAddresses'] = @($names.ip)
    if ($null -ne $Chain) { $facts['chain'] = $Chain }
    if ($null -ne $Key) { $facts['key'] = $Key }
    return $facts
}

# --- Certificates Windows does not make: what they are for, their names, chain and key --------
#
# Enhanced Key Usages that let a certificate prove a server's identity to Remote Desktop: Server
# Authentication (1.3.6.1.5.5.7.3.1), Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2, which
# Remote Desktop prefers: AskDS, "Remote Desktop Services enrolling for TLS certificate from an
# Enterprise CA") and anyExtendedKeyUsage (2.5.29.37.0); no extension at all means any purpose
# (RFC 5280 4.2.1.12).
$RdpServerUsageOids = @('1.3.6.1.5.5.7.3.1', '1.3.6.1.4.1.311.54.1.2', '2.5.29.37.0')

# The Enhanced Key Usage OIDs of a certificate; $null when it has no such extension.
function Get-CertificateUsages {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    $extension = @($Certificate.Extensions | Where-Object -FilterScript { $_.Oid.Value -eq '2.5.29.37' }) | Select-Object -First 1
    if ($null -eq $extension) { return $null }
    $usages = [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]$extension
    return , [string[]]@($usages.EnhancedKeyUsages | ForEach-Object -Process { [string]$_.Value })
}

# Whether a certificate may prove a server's identity to Remote Desktop (above).
function Test-ServesRemoteDesktop {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    $usages = Get-CertificateUsages -Certificate $Certificate
    if ($null -eq $usages) { return $true }
    return (@($usages | Where-Object -FilterScript { $RdpServerUsageOids -contains $_ }).Count -gt 0)
}

# A DER length at $Position (short or long form, up to 3 bytes), moving $Position past it.
function Read-DerLength {
    param([Parameter(Mandatory = $true)][byte[]]$Bytes, [Parameter(Mandatory = $true)][ref]$Position)
    $first = [int]$Bytes[$Position.Value]
    $Position.Value++
    if ($first -lt 0x80) { return $first }
    $count = $first -band 0x7F
    if ($count -lt 1 -or $count -gt 3) { throw 'A certificate name extension uses a length RDP Doctor does not read.' }
    $length = 0
    for ($index = 0; $index -lt $count; $index++) {
        $length = ($length * 256) + [int]$Bytes[$Position.Value]
        $Position.Value++
    }
    return $length
}

# The Subject Alternative Name's DNS names and IP addresses, read from the extension's DER
# (RFC 5280 4.2.1.6: a SEQUENCE of GeneralName, dNSName [2] IA5String, iPAddress [7] OCTET
# STRING of 4 or 16 bytes). Read from the bytes because .NET Framework has no parser for it and
# its Format() text is localized.
function Get-CertificateAltNames {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    $dns = New-Object -TypeName System.Collections.Generic.List[string]
    $ip = New-Object -TypeName System.Collections.Generic.List[string]
    $extension = @($Certificate.Extensions | Where-Object -FilterScript { $_.Oid.Value -eq '2.5.29.17' }) | Select-Object -First 1
    if ($null -ne $extension) {
        $bytes = [byte[]]$extension.RawData
        if ($bytes.Length -ge 2 -and $bytes[0] -eq 0x30) {
            $position = 1
            $total = Read-DerLength -Bytes $bytes -Position ([ref]$position)
            $end = [Math]::Min($bytes.Length, $position + $total)
            while ($position -lt $end) {
                $tag = [int]$bytes[$position]
                $position++
                $length = Read-DerLength -Bytes $bytes -Position ([ref]$position)
                if ($position + $length -gt $end) { break }
                if ($tag -eq 0x82) { $dns.Add([System.Text.Encoding]::ASCII.GetString($bytes, $position, $length)) }
                if ($tag -eq 0x87 -and ($length -eq 4 -or $length -eq 16)) {
                    $address = New-Object -TypeName byte[] -ArgumentList $length
                    [System.Array]::Copy($bytes, $position, $address, 0, $length)
                    $ip.Add((New-Object -TypeName System.Net.IPAddress -ArgumentList (, $address)).ToString())
                }
                $position += $length
            }
        }
    }
    return @{ dns = $dns.ToArray(); ip = $ip.ToArray() }
}

# Whether the chain of a certificate builds on this computer (X509Chain in the machine's context,
# revocation from cached lists only, so no network wait), with the computer's intermediate (CA) and
# root certificates offered as extra candidates: { trusted, problems (X509ChainStatusFlags names) }.
# A chain that ends in a certificate of the computer's own Root store counts as trusted whatever
# the platform's store reports (Windows trusts what Cert:\LocalMachine\Root holds). Revocation that
# could not be checked offline is not a problem.
function Get-CertificateChainFacts {
    param([Parameter(Mandatory = $true)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
    $chain = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Chain -ArgumentList $true
    try {
        $chain.ChainPolicy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::Offline
        $roots = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Root' -ErrorAction SilentlyContinue)
        foreach ($extra in @(@(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\CA' -ErrorAction SilentlyContinue) + $roots)) { $null = $chain.ChainPolicy.ExtraStore.Add($extra) }
        $null = $chain.Build($Certificate)
        $problems = New-Object -TypeName System.Collections.Generic.List[string]
        foreach ($status in @($chain.ChainStatus)) {
            foreach ($flag in ([string]$status.Status).Split(',')) {
                $name = $flag.Trim()
                if ($name -and $name -ne 'NoError' -and -not $problems.Contains($name)) { $problems.Add($name) }
            }
        }
        $top = $chain.ChainElements[$chain.ChainElements.Count - 1].Certificate
        $rootThumbprints = @($roots | ForEach-Object -Process { [string]$_.Thumbprint })
        if ($top.Subject -eq $top.Issuer -and $rootThumbprints -contains [string]$top.Thumbprint) { $null = $problems.Remove('UntrustedRoot') }
        $real = @($problems | Where-Object -FilterScript { @('RevocationStatusUnknown', 'OfflineRevocation') -notcontains $_ })
        return @{ trusted = ($real.Count -eq 0); problems = $problems.ToArray() }
    } finally {
        $chain.Reset()
    }
}

# The certificate the listener could use instead of the one it names, by one rule that the check
# reports and the repoint fix applies again: in Cert:\LocalMachine\My, one with its private key,
# valid now, made for server or Remote Desktop authentication, whose chain this server trusts and
# whose key file NETWORK SERVICE may read, the latest to expire; else Windows' own valid
# self-signed one in Remote Desktop. $null when there is none. { certificate, store, key, chain }.
# Who may not read machine keys (a standard user) cannot tell whether NETWORK SERVICE may: such a
# candidate still counts for the check; the fix, which runs as administrator, knows.
function Get-RdpReplacementCertificate {
    param([string]$CurrentThumbprint)
    $now = Get-Date
    $best = $null
    foreach ($candidate in @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My')) {
        if ([string]$candidate.Thumbprint -eq $CurrentThumbprint -or -not $candidate.HasPrivateKey) { continue }
        if ($candidate.NotBefore -gt $now -or $candidate.NotAfter -le $now) { continue }
        if (-not (Test-ServesRemoteDesktop -Certificate $candidate)) { continue }
        if ($null -ne $best -and $candidate.NotAfter -le $best.certificate.NotAfter) { continue }
        $chain = Get-CertificateChainFacts -Certificate $candidate
        if (-not $chain.trusted) { continue }
        $key = Get-RdpListenerKeyFacts -Listener @{ certificate = $candidate; madeByWindows = $false; store = 'My' }
        if ($null -eq $key -or $key.networkServiceCanRead -eq $false -or $key.exists -eq $false) { continue }
        $best = @{ certificate = $candidate; store = 'My'; key = $key; chain = $chain }
    }
    if ($null -ne $best) { return $best }
    $own = @(Get-ChildItem -LiteralPath $RdpCertStore | Where-Object -FilterScript {
            [string]$_.Thumbprint -ne $CurrentThumbprint -and $_.HasPrivateKey -and $_.NotBefore -le $now -and $_.NotAfter -gt $now
        } | Sort-Object -Property NotAfter -Descending) | Select-Object -First 1
    if ($null -eq $own) { return $null }
    $key = Get-RdpListenerKeyFacts -Listener @{ certificate = $own; madeByWindows = $true; store = 'Remote Desktop' }
    if ($null -eq $key -or $key.networkServiceCanRead -eq $false -or $key.exists -eq $false) { return $null }
    return @{ certificate = $own; store = 'Remote Desktop'; key = $key; chain = $null }
}

# The server's own events about its Remote Desktop certificate in the last 14 days, newest first:
# RemoteConnectionManager (System log) 1051 "no usable certificate was found", 1059 "configuration
# data was invalid and the service reset it", 1064 EVENT_TS_SSL_TEMPLATE_CERT_CREATE_FAILED, 1065
# EVENT_TS_SSL_TEMPLATE_CERT_REPLACE_FAILED (learn.microsoft.com, "Remote Desktop Services
# Authentication and Encryption" and "Event ID 1064 / 1065 - Terminal Services Authentication and
# Encryption"); CertificateServicesClient-AutoEnrollment (Application log) 6 "Automatic
# certificate enrollment for local system failed" and 13 "Certificate enrollment for Local system
# failed to enroll for a ... certificate" ("Certificate Autoenrollment in Windows Server 2003",
# Troubleshooting, its event messages). A log that cannot be read gives no events.
function Get-RdpCertificateEvents {
    $since = (Get-Date).AddDays(-14)
    $found = New-Object -TypeName System.Collections.Generic.List[object]
    $queries = @(
        @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; Id = 1051, 1059, 1064, 1065; StartTime = $since },
        @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment'; Id = 6, 13; StartTime = $since }
    )
    foreach ($query in $queries) {
        try {
            $records = @(Get-WinEvent -FilterHashtable $query -MaxEvents 10 -ErrorAction Stop)
        } catch {
            continue
        }
        foreach ($record in $records) {
            $message = [string]$record.Message
            if ($message.Length -gt 400) { $message = $message.Substring(0, 400) }
            $found.Add(@{ id = [int]$record.Id; provider = [string]$record.ProviderName; time = (Format-IsoDate -Date $record.TimeCreated); message = $message })
        }
    }
    return @($found.ToArray() | Sort-Object -Property { $_.time } -Descending)
}
