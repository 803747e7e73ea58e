<#
.SYNOPSIS
    Records the NTLM exception list (ClientAllowedNTLMServers) before the fix adds the target to
    it, as JSON in the backup folder. The name to add is checked here: a computer name or an
    address, never a wildcard (the list treats '*' as one).
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $hostArg = $arguments.PSObject.Properties['host']
    if ($null -eq $hostArg -or -not ([string]$hostArg.Value -match '^[A-Za-z0-9.\-:\[\]]{1,253}$')) {
        throw 'This fix needs the name or address of the computer you connect to (letters, digits, dots and hyphens only). Nothing was changed.'
    }
    $msv = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0'
    $null = New-Item -ItemType Directory -Path $arguments.backupDir -Force
    $keyExisted = [bool](Test-Path -LiteralPath $msv)
    $previous = Get-RegistryMultiString -Path $msv -Name 'ClientAllowedNTLMServers'
    # New-Item -Force makes every missing key down to MSV1_0: the undo removes that chain again.
    $backup = @{ host = [string]$hostArg.Value; keyExisted = $keyExisted; previous = $previous; missingFrom = (Get-MissingKeyRoot -Path $msv) }
    $path = Join-Path -Path $arguments.backupDir -ChildPath 'ClientAllowedNTLMServers.json'
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $backup -Depth 5) -Encoding UTF8
    $backup
}
