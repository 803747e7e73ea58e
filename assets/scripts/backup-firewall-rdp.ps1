<#
.SYNOPSIS
    Saves the state of every "Remote Desktop" firewall rule before a fix changes any of them.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    # NetSecurity's cmdlets are CDXML functions: the script's 'Stop' does not reach them
    # (PowerShell#4568), so -ErrorAction Stop is passed. A group with no rule is ObjectNotFound.
    $inGroup = @()
    try {
        $inGroup = @(Get-NetFirewallRule -Group $RdpFirewallGroup -ErrorAction Stop)
    } catch {
        if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
    }
    $rules = @($inGroup | ForEach-Object -Process {
            @{ name = [string]$_.Name; enabled = ([string]$_.Enabled -eq 'True'); webSocket = [bool](Test-RdpWebSocketRule -Rule $_) }
        })
    $backup = @{ rules = $rules }
    $path = Join-Path -Path $arguments.backupDir -ChildPath 'firewall-rules.json'
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $backup -Depth 5) -Encoding UTF8
    $backup
}
