# Inlined after lib\common.ps1 when a script runs on another computer (invoke-remote.ps1).
# There [Console]::Out is the console of the remote host process, which nobody reads: the one
# JSON answer goes to the output stream instead, which Invoke-Command brings back.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Write-Envelope {
    param([Parameter(Mandatory = $true)][hashtable]$Envelope)
    Write-Output -InputObject (ConvertTo-Json -InputObject $Envelope -Depth 10 -Compress)
}
