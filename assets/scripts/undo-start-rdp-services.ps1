<#
.SYNOPSIS
    Stops the services the backup recorded as stopped and puts each start type back.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($saved in @($arguments.backup.services)) {
        $name = [string]$saved.name
        if (-not $RdpServiceDefaults.Contains($name)) { throw ('Unexpected service {0} in the backup.' -f $name) }
        $service = Get-Service -Name $name
        if ([string]$saved.status -eq 'Stopped' -and [string]$service.Status -eq 'Running') {
            Stop-Service -Name $name -Force
            $restored.Add(('Stopped {0} again' -f $name))
        }
        $service = Get-Service -Name $name
        if ([string]$service.StartType -ne [string]$saved.startType) {
            Set-Service -Name $name -StartupType ([string]$saved.startType)
            $restored.Add(('Set {0} back to {1}' -f $name, $saved.startType))
        }
    }
    @{ restored = @($restored) }
}
