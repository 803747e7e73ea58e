<#
.SYNOPSIS
    Imports the exported RDP certificate again, points the RDP-Tcp listener back at it, and removes
    the self-signed certificate Windows made after the fix (the one the listener used until now).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $exportPath = $arguments.backup.exportPath
    if (-not $exportPath) { return @{ restored = @() } }
    if (-not $exportPath.EndsWith('.pfx')) {
        throw 'Only the public part of the old certificate could be saved (its key was not exportable), so it cannot be put back. The new certificate stays.'
    }
    $password = ConvertTo-SecureString -String (Get-Content -LiteralPath "$exportPath.key" -Raw).Trim()
    $imported = Import-PfxCertificate -FilePath $exportPath -CertStoreLocation $RdpCertStore -Password $password
    $setting = Get-RdpListenerSetting
    $made = $null
    if ($setting.SSLCertificateSHA1Hash) { $made = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() }
    $null = Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $imported.Thumbprint }
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    $restored.Add("Certificate $($imported.Thumbprint) imported and selected for Remote Desktop again")
    if ($made -and $made -ne ([string]$imported.Thumbprint).ToUpperInvariant()) {
        $madePath = Join-Path -Path $RdpCertStore -ChildPath $made
        if (Test-Path -LiteralPath $madePath) {
            Remove-Item -LiteralPath $madePath
            $restored.Add("Removed certificate $made, which Windows had made after the fix")
        }
    }
    @{ restored = @($restored) }
}
