<#
.SYNOPSIS
    Reports the key file of the certificate the RDP-Tcp listener uses: the container the
    certificate names (CAPI TSSecKeySet1 for the one Windows makes, or what a custom certificate's
    key says), its file, whether that is a regular file owned by SYSTEM or Administrators, and its
    owner and access entries (by SID). Nothing is found by a file name pattern. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $listener = Get-RdpListenerCertificate -Setting (Get-RdpListenerSetting)
    $key = Get-RdpListenerKeyFacts -Listener $listener
    $files = @()
    if ($null -ne $key -and $key.regularFile) {
        try {
            $aces = @(Get-FileAceFacts -Path $key.path)
        } catch {
            # Windows lets only administrators (and the file's owner) read this file's
            # permissions: say so instead of failing with "unauthorized operation".
            if ($_.Exception -is [System.UnauthorizedAccessException] -or [string]$_.CategoryInfo.Category -eq 'PermissionDenied') {
                throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Only administrators can read the permissions of the Remote Desktop key file. Run RDP Doctor as administrator on the server, or connect to it with PowerShell remoting, to check them. If this already ran as administrator, the file''s Administrators entry was removed: "Make Windows create a new Remote Desktop certificate" brings a new key file.')
            }
            throw
        }
        $files = @(@{ name = (Split-Path -Path $key.path -Leaf); path = $key.path; ownerSid = $key.ownerSid; aces = $aces })
    }
    $thumbprint = $null
    $hasPrivateKey = $null
    if ($null -ne $listener) {
        $thumbprint = ([string]$listener.certificate.Thumbprint).ToUpperInvariant()
        $hasPrivateKey = [bool]$listener.certificate.HasPrivateKey
    }
    @{ folder = $MachineKeysFolder; certificateThumbprint = $thumbprint; hasPrivateKey = $hasPrivateKey; key = $key; files = $files }
}
