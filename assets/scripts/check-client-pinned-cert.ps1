<#
.SYNOPSIS
    Reads the certificate the Remote Desktop client remembered for the target: CertHash (REG_BINARY,
    the SHA-1 thumbprint) and UsernameHint under HKCU\Software\Microsoft\Terminal Server
    Client\Servers\<host> (and <host>:<port> off port 3389). Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $targetHost = [string]$arguments.host
    $port = [int]$arguments.port
    $names = @($targetHost)
    if ($port -ne 3389) { $names += "${targetHost}:$port" }
    $base = 'Registry::HKEY_CURRENT_USER\Software\Microsoft\Terminal Server Client\Servers'
    $servers = @(foreach ($name in $names) {
            # The name is one key below Servers; -LiteralPath keeps [ ] of an IPv6 address literal.
            $path = "$base\$name"
            if (-not (Test-Path -LiteralPath $path)) { continue }
            $key = Get-Item -LiteralPath $path
            $hash = $null
            $bytes = $key.GetValue('CertHash', $null)
            if ($bytes -is [byte[]]) { $hash = ([System.BitConverter]::ToString($bytes)).Replace('-', '') }
            $hint = $key.GetValue('UsernameHint', $null)
            if ($null -ne $hint) { $hint = [string]$hint }
            @{ name = $key.PSChildName; certHash = $hash; usernameHint = $hint }
        })
    @{ host = $targetHost; port = $port; servers = $servers }
}
