<#
.SYNOPSIS
    Adds the server, as the user typed it, to "Network security: Restrict NTLM: Add remote server
    exceptions for NTLM authentication" (ClientAllowedNTLMServers, REG_MULTI_SZ), keeping every
    entry already there. This lets this computer use NTLM with that one server: a security
    trade-off the user confirms first; undo-client-ntlm-exceptions.ps1 puts the list back.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $name = [string]$arguments.backup.host
    # The backup checked it; checked again because this is the step that writes it.
    if (-not ($name -match '^[A-Za-z0-9.\-:\[\]]{1,253}$')) { throw 'The server name in the backup is not a plain name or address. Nothing was changed.' }
    $msv = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0'
    if (-not (Test-Path -LiteralPath $msv)) { $null = New-Item -Path $msv -Force }
    $current = Get-RegistryMultiString -Path $msv -Name 'ClientAllowedNTLMServers'
    if ($null -eq $current) { $current = [string[]]@() }
    # The list's names compare without regard to case, as Windows' names do.
    if (@($current | Where-Object -FilterScript { $_ -ieq $name }).Count -gt 0) { return @{ changed = @() } }
    [string[]]$list = @($current) + @($name)
    $null = New-ItemProperty -LiteralPath $msv -Name 'ClientAllowedNTLMServers' -PropertyType MultiString -Value $list -Force
    @{ changed = @("Added $name to ClientAllowedNTLMServers in HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0") }
}
