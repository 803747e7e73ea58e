<#
.SYNOPSIS
    Puts SecurityLayer and UserAuthentication of RDP-Tcp back as the backup recorded them.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    # The timer first: it must not fire later over whatever is set after this undo.
    $timer = @(Remove-TemporaryChangeTimer -Arguments $arguments)
    $restored = @(
        @(Restore-ServerDword -Path $RdpTcpKey -Name 'SecurityLayer' -Previous $arguments.backup.securityLayer) +
        @(Restore-ServerDword -Path $RdpTcpKey -Name 'UserAuthentication' -Previous $arguments.backup.userAuthentication) +
        $timer
    )
    @{ restored = $restored }
}
