<#
.SYNOPSIS
    Cannot put the old Remote Desktop certificate back: its private key was never exportable, and
    Windows made a new one. Says so, and changes nothing (the new certificate stays in use).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $restored = @()
    # Nothing was saved when the certificate was already gone before the fix.
    if ($arguments.backup.thumbprint -and $arguments.backup.exportPath) {
        $restored = @(('Certificate {0} cannot be put back (Windows never lets its private key be exported); Windows made a new one, which stays. Its public part is saved in {1}.' -f $arguments.backup.thumbprint, $arguments.backup.exportPath))
    }
    @{ restored = $restored }
}
