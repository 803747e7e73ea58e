<#
.SYNOPSIS
    Enables the "Remote Desktop" firewall rules that the backup recorded as disabled, except the
    WebSocket ones (off by default, only for RDP over WebSocket).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    # Enabling a local rule does nothing where a group policy ignores local rules.
    $ignoring = @(Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop | Where-Object -FilterScript { [string]$_.AllowLocalFirewallRules -eq 'False' } | ForEach-Object -Process { [string]$_.Name })
    if ($ignoring.Count -gt 0) {
        throw ('A group policy ignores this computer''s own firewall rules ({0} profile); turning them on would change nothing. Ask the administrator of that policy to allow Remote Desktop. Nothing was changed.' -f ($ignoring -join ', '))
    }
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($rule in @($arguments.backup.rules)) {
        # Backups made before WebSocket rules were told apart have no webSocket field.
        $webSocket = ($rule.PSObject.Properties['webSocket'] -and [bool]$rule.webSocket)
        if (-not $rule.enabled -and -not $webSocket) {
            # NetSecurity's cmdlets are CDXML functions: the script's 'Stop' does not reach them
            # (PowerShell#4568, #24389), so a failure (access denied, a rule deleted since the
            # backup) would pass unseen without -ErrorAction Stop here.
            try {
                Enable-NetFirewallRule -Name $rule.name -ErrorAction Stop
                $now = Get-NetFirewallRule -Name $rule.name -ErrorAction Stop
            } catch {
                if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
                    throw ('The firewall rule {0} no longer exists on this computer, so it cannot be turned on.' -f $rule.name)
                }
                throw ('Windows did not turn on the firewall rule {0}: {1}' -f $rule.name, $_.Exception.Message)
            }
            if ([string]$now.Enabled -ne 'True') { throw ('Windows did not turn on the firewall rule "{0}".' -f $now.DisplayName) }
            # The rule's name as Windows Firewall shows it: the user reads this line.
            $changed.Add(('Enabled firewall rule "{0}"' -f $now.DisplayName))
        }
    }
    @{ changed = @($changed) }
}
