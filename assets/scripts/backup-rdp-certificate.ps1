<#
.SYNOPSIS
    Saves the public part (.cer) of the certificate the RDP listener uses, before the fix removes
    it, for the record. Its private key cannot be saved: Windows makes the Remote Desktop
    self-signed key non-exportable, so the certificate itself can never be put back.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $setting = Get-RdpListenerSetting
    if (-not $setting -or -not $setting.SSLCertificateSHA1Hash) { return @{ thumbprint = $null; exportPath = $null } }
    $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant()
    $cert = Get-ChildItem -LiteralPath $RdpCertStore | Where-Object -FilterScript { $_.Thumbprint -eq $thumbprint }
    if (-not $cert) { return @{ thumbprint = $thumbprint; exportPath = $null } }
    $cer = Join-Path -Path $arguments.backupDir -ChildPath "rdp-certificate-$thumbprint.cer"
    $null = Export-Certificate -Cert $cert -FilePath $cer
    @{ thumbprint = $thumbprint; exportPath = $cer }
}
