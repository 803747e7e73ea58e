<#
.SYNOPSIS
    Puts ClientAllowedNTLMServers back as the backup recorded it: the previous list, or no value
    when there was none; the MSV1_0 key is removed again only if the fix created it and it is empty.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $backup = $arguments.backup
    $msv = 'Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0'
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    if (-not (Test-Path -LiteralPath $msv)) { return @{ restored = @() } }
    $current = Get-RegistryMultiString -Path $msv -Name 'ClientAllowedNTLMServers'
    if ($null -eq $backup.previous) {
        if ($null -ne $current) {
            Remove-ItemProperty -LiteralPath $msv -Name 'ClientAllowedNTLMServers'
            $restored.Add('Removed ClientAllowedNTLMServers (it was not set before)')
        }
    } else {
        [string[]]$previous = @($backup.previous | ForEach-Object -Process { [string]$_ })
        if ($null -eq $current -or (($current -join "`n") -cne ($previous -join "`n"))) {
            $null = New-ItemProperty -LiteralPath $msv -Name 'ClientAllowedNTLMServers' -PropertyType MultiString -Value $previous -Force
            $restored.Add("Set ClientAllowedNTLMServers back to its $($previous.Count) previous entries")
        }
    }
    if (-not $backup.keyExisted) {
        $root = $msv
        if ($backup.PSObject.Properties['missingFrom'] -and $backup.missingFrom) { $root = [string]$backup.missingFrom }
        foreach ($line in @(Remove-EmptyKeyChain -Path $msv -Root $root)) { $restored.Add($line) }
    }
    @{ restored = @($restored) }
}
