# Reading registry DWORDs and walking registry keys, by provider path.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# A DWORD by provider path ('Registry::HKEY_LOCAL_MACHINE\...' or 'HKLM:\...'); $null when the
# key or the value is absent.
function Get-RegistryDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name
    )
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $item = Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    return ($item.$Name -as [int])
}

# A REG_MULTI_SZ by provider path, as string[] (an empty list stays empty); $null when the key or
# the value is absent, so "no list" and "an empty list" stay apart.
function Get-RegistryMultiString {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name
    )
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $item = Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    return , [string[]]@($item.$Name | ForEach-Object -Process { [string]$_ })
}

# The parent of a registry provider path ('Registry::HKLM\A\B', 'HKLM:\A\B'); $null at a hive.
function Get-RegistryParentPath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $trimmed = $Path.TrimEnd('\', '/')
    $index = $trimmed.LastIndexOfAny([char[]]@('\', '/'))
    if ($index -lt 0) { return $null }
    $parent = $trimmed.Substring(0, $index)
    if ($parent -match '^(Registry::)?[^\\/]+:?$' -or $parent -match '^Registry::[^\\/]+$') { return $null }
    return $parent
}

# The outermost key of $Path that does not exist ($null when $Path exists). New-Item -Force makes
# every key from there down, so an undo must remove that whole chain, not only $Path.
function Get-MissingKeyRoot {
    param([Parameter(Mandatory = $true)][string]$Path)
    if (Test-Path -LiteralPath $Path) { return $null }
    $missing = $Path
    $parent = Get-RegistryParentPath -Path $Path
    while ($null -ne $parent -and -not (Test-Path -LiteralPath $parent)) {
        $missing = $parent
        $parent = Get-RegistryParentPath -Path $parent
    }
    return $missing
}

# Removes $Path, then each parent up to and including $Root, while the key is empty (no values,
# no subkeys): the keys a fix created, and nothing anyone has put anything into since. Returns
# what it removed, in words.
function Remove-EmptyKeyChain {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Root
    )
    $removed = New-Object -TypeName System.Collections.Generic.List[string]
    $rootLength = $Root.TrimEnd('\', '/').Length
    $current = $Path
    while ($null -ne $current -and $current.TrimEnd('\', '/').Length -ge $rootLength -and (Test-Path -LiteralPath $current)) {
        $keyItem = Get-Item -LiteralPath $current
        if ($keyItem.ValueCount -ne 0 -or $keyItem.SubKeyCount -ne 0) { break }
        Remove-Item -LiteralPath $current
        # Said as reg.exe and Registry Editor spell keys, without the provider's "Registry::".
        $removed.Add("Removed the key $($current -replace '^Registry::', '') (the fix had created it)")
        $current = Get-RegistryParentPath -Path $current
    }
    return @($removed)
}

# A value a group policy sets is reported, never overwritten: fixes stop here instead.
function Assert-NotSetByPolicy {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string[]]$Name
    )
    foreach ($valueName in $Name) {
        if ($null -ne (Get-RegistryDword -Path $Path -Name $valueName)) {
            throw ('A group policy sets {0} ({1}); RDP Doctor does not change policy values. Nothing was changed.' -f $valueName, $Path)
        }
    }
}
