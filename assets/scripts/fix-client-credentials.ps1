<#
.SYNOPSIS
    Deletes the TERMSRV entries the backup recorded (cmdkey /delete), those for the target only.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    $present = @(Get-TermsrvCredentialTarget)
    foreach ($entry in @($arguments.backup.entries)) {
        $target = [string]$entry
        if ($target -notmatch '^(?:[A-Za-z]+:target=)?TERMSRV/[A-Za-z0-9._:\[\]%-]+$') { throw "Refusing an unexpected credential name: $target" }
        if ($present -notcontains $target) { continue }
        $null = Invoke-SystemTool -Name 'cmdkey.exe' -ArgumentList @("/delete:$target")
        $changed.Add("Removed the saved password $target")
    }
    @{ changed = @($changed) }
}
