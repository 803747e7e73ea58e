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

function New-FakeCertificateEntry {
    param(
        [Parameter(Mandatory = $true)][string]$Subject,
        [Parameter(Mandatory = $true)][datetime]$NotBefore,
        [Parameter(Mandatory = $true)][datetime]$NotAfter,
        [bool]$Exportable = $false,
        [bool]$HasPrivateKey = $true
    )
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = New-Object -TypeName System.Security.Cryptography.X509Certificates.CertificateRequest -ArgumentList $Subject, $rsa, ([System.Security.Cryptography.HashAlgorithmName]::SHA256), ([System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    # Server Authentication, as Windows' Remote Desktop certificate has.
    $usages = New-Object -TypeName System.Security.Cryptography.OidCollection
    $null = $usages.Add((New-Object -TypeName System.Security.Cryptography.Oid -ArgumentList '1.3.6.1.5.5.7.3.1'))
    $request.CertificateExtensions.Add((New-Object -TypeName System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension -ArgumentList $usages, $false))
    $certificate = $request.CreateSelfSigned([datetimeoffset]$NotBefore.ToUniversalTime(), [datetimeoffset]$NotAfter.ToUniversalTime())
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

# Makes the certificates a state describes but has not made yet, and resolves "@<id>" in the
# listener's SSLCertificateSHA1Hash to the thumbprint of the certificate with that id.
function Initialize-FakeCertificates {
    $changed = $false
    $ids = @{}
    foreach ($store in @($script:Machine.certificates.Keys)) {
        $entries = $script:Machine.certificates[$store]
        for ($index = 0; $index -lt $entries.Count; $index++) {
            $entry = $entries[$index]
            if (-not $entry.Contains('pfx')) {
                $hasKey = (-not $entry.Contains('hasPrivateKey')) -or [bool]$entry.hasPrivateKey
                # An RSA key costs ~0.1-0.5 s to make: the same description gets the same
                # certificate for the life of this process.
                $cacheKey = '{0}|{1}|{2}|{3}|{4}' -f $entry.subject, $entry.notBefore, $entry.notAfter, [bool]$entry.exportable, $hasKey
                if (-not $script:CertificateCache.ContainsKey($cacheKey)) {
                    $script:CertificateCache[$cacheKey] = New-FakeCertificateEntry -Subject ([string]$entry.subject) -NotBefore ([datetime]$entry.notBefore) -NotAfter ([datetime]$entry.notAfter) -Exportable ([bool]$entry.exportable) -HasPrivateKey $hasKey
                }
                $made = [ordered]@{}
                foreach ($name in @($script:CertificateCache[$cacheKey].Keys)) { $made[$name] = $script:CertificateCache[$cacheKey][$name] }
                if ($entry.Contains('id')) { $made.Insert(0, 'id', $entry.id) }
                $entries[$index] = $made
                $entry = $made
                $changed = $true
            }
            if ($entry.Contains('id')) { $ids[[string]$entry.id] = [string]$entry.thumbprint }
        }
    }
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

# Removing a LocalMachine certificate needs administrator rights (the store's ACL).
function Remove-FakeCertificate {
    param([Parameter(Mandatory = $true)][string]$Store, [string]$Thumbprint)
    if (-not $Thumbprint) { throw 'FakeWindows: removing a whole store is not modelled.' }
    $entry = Get-FakeCertificate -Store $Store -Thumbprint $Thumbprint
    if ($null -eq $entry) { throw (New-Object -TypeName System.Management.Automation.ItemNotFoundException -ArgumentList "Cannot find path 'Cert:\$Store\$Thumbprint' because it does not exist.") }
    if ($Store.StartsWith('LocalMachine') -and -not (Test-FakeAdmin)) { throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.') }
    $script:Machine.certificates[$Store] = @($script:Machine.certificates[$Store] | Where-Object -FilterScript { -not [object]::ReferenceEquals($_, $entry) })
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
