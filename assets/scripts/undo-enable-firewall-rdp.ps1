<#
.SYNOPSIS
    Puts each "Remote Desktop" firewall rule back to the state the backup recorded.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($saved in @($arguments.backup.rules)) {
        # NetSecurity's cmdlets are CDXML functions: the script's 'Stop' does not reach them
        # (PowerShell#4568), so -ErrorAction Stop is passed to each.
        $current = $null
        try {
            $current = Get-NetFirewallRule -Name $saved.name -ErrorAction Stop
        } catch {
            if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
        }
        if ($null -eq $current) {
            # Deleted since the backup (by an administrator or a policy): there is nothing to put back.
            $restored.Add(('Firewall rule {0} no longer exists; there was nothing to put back' -f $saved.name))
            continue
        }
        $isEnabled = ([string]$current.Enabled -eq 'True')
        if ($isEnabled -ne [bool]$saved.enabled) {
            try {
                if ($saved.enabled) { Enable-NetFirewallRule -Name $saved.name -ErrorAction Stop } else { Disable-NetFirewallRule -Name $saved.name -ErrorAction Stop }
            } catch {
                throw ('Windows did not put back the firewall rule "{0}": {1}' -f $current.DisplayName, $_.Exception.Message)
            }
            # The rule's name as Windows Firewall shows it: the user reads this line.
            $state = $(if ([bool]$saved.enabled) { 'enabled' } else { 'disabled' })
            $restored.Add(('Firewall rule "{0}" {1} again' -f $current.DisplayName, $state))
        }
    }
    @{ restored = @($restored) }
}
