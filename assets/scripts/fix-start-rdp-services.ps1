<#
.SYNOPSIS
    Sets disabled Remote Desktop services back to the start type Windows ships them with, and
    starts TermService and CryptSvc.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($saved in @($arguments.backup.services)) {
        $name = [string]$saved.name
        if (-not $RdpServiceDefaults.Contains($name)) { throw ('Unexpected service {0} in the backup.' -f $name) }
        $service = Get-Service -Name $name
        if ([string]$service.StartType -eq 'Disabled') {
            $startType = $RdpServiceDefaults[$name]
            Set-Service -Name $name -StartupType $startType
            $changed.Add(('Set {0} to start {1}' -f $name, $startType))
        }
    }
    foreach ($name in @('TermService', 'CryptSvc')) {
        $service = Get-Service -Name $name -ErrorAction SilentlyContinue
        if ($service -and [string]$service.Status -ne 'Running') {
            Start-Service -Name $name
            $changed.Add(('Started {0}' -f $name))
        }
    }
    @{ changed = @($changed) }
}
