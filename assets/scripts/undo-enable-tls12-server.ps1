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
        $restored = @(
            @(Restore-ServerDword -Path $tls12Server -Name 'Enabled' -Previous $null) +
            @(Restore-ServerDword -Path $tls12Server -Name 'DisabledByDefault' -Previous $null)
        )
        # The fix created the key (and "TLS 1.2" above it when that was missing too): remove what
        # it created, as long as nothing else has been put there since.
        $root = $tls12Server
        if ($arguments.backup.PSObject.Properties['missingFrom'] -and $arguments.backup.missingFrom) { $root = [string]$arguments.backup.missingFrom }
        return @{ restored = @($restored + @(Remove-EmptyKeyChain -Path $tls12Server -Root $root)) }
    }
    $restored = @(
        @(Restore-ServerDword -Path $tls12Server -Name 'Enabled' -Previous $arguments.backup.enabled) +
        @(Restore-ServerDword -Path $tls12Server -Name 'DisabledByDefault' -Previous $arguments.backup.disabledByDefault)
    )
    @{ restored = $restored }
}
