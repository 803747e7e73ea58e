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
        $current = Get-NetFirewallRule -Name $saved.name
        $isEnabled = ([string]$current.Enabled -eq 'True')
        if ($isEnabled -ne [bool]$saved.enabled) {
            if ($saved.enabled) { Enable-NetFirewallRule -Name $saved.name } else { Disable-NetFirewallRule -Name $saved.name }
            # The rule's name as Windows Firewall shows it: the user reads this line.
            $state = $(if ([bool]$saved.enabled) { 'enabled' } else { 'disabled' })
            $restored.Add(('Firewall rule "{0}" {1} again' -f $current.DisplayName, $state))
        }
    }
    @{ restored = @($restored) }
}
