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
    $rules = @(Get-NetFirewallRule -Group $RdpFirewallGroup | ForEach-Object -Process {
            @{ name = [string]$_.Name; enabled = ([string]$_.Enabled -eq 'True'); webSocket = [bool](Test-RdpWebSocketRule -Rule $_) }
        })
    $backup = @{ rules = $rules }
    $path = Join-Path -Path $arguments.backupDir -ChildPath 'firewall-rules.json'
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $backup -Depth 5) -Encoding UTF8
    $backup
}
