<#
.SYNOPSIS
    Reports the key file of the certificate the RDP-Tcp listener uses: the container the
    certificate names (CAPI TSSecKeySet1 for the one Windows makes, or what a custom certificate's
    key says), its file, whether that is a regular file owned by SYSTEM or Administrators, and its
    owner and access entries (by SID), or, run as administrator, that administrators may not read
    them (adminsShutOut). Nothing is found by a file name pattern. Changes nothing.
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
    $adminsShutOut = $false
    if ($null -ne $key -and $key.regularFile) {
        if (Test-FileSecurityReadable -Path $key.path) {
            $files = @(@{ name = (Split-Path -Path $key.path -Leaf); path = $key.path; ownerSid = $key.ownerSid; aces = @(Get-FileAceFacts -Path $key.path) })
        } elseif (Test-ElevatedAdministrator) {
            # Windows' RSA key files carry SYSTEM and Administrators full control and NETWORK
            # SERVICE read ("the default values" that learn.microsoft.com, "Troubleshoot Azure VM
            # RDP connection issues by Event ID", scenario 1, resets them to): administrators who
            # may not even read its permissions mean they were changed, and nothing shows Remote
            # Desktop may still read it. That is the finding.
            $adminsShutOut = $true
        } else {
            # Windows lets only administrators (and the file's owner) read this file's
            # permissions: say so instead of failing with "unauthorized operation".
            throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Only administrators can read the permissions of the Remote Desktop key file. Run RDP Doctor as administrator on the server, or connect to it with PowerShell remoting, to check them.')
        }
    }
    $thumbprint = $null
    $hasPrivateKey = $null
    if ($null -ne $listener) {
        $thumbprint = ([string]$listener.certificate.Thumbprint).ToUpperInvariant()
        $hasPrivateKey = [bool]$listener.certificate.HasPrivateKey
    }
    @{ folder = $MachineKeysFolder; certificateThumbprint = $thumbprint; hasPrivateKey = $hasPrivateKey; key = $key; files = $files; adminsShutOut = $adminsShutOut }
}
