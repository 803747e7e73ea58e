# The registry: keys by full name ("HKEY_LOCAL_MACHINE\SOFTWARE\..."), each a map of value name ->
# { type, value }. Every ancestor of a key is itself a key, as in the registry.

$script:HiveNames = @{
    'HKLM' = 'HKEY_LOCAL_MACHINE'; 'HKEY_LOCAL_MACHINE' = 'HKEY_LOCAL_MACHINE'
    'HKCU' = 'HKEY_CURRENT_USER'; 'HKEY_CURRENT_USER' = 'HKEY_CURRENT_USER'
}

# The key a provider path names, or $null when it is not a registry path. PowerShell's registry
# provider takes "Registry::HKEY_LOCAL_MACHINE\...", "Registry::HKLM\..." and the HKLM:/HKCU:
# drives (about_Registry_Provider). On Linux, Join-Path writes "/" between parts.
function ConvertTo-FakeRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Path)
    $rest = $null
    $match = [regex]::Match($Path, '^(?:Microsoft\.PowerShell\.Core\\)?Registry::(.*)$', 'IgnoreCase')
    if ($match.Success) {
        $rest = $match.Groups[1].Value
    } else {
        $match = [regex]::Match($Path, '^(HKLM|HKCU):(.*)$', 'IgnoreCase')
        if (-not $match.Success) { return $null }
        $rest = $match.Groups[1].Value + '\' + $match.Groups[2].Value
    }
    $parts = @($rest.Replace('/', '\').Split([char]'\') | Where-Object -FilterScript { $_ -ne '' })
    if ($parts.Count -eq 0 -or -not $script:HiveNames.ContainsKey($parts[0])) {
        throw "FakeWindows: registry path not modelled: $Path"
    }
    $parts[0] = $script:HiveNames[$parts[0]]
    return ($parts -join '\')
}

function Get-FakeRegistryKeyName {
    param([Parameter(Mandatory = $true)][string]$Key)
    foreach ($name in $script:Machine.registry.Keys) { if ($name -ieq $Key) { return $name } }
    return $null
}

function Test-FakeRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Key)
    if ($script:HiveNames.ContainsValue($Key)) { return $true }
    return ($null -ne (Get-FakeRegistryKeyName -Key $Key))
}

function Get-FakeRegistryValues {
    param([Parameter(Mandatory = $true)][string]$Key)
    $name = Get-FakeRegistryKeyName -Key $Key
    if ($null -eq $name) { return $null }
    if ($null -eq $script:Machine.registry[$name]) { $script:Machine.registry[$name] = [ordered]@{} }
    return $script:Machine.registry[$name]
}

function Get-FakeSubKeyNames {
    param([Parameter(Mandatory = $true)][string]$Key)
    $prefix = $Key + '\'
    return @($script:Machine.registry.Keys | Where-Object -FilterScript {
            $_.StartsWith($prefix, [System.StringComparison]::OrdinalIgnoreCase) -and $_.Substring($prefix.Length).IndexOf('\') -lt 0
        })
}

# HKLM is writable by administrators only: a standard user's write fails with the exception
# RegistryKey.CreateSubKey / SetValue document ("Requested registry access is not allowed.").
function Assert-FakeRegistryWrite {
    param([Parameter(Mandatory = $true)][string]$Key)
    if ($Key.StartsWith('HKEY_LOCAL_MACHINE', [System.StringComparison]::OrdinalIgnoreCase) -and -not (Test-FakeAdmin)) {
        throw (New-Object -TypeName System.Security.SecurityException -ArgumentList 'Requested registry access is not allowed.')
    }
}

# RegistryKey.CreateSubKey creates every missing key on the way (learn.microsoft.com,
# RegistryKey.CreateSubKey: "...creates a new subkey or opens an existing subkey"; nested names
# create the intermediate keys), which is what New-Item -Force does on the registry provider.
function New-FakeRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Key)
    Assert-FakeRegistryWrite -Key $Key
    $parts = $Key.Split([char]'\')
    for ($depth = 2; $depth -le $parts.Count; $depth++) {
        $name = ($parts[0..($depth - 1)] -join '\')
        if (-not (Test-FakeRegistryKey -Key $name)) { $script:Machine.registry[$name] = [ordered]@{} }
    }
}

function Remove-FakeRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Key, [switch]$Recurse)
    Assert-FakeRegistryWrite -Key $Key
    $children = @(Get-FakeSubKeyNames -Key $Key)
    if ($children.Count -gt 0 -and -not $Recurse) {
        # Remove-Item on a key with subkeys and no -Recurse asks for confirmation; a
        # non-interactive session cannot answer, so it fails.
        throw "The item at $Key has children and the Recurse parameter was not specified."
    }
    foreach ($name in @($script:Machine.registry.Keys)) {
        if ($name -ieq $Key -or $name.StartsWith($Key + '\', [System.StringComparison]::OrdinalIgnoreCase)) { $script:Machine.registry.Remove($name) }
    }
}

# A value as the registry provider returns it: REG_DWORD is Int32 (0xFFFFFFFF reads as -1),
# REG_QWORD Int64, REG_EXPAND_SZ expanded unless asked not to (RegistryKey.GetValue), REG_MULTI_SZ
# string[], REG_BINARY byte[].
function ConvertFrom-FakeRegistryValue {
    param([Parameter(Mandatory = $true)]$Entry, [switch]$DoNotExpand)
    switch ([string]$Entry.type) {
        'DWord' { return [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32][int64]$Entry.value), 0) }
        'QWord' { return [int64]$Entry.value }
        'String' { return [string]$Entry.value }
        'ExpandString' {
            if ($DoNotExpand) { return [string]$Entry.value }
            return [System.Environment]::ExpandEnvironmentVariables([string]$Entry.value)
        }
        'MultiString' { return [string[]]@($Entry.value) }
        # One byte[] object, as RegistryKey.GetValue returns it (not its bytes one by one).
        'Binary' { return , [byte[]]@($Entry.value) }
        default { throw "FakeWindows: registry type not modelled: $($Entry.type)" }
    }
}

function Set-FakeRegistryValue {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string]$Type,
        [Parameter(Mandatory = $true)]$Value
    )
    Assert-FakeRegistryWrite -Key $Key
    $values = Get-FakeRegistryValues -Key $Key
    $stored = $Value
    if ($Type -eq 'DWord') { $stored = [int64][uint32]([System.BitConverter]::ToUInt32([System.BitConverter]::GetBytes([int32]$Value), 0)) }
    $existing = $null
    foreach ($valueName in @($values.Keys)) { if ($valueName -ieq $Name) { $existing = $valueName } }
    if ($existing) { $values.Remove($existing) }
    $values[$Name] = [ordered]@{ type = $Type; value = $stored }
}

function Remove-FakeRegistryValue {
    param([Parameter(Mandatory = $true)][string]$Key, [Parameter(Mandatory = $true)][string]$Name)
    Assert-FakeRegistryWrite -Key $Key
    $values = Get-FakeRegistryValues -Key $Key
    foreach ($valueName in @($values.Keys)) {
        if ($valueName -ieq $Name) { $values.Remove($valueName); return $true }
    }
    return $false
}

# What Get-Item returns for a key: the RegistryKey members the scripts read (Name, ValueCount,
# SubKeyCount, Property, GetValue, GetValueNames).
function New-FakeRegistryKeyItem {
    param([Parameter(Mandatory = $true)][string]$Key)
    $values = Get-FakeRegistryValues -Key $Key
    if ($null -eq $values) { $values = [ordered]@{} }
    $item = [pscustomobject]@{
        Name        = $Key
        PSChildName = $Key.Split([char]'\')[-1]
        PSPath      = "Microsoft.PowerShell.Core\Registry::$Key"
        ValueCount  = $values.Count
        SubKeyCount = @(Get-FakeSubKeyNames -Key $Key).Count
        Property    = [string[]]@($values.Keys)
    }
    $item.PSObject.TypeNames.Insert(0, 'Microsoft.Win32.RegistryKey')
    $item | Add-Member -MemberType NoteProperty -Name FakeKey -Value $Key
    $item | Add-Member -MemberType ScriptMethod -Name GetValueNames -Value { return [string[]]@((Get-FakeRegistryValues -Key $this.FakeKey).Keys) }
    $item | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
        param($Name, $Default, $Options)
        $all = Get-FakeRegistryValues -Key $this.FakeKey
        foreach ($valueName in @($all.Keys)) {
            if ($valueName -ieq $Name) {
                $raw = ($null -ne $Options -and ([int]$Options -band [int][Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames))
                return , (ConvertFrom-FakeRegistryValue -Entry $all[$valueName] -DoNotExpand:$raw)
            }
        }
        return $Default
    }
    return $item
}

# reg.exe export writes REGEDIT5 text (UTF-16 LE with BOM), the key and all its subkeys.
function Export-FakeRegistryFile {
    param([Parameter(Mandatory = $true)][string]$Key, [Parameter(Mandatory = $true)][string]$File)
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    $lines.Add('Windows Registry Editor Version 5.00')
    foreach ($name in @($script:Machine.registry.Keys | Where-Object -FilterScript { $_ -ieq $Key -or $_.StartsWith($Key + '\', [System.StringComparison]::OrdinalIgnoreCase) } | Sort-Object)) {
        $lines.Add('')
        $lines.Add("[$name]")
        $values = Get-FakeRegistryValues -Key $name
        foreach ($valueName in @($values.Keys)) {
            $entry = $values[$valueName]
            $data = switch ([string]$entry.type) {
                'DWord' { 'dword:{0:x8}' -f [int64]$entry.value }
                'String' { '"{0}"' -f ([string]$entry.value).Replace('\', '\\').Replace('"', '\"') }
                default { throw "FakeWindows: reg export of $($entry.type) not modelled" }
            }
            $lines.Add(('"{0}"={1}' -f $valueName, $data))
        }
    }
    $lines.Add('')
    [System.IO.File]::WriteAllText((Resolve-FakeFilePath -Path $File), ($lines -join "`r`n"), [System.Text.Encoding]::Unicode)
}

# reg.exe import merges a .reg file into the registry (it creates keys and sets values; it never
# deletes what the file does not name).
function Import-FakeRegistryFile {
    param([Parameter(Mandatory = $true)][string]$File)
    $key = $null
    foreach ($line in [System.IO.File]::ReadAllLines((Resolve-FakeFilePath -Path $File))) {
        if ($line -match '^\[(.+)\]$') { $key = $Matches[1]; New-FakeRegistryKey -Key $key; continue }
        if ($line -match '^"((?:[^"\\]|\\.)*)"=dword:([0-9a-fA-F]{8})$') {
            Set-FakeRegistryValue -Key $key -Name $Matches[1] -Type 'DWord' -Value ([int32][System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32]::Parse($Matches[2], 'HexNumber')), 0))
            continue
        }
        if ($line -match '^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$') {
            Set-FakeRegistryValue -Key $key -Name $Matches[1] -Type 'String' -Value ($Matches[2].Replace('\"', '"').Replace('\\', '\'))
            continue
        }
        if ($line -ne '' -and $line -ne 'Windows Registry Editor Version 5.00') { throw "FakeWindows: reg import line not modelled: $line" }
    }
}

function Initialize-FakeRegistry {
    # Every ancestor of a key exists: make them explicit so a leftover empty key shows in a diff.
    foreach ($name in @($script:Machine.registry.Keys)) {
        $parts = $name.Split([char]'\')
        for ($depth = 2; $depth -lt $parts.Count; $depth++) {
            $ancestor = ($parts[0..($depth - 1)] -join '\')
            if (-not (Test-FakeRegistryKey -Key $ancestor)) { $script:Machine.registry[$ancestor] = [ordered]@{} }
        }
    }
}
