<#
.SYNOPSIS
    Points the RDP-Tcp listener at a valid certificate this server already has: it chooses again,
    on the server, by the rule the certificate check reported (Get-RdpReplacementCertificate: in
    Cert:\LocalMachine\My one with its private key, valid now, made for server or Remote Desktop
    authentication, trusted here, whose key NETWORK SERVICE may read, the latest to expire; else
    Windows' own valid self-signed one) and sets Win32_TSGeneralSetting SSLCertificateSHA1Hash to
    it. Refuses while a group policy chooses the certificate, or when the listener's choice changed
    since the backup. Checks that Windows took it, and puts the previous choice back when not.
    Deletes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $before = Get-RdpListenerChoice
    if ([string]$before.thumbprint -ne [string]$arguments.backup.thumbprint) {
        throw ('Remote Desktop''s certificate changed since the backup (now {0}, then {1}). Nothing was changed; check again first.' -f $before.thumbprint, $arguments.backup.thumbprint)
    }
    $replacement = Get-RdpReplacementCertificate -CurrentThumbprint ([string]$before.thumbprint)
    if ($null -eq $replacement) {
        throw 'This server has no other valid certificate Remote Desktop could use (made for server authentication, valid now, trusted here, with a private key Remote Desktop may read). Nothing was changed.'
    }
    $thumbprint = ([string]$replacement.certificate.Thumbprint).ToUpperInvariant()
    Set-RdpListenerCertificate -Setting $before.setting -Thumbprint $thumbprint
    $after = Get-RdpListenerChoice
    if ([string]$after.thumbprint -ne $thumbprint) {
        if ($before.thumbprint) { Set-RdpListenerCertificate -Setting $after.setting -Thumbprint ([string]$before.thumbprint) }
        throw ('Windows did not keep certificate {0} for Remote Desktop (it names {1}); the previous choice was put back.' -f $thumbprint, $after.thumbprint)
    }
    $was = 'no certificate'
    if ($before.thumbprint) { $was = [string]$before.thumbprint }
    @{
        changed    = @(('Pointed Remote Desktop at certificate {0} ({1}, in {2}) instead of {3}' -f $thumbprint, $replacement.certificate.Subject, $replacement.store, $was))
        thumbprint = $thumbprint
    }
}
