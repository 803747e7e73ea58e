<#
.SYNOPSIS
    Counts failed sign-ins (Security event 4625) in the last hour and reads
    MaxOutstandingConnections. Reading the Security log needs administrator rights. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $now = Get-Date
    $count = $null
    $logError = $null
    try {
        $filter = @{ LogName = 'Security'; Id = 4625; StartTime = $now.AddHours(-1) }
        $count = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 100000 -ErrorAction Stop).Count
    } catch {
        if ([string]$_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { $count = 0 } else { $logError = $_.Exception.Message }
    }
    @{
        maxOutstandingConnections = (Get-RegistryDword -Path $TerminalServerKey -Name 'MaxOutstandingConnections')
        failedLogonsLastHour      = $count
        securityLogError          = $logError
        now                       = (Format-IsoDate -Date $now)
    }
}
