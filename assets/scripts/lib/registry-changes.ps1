# Changing registry DWORDs so that an undo can put them back: the backup (reg export and the
# previous value), the change, and the restore; and the backup file every fix writes.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Saves a policy key with reg export (64-bit view) and records the DWORD's previous state, before
# a fix changes it. $Key is spelled as reg.exe spells it ('HKLM\...').
function Backup-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][string]$BackupDir,
        [Parameter(Mandatory = $true)][string]$FileName
    )
    $null = New-Item -ItemType Directory -Path $BackupDir -Force
    $providerPath = "Registry::$Key"
    if (-not (Test-Path -LiteralPath $providerPath)) {
        $backup = @{ keyExisted = $false; previous = $null; exportPath = $null; missingFrom = (Get-MissingKeyRoot -Path $providerPath) }
    } else {
        $exportPath = Join-Path -Path $BackupDir -ChildPath $FileName
        $null = Invoke-SystemTool -Name 'reg.exe' -ArgumentList @('export', $Key, $exportPath, '/y', '/reg:64')
        $backup = @{ keyExisted = $true; previous = (Get-RegistryDword -Path $providerPath -Name $Name); exportPath = $exportPath }
    }
    $jsonPath = Join-Path -Path $BackupDir -ChildPath "$FileName.json"
    Set-Content -LiteralPath $jsonPath -Value (ConvertTo-Json -InputObject $backup) -Encoding UTF8
    return $backup
}

# Sets a DWORD in a policy key (creating the key if needed); returns what changed.
function Set-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][int]$Value
    )
    $providerPath = "Registry::$Key"
    if ((Get-RegistryDword -Path $providerPath -Name $Name) -eq $Value) { return @() }
    if (-not (Test-Path -LiteralPath $providerPath)) { $null = New-Item -Path $providerPath -Force }
    $null = New-ItemProperty -LiteralPath $providerPath -Name $Name -PropertyType DWord -Value $Value -Force
    return @("Set $Name = $Value in $Key")
}

# Puts a DWORD back as the backup recorded it: the previous value, or absent; a key the fix
# created is removed again once it is empty. Returns what was restored.
function Restore-PolicyDword {
    param(
        [Parameter(Mandatory = $true)][string]$Key,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)]$Backup
    )
    $providerPath = "Registry::$Key"
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    $current = Get-RegistryDword -Path $providerPath -Name $Name
    if ($null -eq $Backup.previous) {
        if ($null -ne $current) {
            Remove-ItemProperty -LiteralPath $providerPath -Name $Name
            $restored.Add("Removed $Name from $Key (it was not set before)")
        }
    } elseif ($current -ne [int]$Backup.previous) {
        if (-not (Test-Path -LiteralPath $providerPath)) { $null = New-Item -Path $providerPath -Force }
        $null = New-ItemProperty -LiteralPath $providerPath -Name $Name -PropertyType DWord -Value ([int]$Backup.previous) -Force
        $restored.Add("Set $Name back to $($Backup.previous)")
    }
    if (-not $Backup.keyExisted) {
        # Backups from before missingFrom was recorded knew only the key itself.
        $root = $providerPath
        if ($Backup.PSObject.Properties['missingFrom'] -and $Backup.missingFrom) { $root = [string]$Backup.missingFrom }
        foreach ($line in @(Remove-EmptyKeyChain -Path $providerPath -Root $root)) { $restored.Add($line) }
    }
    return @($restored)
}

# Sets a DWORD, creating the key when it is missing.
function Set-ServerDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][int]$Value
    )
    if (-not (Test-Path -LiteralPath $Path)) { $null = New-Item -Path $Path -Force }
    $null = New-ItemProperty -LiteralPath $Path -Name $Name -PropertyType DWord -Value $Value -Force
}

# Puts a DWORD back as a backup recorded it: its previous number, or absent ($null). Returns
# what it changed, in words.
function Restore-ServerDword {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Name,
        [AllowNull()]$Previous
    )
    $current = Get-RegistryDword -Path $Path -Name $Name
    if ($null -eq $Previous) {
        if ($null -eq $current) { return @() }
        Remove-ItemProperty -LiteralPath $Path -Name $Name
        return @("Removed $Name again (it was not set before)")
    }
    if ($current -eq [int]$Previous) { return @() }
    Set-ServerDword -Path $Path -Name $Name -Value ([int]$Previous)
    return @("Set $Name back to $Previous")
}

# Writes a fix's backup as JSON into the backup folder and returns it (the backup script's facts).
function Save-ServerBackup {
    param(
        [Parameter(Mandatory = $true)][string]$BackupDir,
        [Parameter(Mandatory = $true)][string]$FileName,
        [Parameter(Mandatory = $true)][hashtable]$Backup
    )
    $null = New-Item -ItemType Directory -Path $BackupDir -Force
    $path = Join-Path -Path $BackupDir -ChildPath $FileName
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $Backup -Depth 6) -Encoding UTF8
    return $Backup
}
