<#
.SYNOPSIS
    Points the RDP-Tcp listener back at the certificate it used before the repoint fix
    (Win32_TSGeneralSetting SSLCertificateSHA1Hash from the backup), if that certificate is still on
    the server. Refuses while a group policy chooses the certificate. Deletes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $previous = [string]$arguments.backup.thumbprint
    $now = Get-RdpListenerChoice
    if (-not $previous) {
        return @{ restored = @('Before the fix Remote Desktop named no certificate, and an empty choice cannot be set again: it keeps using {0}' -f $now.thumbprint) }
    }
    if ([string]$now.thumbprint -eq $previous) {
        return @{ restored = @(('Remote Desktop already uses certificate {0} again: nothing to put back' -f $previous)) }
    }
    Set-RdpListenerCertificate -Setting $now.setting -Thumbprint $previous
    @{ restored = @(('Pointed Remote Desktop back at certificate {0} (it used {1})' -f $previous, $now.thumbprint)) }
}
