<#
.SYNOPSIS
    Exports the certificate the RDP listener uses, before a fix removes it. The private key goes
    into a .pfx whose random password is kept DPAPI-protected beside it; a key that cannot be
    exported leaves a .cer (public part) only.
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
    $pfx = Join-Path -Path $arguments.backupDir -ChildPath "rdp-certificate-$thumbprint.pfx"
    try {
        $password = ConvertTo-SecureString -String ([guid]::NewGuid().ToString()) -AsPlainText -Force
        $null = Export-PfxCertificate -Cert $cert -FilePath $pfx -Password $password
        Set-Content -LiteralPath "$pfx.key" -Value (ConvertFrom-SecureString -SecureString $password) -Encoding ASCII
        return @{ thumbprint = $thumbprint; exportPath = $pfx }
    } catch {
        $cer = Join-Path -Path $arguments.backupDir -ChildPath "rdp-certificate-$thumbprint.cer"
        $null = Export-Certificate -Cert $cert -FilePath $cer
        return @{ thumbprint = $thumbprint; exportPath = $cer }
    }
}
