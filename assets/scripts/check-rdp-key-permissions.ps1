<#
.SYNOPSIS
    Reports the owner and access entries (by SID) of the Remote Desktop key file in MachineKeys
    (f686aace6942fb7f7ceb231212eef4a4_*). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $files = @(Get-RdpKeyFile | ForEach-Object -Process {
            $owner = $null
            try { $owner = [string](Get-Acl -LiteralPath $_.FullName).GetOwner([System.Security.Principal.SecurityIdentifier]).Value } catch { $owner = $null }
            try {
                $aces = @(Get-FileAceFacts -Path $_.FullName)
            } catch {
                # Windows lets only administrators (and the file's owner) read this file's
                # permissions: say so instead of failing with "unauthorized operation".
                if ($_.Exception -is [System.UnauthorizedAccessException] -or [string]$_.CategoryInfo.Category -eq 'PermissionDenied') {
                    throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Only administrators can read the permissions of the Remote Desktop key file. Run RDP Doctor as administrator on the server, or connect to it with PowerShell remoting, to check them. If this already ran as administrator, the file''s Administrators entry was removed: "Make Windows create a new Remote Desktop certificate" brings a new key file.')
                }
                throw
            }
            @{ name = [string]$_.Name; path = [string]$_.FullName; ownerSid = $owner; aces = $aces }
        })
    @{ folder = $MachineKeysFolder; files = $files }
}
