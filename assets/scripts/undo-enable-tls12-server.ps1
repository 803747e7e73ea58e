<#
.SYNOPSIS
    Puts the SCHANNEL TLS 1.2 server key back as the backup recorded it: removes it if it did not
    exist (the OS default), else restores both values.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $tls12Server = Join-Path -Path $SchannelProtocolsKey -ChildPath 'TLS 1.2\Server'
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    if (-not $arguments.backup.keyExisted) {
        if (Test-Path -LiteralPath $tls12Server) { Remove-Item -LiteralPath $tls12Server -Recurse }
        return @{ restored = @('Removed the TLS 1.2\Server key again (Windows default)') }
    }
    $restored = @(
        @(Restore-ServerDword -Path $tls12Server -Name 'Enabled' -Previous $arguments.backup.enabled) +
        @(Restore-ServerDword -Path $tls12Server -Name 'DisabledByDefault' -Previous $arguments.backup.disabledByDefault)
    )
    @{ restored = $restored }
}
