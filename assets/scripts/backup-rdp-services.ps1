<#
.SYNOPSIS
    Saves the status and start type of each Remote Desktop service before the fix changes any.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $services = @(foreach ($name in @($RdpServiceDefaults.Keys)) {
            $service = Get-Service -Name $name -ErrorAction SilentlyContinue
            if ($service) { @{ name = $name; status = [string]$service.Status; startType = [string]$service.StartType } }
        })
    Save-ServerBackup -BackupDir $arguments.backupDir -FileName 'rdp-services.json' -Backup @{ services = $services }
}
