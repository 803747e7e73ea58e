<#
.SYNOPSIS
    Before the repoint fix changes it, saves which certificate the RDP-Tcp listener uses
    (Win32_TSGeneralSetting SSLCertificateSHA1Hash and SSLCertificateSHA1HashType) to the backup
    folder. Refuses while a group policy chooses the certificate (hash type 2): the policy would put
    its own certificate back. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $choice = Get-RdpListenerChoice
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-listener-certificate.json' -Backup @{ thumbprint = $choice.thumbprint; hashType = $choice.hashType }
}
