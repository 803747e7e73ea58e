<#
.SYNOPSIS
    Before the fix removes it, saves the public part (.cer) of the certificate the RDP listener
    uses, for the record, and records its key file (found from the certificate: container
    TSSecKeySet1) with its file id. Its private key cannot be saved: Windows makes the Remote
    Desktop self-signed key non-exportable, so the certificate itself can never be put back.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $setting = Get-RdpListenerSetting
    # A certificate a group policy or an administrator chose is not Windows' to replace.
    if ($null -ne $setting -and $null -ne $setting.SSLCertificateSHA1HashType -and [int]$setting.SSLCertificateSHA1HashType -ge 2) {
        throw 'Remote Desktop uses a certificate chosen by a group policy or installed by an administrator. Windows does not make a new one when it is removed, so RDP Doctor does not remove it: renew it where it came from. Nothing was changed.'
    }
    $listener = Get-RdpListenerCertificate -Setting $setting
    $key = $null
    if ($null -ne $listener) {
        $key = Get-RdpListenerKeyFacts -Listener $listener
    } else {
        # The certificate is gone, its key file may not be (an earlier attempt that failed):
        # Windows cannot make a new key in TSSecKeySet1 while an unusable one is there.
        $key = Get-RdpListenerKeyFacts -Location (Get-RdpSelfSignedKeyLocation)
    }
    $keyFile = $null
    if ($null -ne $key -and $key.path) {
        $keyFile = @{ path = $key.path; exists = [bool]$key.exists; fileId = $null }
        # The fix deletes this file with the certificate: it must be the key Windows made.
        if ($key.exists) { $keyFile.fileId = Assert-TrustedKeyFile -Path $key.path }
    }
    if (-not $setting -or -not $setting.SSLCertificateSHA1Hash) { return @{ thumbprint = $null; exportPath = $null; keyFile = $keyFile } }
    $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant()
    $cert = Get-ChildItem -LiteralPath $RdpCertStore | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint }
    if (-not $cert) { return @{ thumbprint = $thumbprint; exportPath = $null; keyFile = $keyFile } }
    $cer = Join-Path -Path $arguments.backupDir -ChildPath "rdp-certificate-$thumbprint.cer"
    $null = Export-Certificate -Cert $cert -FilePath $cer
    @{ thumbprint = $thumbprint; exportPath = $cer; keyFile = $keyFile }
}
