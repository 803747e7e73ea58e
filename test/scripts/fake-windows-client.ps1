# A fake of the few Windows-only things the client app scripts touch, for running them under
# pwsh on Linux. Loaded before the script; the machine comes from $env:FAKE_WINDOWS (JSON), so no
# value of a test is pasted into PowerShell text. Modelled on Microsoft's documentation:
# - Registry provider paths are case-insensitive; Get-ItemProperty / Get-Item on a key that does
#   not exist throw ItemNotFoundException "Cannot find path '<path>' because it does not exist."
#   https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-itemproperty
# - Get-ItemProperty returns one object with a note property per value (REG_SZ as string,
#   REG_DWORD as Int32, REG_BINARY as Byte[]); with -Name, a value that is absent is a
#   non-terminating error ("Property <name> does not exist at path <path>.").
# - Get-Item on a registry key returns a RegistryKey: PSChildName is the key's own name as stored;
#   GetValue(name, defaultValue) returns defaultValue when the value is absent.
#   https://learn.microsoft.com/dotnet/api/microsoft.win32.registrykey.getvalue
# - Get-AppxPackage -Name <name> returns nothing (no error) when the package is not installed;
#   an installed package has Name, Version (string), PackageFullName.
#   https://learn.microsoft.com/powershell/module/appx/get-appxpackage
# - The Appx module does not exist on Server Core (and not here): then Get-AppxPackage is absent.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$machine = ConvertFrom-Json -InputObject $env:FAKE_WINDOWS
$global:FakeRegistry = @{}
foreach ($key in $machine.registry.PSObject.Properties) {
    $values = [ordered]@{}
    foreach ($value in $key.Value.PSObject.Properties) {
        $data = $value.Value
        if ($data -is [System.Management.Automation.PSCustomObject] -and $null -ne $data.PSObject.Properties['binary']) {
            $hex = [string]$data.binary
            $bytes = New-Object -TypeName 'byte[]' -ArgumentList ($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [System.Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
            $values[$value.Name] = $bytes
        } elseif ($data -is [long] -or $data -is [int]) {
            $values[$value.Name] = [int]$data
        } else {
            $values[$value.Name] = [string]$data
        }
    }
    $global:FakeRegistry[$key.Name.ToLowerInvariant()] = @{ path = $key.Name; values = $values }
}

function Get-FakeKey {
    param([Parameter(Mandatory = $true)][string]$LiteralPath)
    $entry = $global:FakeRegistry[$LiteralPath.ToLowerInvariant()]
    if ($null -eq $entry) {
        throw (New-Object -TypeName 'System.Management.Automation.ItemNotFoundException' -ArgumentList "Cannot find path '$LiteralPath' because it does not exist.")
    }
    return $entry
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath, [string]$PathType = 'Any')
    if ($LiteralPath -like 'Registry::*') { return $global:FakeRegistry.ContainsKey($LiteralPath.ToLowerInvariant()) }
    return Microsoft.PowerShell.Management\Test-Path -LiteralPath $LiteralPath -PathType $PathType
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath, [string[]]$Name)
    $entry = Get-FakeKey -LiteralPath $LiteralPath
    $out = [ordered]@{}
    foreach ($n in $entry.values.Keys) { if (-not $Name -or $Name -contains $n) { $out[$n] = $entry.values[$n] } }
    foreach ($n in @($Name | Where-Object -FilterScript { $null -ne $_ -and -not $entry.values.Contains($_) })) {
        Write-Error -Message "Property $n does not exist at path $LiteralPath." -Category InvalidArgument
    }
    if ($Name -and $out.Count -eq 0) { return }
    $out['PSPath'] = "Microsoft.PowerShell.Core\$LiteralPath"
    $out['PSChildName'] = ($entry.path -split '\\')[-1]
    return [pscustomobject]$out
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$LiteralPath)
    if ($LiteralPath -notlike 'Registry::*') { return Microsoft.PowerShell.Management\Get-Item -LiteralPath $LiteralPath }
    $entry = Get-FakeKey -LiteralPath $LiteralPath
    $key = [pscustomobject]@{ PSChildName = ($entry.path -split '\\')[-1]; Name = $entry.path; FakeValues = $entry.values }
    $key | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
        param($valueName, $defaultValue)
        if ($this.FakeValues.Contains($valueName)) { return , $this.FakeValues[$valueName] }
        return $defaultValue
    }
    return $key
}

if ($null -ne $machine.PSObject.Properties['appx']) {
    $global:FakeAppx = @($machine.appx)
    function Get-AppxPackage {
        [CmdletBinding()]
        param([string]$Name = '*')
        foreach ($p in $global:FakeAppx) {
            if ($p.Name -like $Name) { [pscustomobject]@{ Name = $p.Name; Version = [string]$p.Version; PackageFullName = "$($p.Name)_$($p.Version)_x64__8wekyb3d8bbwe" } }
        }
    }
}
