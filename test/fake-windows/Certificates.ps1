# The Cert: drive's LocalMachine stores, holding real X509Certificate2 objects made per machine
# with .NET's CertificateRequest. The state keeps each as a PFX (base64) once made, so its
# thumbprint stays the same from run to run.
# Entry: { id?, subject, notBefore, notAfter, hasPrivateKey, exportable, pfx?, thumbprint? }.

$script:CertificateCache = @{}

function ConvertTo-FakeCertPath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $match = [regex]::Match($Path, '^(?:Microsoft\.PowerShell\.Security\\Certificate::|Cert:)[\\/]*(LocalMachine|CurrentUser)[\\/]+([^\\/]+)(?:[\\/]+([0-9A-Fa-f]{40}))?[\\/]*$', 'IgnoreCase')
    if (-not $match.Success) {
        if ($Path -match '^Cert:') { throw "FakeWindows: certificate path not modelled: $Path" }
        return $null
    }
    $thumbprint = $null
    if ($match.Groups[3].Success) { $thumbprint = $match.Groups[3].Value.ToUpperInvariant() }
    return @{ Store = ('{0}\{1}' -f $match.Groups[1].Value, $match.Groups[2].Value); Thumbprint = $thumbprint }
}

# Entry fields beyond the dates (all optional): eku (OIDs; absent: Server Authentication, as
# Windows' own certificate; null: no Enhanced Key Usage extension at all, which RFC 5280 4.2.1.12
# reads as any purpose), san { dns: [...], ip: [...] } (Subject Alternative Name), ca (a CA
# certificate: Basic Constraints CA), issuer (the id of the entry that signs it; absent:
# self-signed), key { provider, container, uniqueName } (where its private key lives, as
# certutil -store shows it; see certutil.exe below).
function New-FakeCertificateEntry {
    param(
        [Parameter(Mandatory = $true)][string]$Subject,
        [Parameter(Mandatory = $true)][datetime]$NotBefore,
        [Parameter(Mandatory = $true)][datetime]$NotAfter,
        [bool]$Exportable = $false,
        [bool]$HasPrivateKey = $true,
        [AllowNull()][object[]]$EnhancedKeyUsages = @('1.3.6.1.5.5.7.3.1'),
        [string[]]$DnsNames = @(),
        [string[]]$IpAddresses = @(),
        [bool]$CertificateAuthority = $false,
        $IssuerEntry = $null
    )
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = New-Object -TypeName System.Security.Cryptography.X509Certificates.CertificateRequest -ArgumentList $Subject, $rsa, ([System.Security.Cryptography.HashAlgorithmName]::SHA256), ([System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($null -ne $EnhancedKeyUsages) {
        $usages = New-Object -TypeName System.Security.Cryptography.OidCollection
        foreach ($usage in $EnhancedKeyUsages) { $null = $usages.Add((New-Object -TypeName System.Security.Cryptography.Oid -ArgumentList ([string]$usage))) }
        $request.CertificateExtensions.Add((New-Object -TypeName System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension -ArgumentList $usages, $false))
    }
    if ($DnsNames.Count -gt 0 -or $IpAddresses.Count -gt 0) {
        $names = New-Object -TypeName System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder
        foreach ($dns in $DnsNames) { $names.AddDnsName($dns) }
        foreach ($ip in $IpAddresses) { $names.AddIpAddress([System.Net.IPAddress]::Parse($ip)) }
        $request.CertificateExtensions.Add($names.Build($false))
    }
    if ($CertificateAuthority) {
        $request.CertificateExtensions.Add((New-Object -TypeName System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension -ArgumentList $true, $false, 0, $true))
    }
    $from = [datetimeoffset]$NotBefore.ToUniversalTime()
    $to = [datetimeoffset]$NotAfter.ToUniversalTime()
    if ($null -eq $IssuerEntry) {
        $certificate = $request.CreateSelfSigned($from, $to)
    } else {
        # The issuer's own PFX keeps its key, which signs, whether or not the state shows it a
        # private key (a root in Cert:\LocalMachine\Root has none on the server).
        $issuer = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([System.Convert]::FromBase64String([string]$IssuerEntry.pfx), [string]$null, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
        $serial = [byte[]]::new(16)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($serial)
        $serial[0] = $serial[0] -band 0x7F
        $signed = $request.Create($issuer, $from, $to, $serial)
        $certificate = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($signed, $rsa)
    }
    $bytes = $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx)
    return [ordered]@{
        subject       = $Subject
        notBefore     = $NotBefore.ToUniversalTime().ToString('o')
        notAfter      = $NotAfter.ToUniversalTime().ToString('o')
        hasPrivateKey = $HasPrivateKey
        exportable    = $Exportable
        thumbprint    = $certificate.Thumbprint.ToUpperInvariant()
        pfx           = [System.Convert]::ToBase64String($bytes)
    }
}

# What an entry asks of New-FakeCertificateEntry beyond its dates, and its cache key.
function Get-FakeCertificateRequest {
    param([Parameter(Mandatory = $true)]$Entry, $IssuerEntry)
    $eku = @('1.3.6.1.5.5.7.3.1')
    if ($Entry.Contains('eku')) { $eku = $Entry.eku; if ($null -ne $eku) { $eku = @($eku | ForEach-Object -Process { [string]$_ }) } }
    $dns = @(); $ip = @()
    if ($Entry.Contains('san') -and $null -ne $Entry.san) {
        if ($Entry.san.Contains('dns')) { $dns = @($Entry.san.dns | ForEach-Object -Process { [string]$_ }) }
        if ($Entry.san.Contains('ip')) { $ip = @($Entry.san.ip | ForEach-Object -Process { [string]$_ }) }
    }
    $ca = $Entry.Contains('ca') -and [bool]$Entry.ca
    $issuerThumbprint = ''
    if ($null -ne $IssuerEntry) { $issuerThumbprint = [string]$IssuerEntry.thumbprint }
    $ekuKey = '<none>'
    if ($null -ne $eku) { $ekuKey = ($eku -join ',') }
    return @{
        eku = $eku; dns = $dns; ip = $ip; ca = $ca
        cacheKey = '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}|{9}' -f $Entry.subject, $Entry.notBefore, $Entry.notAfter, ($Entry.Contains('exportable') -and [bool]$Entry.exportable), ((-not $Entry.Contains('hasPrivateKey')) -or [bool]$Entry.hasPrivateKey), $ekuKey, ($dns -join ','), ($ip -join ','), $ca, $issuerThumbprint
    }
}

# Makes the certificates a state describes but has not made yet (issuers first: an entry whose
# issuer is not made yet waits for the next pass), and resolves "@<id>" in the listener's
# SSLCertificateSHA1Hash to the thumbprint of the certificate with that id.
function Initialize-FakeCertificates {
    $changed = $false
    $ids = @{}
    $byId = @{}
    $pending = $true
    for ($pass = 0; $pending -and $pass -lt 5; $pass++) {
        $pending = $false
        foreach ($store in @($script:Machine.certificates.Keys)) {
            $entries = $script:Machine.certificates[$store]
            for ($index = 0; $index -lt $entries.Count; $index++) {
                $entry = $entries[$index]
                if (-not $entry.Contains('pfx')) {
                    $issuerEntry = $null
                    if ($entry.Contains('issuer') -and $entry.issuer) {
                        $issuerEntry = $byId[[string]$entry.issuer]
                        if ($null -eq $issuerEntry) { $pending = $true; continue }
                    }
                    $hasKey = (-not $entry.Contains('hasPrivateKey')) -or [bool]$entry.hasPrivateKey
                    $ask = Get-FakeCertificateRequest -Entry $entry -IssuerEntry $issuerEntry
                    # An RSA key costs ~0.1-0.5 s to make: the same description gets the same
                    # certificate for the life of this process.
                    if (-not $script:CertificateCache.ContainsKey($ask.cacheKey)) {
                        $script:CertificateCache[$ask.cacheKey] = New-FakeCertificateEntry -Subject ([string]$entry.subject) -NotBefore ([datetime]$entry.notBefore) -NotAfter ([datetime]$entry.notAfter) -Exportable ($entry.Contains('exportable') -and [bool]$entry.exportable) -HasPrivateKey $hasKey -EnhancedKeyUsages $ask.eku -DnsNames $ask.dns -IpAddresses $ask.ip -CertificateAuthority $ask.ca -IssuerEntry $issuerEntry
                    }
                    $made = [ordered]@{}
                    foreach ($name in @($entry.Keys)) { $made[$name] = $entry[$name] }
                    foreach ($name in @($script:CertificateCache[$ask.cacheKey].Keys)) { $made[$name] = $script:CertificateCache[$ask.cacheKey][$name] }
                    $entries[$index] = $made
                    $entry = $made
                    $changed = $true
                }
                if ($entry.Contains('id')) {
                    $ids[[string]$entry.id] = [string]$entry.thumbprint
                    $byId[[string]$entry.id] = $entry
                }
            }
        }
    }
    if ($pending) { throw 'FakeWindows: a certificate names an issuer id no certificate in the state has.' }
    $setting = Get-FakeSection -Name 'tsGeneralSetting'
    if ($null -ne $setting -and ([string]$setting.SSLCertificateSHA1Hash).StartsWith('@')) {
        $setting.SSLCertificateSHA1Hash = $ids[([string]$setting.SSLCertificateSHA1Hash).Substring(1)]
        $changed = $true
    }
    if ($changed) { Save-FakeMachine }
}

function Get-FakeCertificate {
    param([Parameter(Mandatory = $true)][string]$Store, [Parameter(Mandatory = $true)][string]$Thumbprint)
    if (-not $script:Machine.certificates.Contains($Store)) { return $null }
    return @($script:Machine.certificates[$Store] | Where-Object -FilterScript { $null -ne $_ -and [string]$_.thumbprint -eq $Thumbprint.ToUpperInvariant() }) | Select-Object -First 1
}

function ConvertTo-FakeX509 {
    param([Parameter(Mandatory = $true)]$Entry)
    $bytes = [System.Convert]::FromBase64String([string]$Entry.pfx)
    $flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable
    $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($bytes, [string]$null, $flags)
    if ($Entry.Contains('hasPrivateKey') -and -not [bool]$Entry.hasPrivateKey) {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate.RawData)
    }
    return $certificate
}

# --- The Remote Desktop certificate's key: container TSSecKeySet1 -----------------------------
#
# Windows keeps the key of the Remote Desktop self-signed certificate in the CAPI machine key
# container TSSecKeySet1: the file f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> in
# %ProgramData%\Microsoft\Crypto\RSA\MachineKeys (learn.microsoft.com, "Troubleshoot Azure VM RDP
# connection issues by Event ID", scenario 1, which names the RSA key files in MachineKeys; the
# MachineGuid is HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid). The state describes the file
# like any other (files[<path>] with its acl); a state without a MachineGuid has no such key.
$script:RdpKeyFilePrefix = 'f686aace6942fb7f7ceb231212eef4a4'
$script:NetworkServiceTokenSids = @('S-1-5-20', 'S-1-1-0', 'S-1-5-11', 'S-1-5-6', 'S-1-5-32-545', 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104')

# The relative path (state key) of this machine's TSSecKeySet1 file; $null without a MachineGuid.
function Get-FakeRdpKeyFile {
    $values = Get-FakeRegistryValues -Key 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography'
    if ($null -eq $values -or -not $values.Contains('MachineGuid')) { return $null }
    return ('ProgramData/Microsoft/Crypto/RSA/MachineKeys/{0}_{1}' -f $script:RdpKeyFilePrefix, [string]$values['MachineGuid'].value)
}

# Whether NETWORK SERVICE (TermService's account) may read a key file: a regular file, and an
# allow entry for a SID in its token with no deny ("How DACLs control access to an object").
function Test-FakeNetworkServiceReads {
    param([Parameter(Mandatory = $true)][string]$Relative)
    $full = Join-Path -Path $script:Root -ChildPath $Relative
    $item = Microsoft.PowerShell.Management\Get-Item -LiteralPath $full -Force -ErrorAction SilentlyContinue
    if ($null -eq $item -or $item -isnot [System.IO.FileInfo] -or $item.LinkTarget) { return $false }
    if (-not $script:Machine.files.Contains($Relative) -or -not $script:Machine.files[$Relative].Contains('acl')) { return $false }
    $acl = $script:Machine.files[$Relative].acl
    $applies = @($acl.aces | Where-Object -FilterScript { $null -ne $_ -and $script:NetworkServiceTokenSids -contains [string]$_.sid -and (Test-FakeRightsInclude -Rights ([int]$_.rights) -Right 1) })
    if (@($applies | Where-Object -FilterScript { [string]$_.type -eq 'Deny' }).Count -gt 0) { return $false }
    return (@($applies | Where-Object -FilterScript { [string]$_.type -eq 'Allow' }).Count -gt 0)
}

# Removing a LocalMachine certificate needs administrator rights (the store's ACL). -DeleteKey
# deletes its private key with it (about_Certificate_Provider, "DeleteKey"): for the Remote
# Desktop certificate, its TSSecKeySet1 file. Administrators may delete any file in MachineKeys
# (KB 278381: Administrators have Full Control on the folder). A certificate whose key file is
# gone is not modelled with -DeleteKey (what the provider answers then is not documented).
function Remove-FakeCertificate {
    param([Parameter(Mandatory = $true)][string]$Store, [string]$Thumbprint, [switch]$DeleteKey)
    if (-not $Thumbprint) { throw 'FakeWindows: removing a whole store is not modelled.' }
    $entry = Get-FakeCertificate -Store $Store -Thumbprint $Thumbprint
    if ($null -eq $entry) { throw (New-Object -TypeName System.Management.Automation.ItemNotFoundException -ArgumentList "Cannot find path 'Cert:\$Store\$Thumbprint' because it does not exist.") }
    if ($Store.StartsWith('LocalMachine') -and -not (Test-FakeAdmin)) { throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.') }
    if ($DeleteKey) {
        if ($Store -ne 'LocalMachine\Remote Desktop') { throw "FakeWindows: -DeleteKey for a certificate in $Store is not modelled." }
        $keyFile = Get-FakeRdpKeyFile
        $full = $null
        if ($null -ne $keyFile) { $full = Join-Path -Path $script:Root -ChildPath $keyFile }
        if ($null -eq $full -or -not (Microsoft.PowerShell.Management\Test-Path -LiteralPath $full)) { throw 'FakeWindows: -DeleteKey on a certificate whose key file is missing is not modelled.' }
        Microsoft.PowerShell.Management\Remove-Item -LiteralPath $full -Force
        $script:Machine.files.Remove($keyFile)
    }
    $script:Machine.certificates[$Store] = @($script:Machine.certificates[$Store] | Where-Object -FilterScript { -not [object]::ReferenceEquals($_, $entry) })
}

# When TermService starts and the listener's self-signed certificate is gone or expired, Windows
# makes a new one in Cert:\LocalMachine\Remote Desktop and points Win32_TSGeneralSetting at it
# (learn.microsoft.com, "Remote Desktop listener certificate configurations": delete it and
# restart the service to regenerate). Its key goes into container TSSecKeySet1: a new key file
# (owner SYSTEM; SYSTEM and Administrators full control, NETWORK SERVICE read) when there is
# none. When that file is there but NETWORK SERVICE may not read it (or it is not a regular
# file), creation fails and Remote Desktop Services logs it in the System log (source
# Microsoft-Windows-TerminalServices-RemoteConnectionManager), as "Troubleshoot Azure VM RDP
# connection issues by Event ID" (scenario 1) shows: 1058 "failed to replace the expired self
# signed certificate ... Access is denied" while the expired one is still there, 1057 "failed to
# create a new self signed certificate ... Keyset does not exist" when there is none; the
# listener is then left without a certificate.
function Invoke-FakeTermServiceStart {
    $setting = Get-FakeSection -Name 'tsGeneralSetting'
    if ($null -eq $setting -or [int]$setting.SSLCertificateSHA1HashType -gt 1) { return }
    $store = 'LocalMachine\Remote Desktop'
    $now = (Get-Date).ToUniversalTime()
    $current = $null
    if ($setting.SSLCertificateSHA1Hash) { $current = Get-FakeCertificate -Store $store -Thumbprint ([string]$setting.SSLCertificateSHA1Hash) }
    if ($null -ne $current -and [datetime]::Parse([string]$current.notAfter, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal) -gt $now) { return }
    $keyFile = Get-FakeRdpKeyFile
    if ($null -ne $keyFile) {
        $full = Join-Path -Path $script:Root -ChildPath $keyFile
        $there = $null -ne (Microsoft.PowerShell.Management\Get-Item -LiteralPath $full -Force -ErrorAction SilentlyContinue)
        if ($there -and -not (Test-FakeNetworkServiceReads -Relative $keyFile)) {
            if ($null -ne $current) {
                Add-FakeRcmEvent -Id 1058 -Message 'The RD Session Host Server has failed to replace the expired self signed certificate used for RD Session Host Server authentication on TLS connections. The relevant status code was Access is denied.'
            } else {
                Add-FakeRcmEvent -Id 1057 -Message 'The RD Session Host Server has failed to create a new self signed certificate to be used for RD Session Host Server authentication on TLS connections. The relevant status code was Keyset does not exist'
            }
            return
        }
        if (-not $there) {
            $null = Microsoft.PowerShell.Management\New-Item -ItemType Directory -Path (Split-Path -Path $full -Parent) -Force
            [System.IO.File]::WriteAllText($full, 'RSA key container')
            $script:Machine.files[$keyFile] = [ordered]@{
                acl = [ordered]@{
                    owner     = 'S-1-5-18'
                    protected = $false
                    aces      = @(
                        [ordered]@{ sid = 'S-1-5-18'; type = 'Allow'; rights = 0x1F01FF; inherited = $false },
                        [ordered]@{ sid = 'S-1-5-32-544'; type = 'Allow'; rights = 0x1F01FF; inherited = $false },
                        [ordered]@{ sid = 'S-1-5-20'; type = 'Allow'; rights = 0x120089; inherited = $false }
                    )
                }
            }
        }
    }
    $system = Get-FakeSection -Name 'computerSystem'
    $name = 'PC01'
    if ($null -ne $system) { $name = [string]$system.name }
    # Made by the machine's own clock, valid six months.
    $entry = New-FakeCertificateEntry -Subject "CN=$name" -NotBefore $now.AddMinutes(-5) -NotAfter $now.AddMonths(6) -Exportable $false
    $script:Machine.certificates[$store] = @(@($script:Machine.certificates[$store] | Where-Object -FilterScript { $null -ne $_ -and -not [object]::ReferenceEquals($_, $current) }) + @($entry))
    $setting.SSLCertificateSHA1Hash = $entry.thumbprint
    $setting.SSLCertificateSHA1HashType = 1
}

# An event of Remote Desktop Services' connection manager in the System log, its status text as
# the one unnamed data item (the article above quotes the rendered messages only).
function Add-FakeRcmEvent {
    param([Parameter(Mandatory = $true)][int]$Id, [Parameter(Mandatory = $true)][string]$Message)
    if (-not $script:Machine.Contains('events') -or $null -eq $script:Machine['events']) { $script:Machine['events'] = [ordered]@{} }
    $logs = $script:Machine['events']
    if (-not $logs.Contains('System')) { $logs['System'] = [ordered]@{ enabled = $true; records = @() } }
    $record = [ordered]@{
        id       = $Id
        time     = (Get-Date).ToUniversalTime().ToString('o')
        provider = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'
        message  = $Message
        data     = @([ordered]@{ name = $null; value = $Message })
    }
    $logs['System'].records = @(@($logs['System'].records | Where-Object -FilterScript { $null -ne $_ }) + @($record))
}

# PKI module: Export-Certificate writes the DER certificate (-Type CERT, the default).
function Export-Certificate {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)]$Cert, [Parameter(Mandatory = $true)][string]$FilePath, [string]$Type = 'CERT')
    Invoke-FakeFault -Command 'Export-Certificate'
    if ($Type -ne 'CERT') { throw "FakeWindows: Export-Certificate -Type $Type not modelled" }
    [System.IO.File]::WriteAllBytes((Resolve-FakeFilePath -Path $FilePath), $Cert.RawData)
    return Microsoft.PowerShell.Management\Get-Item -LiteralPath $FilePath
}

# certutil -store <store> <thumbprint> (learn.microsoft.com, "certutil", -store: "Dumps the
# certificate store"), LocalMachine stores. Per certificate it prints the key the certificate's
# key provider property (CERT_KEY_PROV_INFO_PROP_ID) names, as the two Microsoft articles that show
# this output do ("CA certificate renewal fails when using a KSP provider"; "Troubleshoot Always On
# VPN", user certificate): "Key Container = <name>", "Unique container name: <file>" (the key's file
# in MachineKeys for a CSP, in Crypto\Keys for the Microsoft Software Key Storage Provider) and
# "Provider = <provider>". The labels are localized; the file name and the provider's name are not.
# Modelled from public reports, not Microsoft's pages: "Missing stored keyset" when the key file is
# gone, and "No key provider information" for a certificate without a private key. A thumbprint
# that is not in the store: "CertUtil: -store command FAILED: 0x80090011 (-2146893807
# NTE_NOT_FOUND)" and that HRESULT as the exit code. The unique name is only shown to whoever may
# open the key, which for a machine key is SYSTEM and administrators (the key files Windows makes
# grant SYSTEM and Administrators full control): a standard user is not modelled.
function certutil.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'certutil.exe'
    if ($arguments.Count -ne 3 -or $arguments[0] -ne '-store') { throw "FakeWindows: certutil.exe $($arguments -join ' ') not modelled" }
    if (-not (Test-FakeAdmin)) { throw 'FakeWindows: certutil -store as a standard user is not modelled.' }
    $store = 'LocalMachine\' + [string]$arguments[1]
    $entry = Get-FakeCertificate -Store $store -Thumbprint ([string]$arguments[2])
    if ($null -eq $entry) {
        'CertUtil: -store command FAILED: 0x80090011 (-2146893807 NTE_NOT_FOUND)'
        'CertUtil: Object was not found.'
        Set-FakeExitCode -2146893807
        return
    }
    $certificate = ConvertTo-FakeX509 -Entry $entry
    '{0} Certificate 0 {0}' -f ('=' * 16)
    'Serial Number: {0}' -f $certificate.SerialNumber.ToLowerInvariant()
    'Issuer: {0}' -f $certificate.Issuer
    ' NotBefore: {0}' -f $certificate.NotBefore.ToString('M/d/yyyy h:mm tt', [System.Globalization.CultureInfo]::InvariantCulture)
    ' NotAfter: {0}' -f $certificate.NotAfter.ToString('M/d/yyyy h:mm tt', [System.Globalization.CultureInfo]::InvariantCulture)
    'Subject: {0}' -f $certificate.Subject
    if ($certificate.Subject -eq $certificate.Issuer) { 'Root Certificate: Subject matches Issuer' } else { 'Non-root Certificate' }
    'Cert Hash(sha1): {0}' -f $certificate.Thumbprint.ToLowerInvariant()
    $hasKey = (-not $entry.Contains('hasPrivateKey')) -or [bool]$entry.hasPrivateKey
    if (-not $hasKey) {
        '  No key provider information'
    } elseif (-not $entry.Contains('key') -or $null -eq $entry.key) {
        throw "FakeWindows: certificate $($entry.thumbprint) in $store has a private key but no key (provider, container, file) in the state."
    } else {
        $key = $entry.key
        '  Key Container = {0}' -f [string]$key.container
        $folder = 'ProgramData/Microsoft/Crypto/RSA/MachineKeys'
        if ([string]$key.provider -like '*Key Storage Provider*') { $folder = 'ProgramData/Microsoft/Crypto/Keys' }
        $full = Join-Path -Path $script:Root -ChildPath ('{0}/{1}' -f $folder, [string]$key.uniqueName)
        if (Microsoft.PowerShell.Management\Test-Path -LiteralPath $full) {
            '  Unique container name: {0}' -f [string]$key.uniqueName
            '  Provider = {0}' -f [string]$key.provider
            'Private key is NOT exportable'
            'Encryption test passed'
        } else {
            '  Provider = {0}' -f [string]$key.provider
            'Missing stored keyset'
        }
    }
    ''
    'CertUtil: -store command completed successfully.'
    Set-FakeExitCode 0
}
