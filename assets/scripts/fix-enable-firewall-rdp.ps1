<#
.SYNOPSIS
    Enables the "Remote Desktop" firewall rules that the backup recorded as disabled.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($rule in @($arguments.backup.rules)) {
        if (-not $rule.enabled) {
            Enable-NetFirewallRule -Name $rule.name
            $changed.Add("Enabled firewall rule $($rule.name)")
        }
    }
    @{ changed = @($changed) }
}
