<#
.SYNOPSIS
    Imports the exported RDP certificate again and points the RDP-Tcp listener back at it.
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
    $null = Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $imported.Thumbprint }
    @{ restored = @("Certificate $($imported.Thumbprint) imported and selected for Remote Desktop again") }
}
