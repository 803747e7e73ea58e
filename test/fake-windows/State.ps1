# The machine state: loaded from JSON, written back after every change.

function ConvertTo-FakeHashtable {
    param($Value)
    # ConvertFrom-Json -AsHashtable is PowerShell 7 only; this keeps the fake loadable in 5.1.
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $table = [ordered]@{}
        foreach ($property in $Value.PSObject.Properties) { $table[$property.Name] = ConvertTo-FakeHashtable -Value $property.Value }
        return $table
    }
    if ($Value -is [System.Collections.IList] -and $Value -isnot [string]) {
        $list = New-Object -TypeName System.Collections.ArrayList
        foreach ($item in $Value) { $null = $list.Add((ConvertTo-FakeHashtable -Value $item)) }
        return , $list
    }
    return $Value
}

function Get-FakeSection {
    param([Parameter(Mandatory = $true)][string]$Name)
    if ($null -eq $script:Machine) { throw 'FakeWindows: no machine loaded (Use-FakeMachine).' }
    if (-not $script:Machine.Contains($Name) -or $null -eq $script:Machine[$Name]) { return $null }
    # A list is returned as itself (not unrolled into a fixed-size array), so callers can change it.
    Write-Output -InputObject $script:Machine[$Name] -NoEnumerate
}

function Get-FakeList {
    param([Parameter(Mandatory = $true)][string]$Name)
    $section = Get-FakeSection -Name $Name
    if ($null -eq $section) { return @() }
    return @($section)
}

function Save-FakeMachine {
    $json = ConvertTo-Json -InputObject $script:Machine -Depth 30
    [System.IO.File]::WriteAllText($script:MachinePath, $json, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))
}

<#
.SYNOPSIS
    Loads a machine: its state file (changes are written back there) and the folder that is its
    C: drive. Environment variables the scripts read point into that folder.
#>
function Use-FakeMachine {
    param(
        [Parameter(Mandatory = $true)][string]$Path,
        [Parameter(Mandatory = $true)][string]$Root
    )
    $script:MachinePath = $Path
    $script:LoadedAt = [datetime]::UtcNow
    $script:Root = $Root
    $json = [System.IO.File]::ReadAllText($Path)
    $parameters = (Get-Command -Name 'ConvertFrom-Json').Parameters
    if ($parameters.ContainsKey('AsHashtable')) {
        # Fast, and the same shape: maps, and plain arrays (changed by assigning new ones). Dates
        # stay the strings the state wrote (PowerShell 7 would turn ISO strings into DateTime and
        # write them back differently).
        $options = @{ AsHashtable = $true }
        if ($parameters.ContainsKey('DateKind')) { $options['DateKind'] = 'String' }
        $script:Machine = ConvertFrom-Json -InputObject $json @options
    } else {
        $script:Machine = ConvertTo-FakeHashtable -Value (ConvertFrom-Json -InputObject $json)
    }
    foreach ($name in @('registry', 'services', 'files', 'certificates')) {
        if (-not $script:Machine.Contains($name) -or $null -eq $script:Machine[$name]) { $script:Machine[$name] = [ordered]@{} }
    }
    $user = Get-FakeUser
    $profile = Join-Path -Path $Root -ChildPath ('Users/{0}' -f $user.name)
    # What %ProgramData%, %SystemRoot%, %ProgramFiles% and the user's folders are on Windows.
    $env:ProgramData = Join-Path -Path $Root -ChildPath 'ProgramData'
    $env:SystemRoot = Join-Path -Path $Root -ChildPath 'Windows'
    $env:ProgramFiles = Join-Path -Path $Root -ChildPath 'Program Files'
    $env:USERPROFILE = $profile
    # [Environment]::GetFolderPath reads these on Linux/macOS (MyDocuments = $HOME there).
    $env:HOME = $profile
    $env:XDG_DATA_HOME = Join-Path -Path $profile -ChildPath 'AppData/Local'
    # .NET off Windows answers "" for a special folder that does not exist; on Windows the
    # profile always has Documents and AppData\Local.
    # MachineKeys is there on every Windows, with or without the Remote Desktop key in it
    # ("Key Storage and Retrieval", learn.microsoft.com: machine keys live in
    # %ProgramData%\Microsoft\Crypto\RSA\MachineKeys).
    $machineKeys = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft/Crypto/RSA/MachineKeys'
    foreach ($folder in @($env:ProgramData, $machineKeys, $env:SystemRoot, $env:ProgramFiles, $env:XDG_DATA_HOME, (Join-Path -Path $profile -ChildPath 'Documents'))) {
        $null = Microsoft.PowerShell.Management\New-Item -ItemType Directory -Path $folder -Force
    }
    # Files the state describes are laid out once; from then on the disk is their truth. A
    # session restarted after a crash loads the same machine again: a file a fix deleted before
    # the crash must stay deleted, so the first load leaves a mark beside the state file.
    $laidOutMark = $Path + '.files-laid-out'
    $describedFiles = @()
    if (-not (Microsoft.PowerShell.Management\Test-Path -LiteralPath $laidOutMark)) { $describedFiles = @($script:Machine.files.Keys) }
    foreach ($relative in $describedFiles) {
        $file = $script:Machine.files[$relative]
        $full = Join-Path -Path $Root -ChildPath $relative
        if ((-not $file.Contains('text') -and -not $file.Contains('size')) -or (Microsoft.PowerShell.Management\Test-Path -LiteralPath $full)) { continue }
        $null = Microsoft.PowerShell.Management\New-Item -ItemType Directory -Path (Split-Path -Path $full -Parent) -Force
        if ($file.Contains('text')) {
            [System.IO.File]::WriteAllText($full, [string]$file.text)
        } else {
            # A file of that many bytes, made sparse (a 20 MB bitmap cache costs nothing).
            $stream = [System.IO.File]::Create($full)
            try { $stream.SetLength([long]$file.size) } finally { $stream.Dispose() }
        }
    }
    [System.IO.File]::WriteAllText($laidOutMark, '')
    # Join-Path resolves drives: these names must exist, though every item command on them is
    # answered by this module.
    foreach ($drive in @('HKLM', 'HKCU', 'Cert')) {
        if (-not (Get-PSDrive -Name $drive -ErrorAction SilentlyContinue)) {
            $null = New-PSDrive -Name $drive -PSProvider FileSystem -Root $Root -Scope Global
        }
    }
    # The system drive: C:\ProgramData is %ProgramData% ("Recognized environment variables",
    # learn.microsoft.com: SystemDrive C:, ProgramData C:\ProgramData), so a path a script is
    # given on C: (RDP Doctor's backup folder) is in this machine's folder. Off Windows there is no
    # C: drive: it is made here, again at each load (a session holds one machine at a time).
    if ([System.IO.Path]::DirectorySeparatorChar -eq '/') {
        if (Get-PSDrive -Name 'C' -ErrorAction SilentlyContinue) { Remove-PSDrive -Name 'C' -Scope Global -Force }
        $null = New-PSDrive -Name 'C' -PSProvider FileSystem -Root $Root -Scope Global
    }
    foreach ($file in @($script:Machine.files.Values)) {
        # A DACL is not protected (it inherits) unless the state says so.
        if ($file.Contains('acl') -and -not $file.acl.Contains('protected')) { $file.acl['protected'] = $false }
    }
    Initialize-FakeRegistry
    Initialize-FakeCertificates
    Initialize-FakeVersionInfo
    Initialize-FakeAppx
    Initialize-FakeCulture
    Save-FakeMachine
}

function Get-FakeUser {
    $user = Get-FakeSection -Name 'user'
    if ($null -eq $user) { return @{ name = 'alice'; sid = 'S-1-5-21-1004336348-1177238915-682003330-1001'; administrator = $true } }
    return $user
}

# Administrator rights are the user's group membership AND an elevated token: under UAC an
# administrator's programs run with a filtered token unless started "as administrator"
# (learn.microsoft.com, "How User Account Control works"). RDP Doctor runs its checks unelevated.
$script:Elevated = $false
function Set-FakeElevation {
    param([Parameter(Mandatory = $true)][bool]$Elevated)
    $script:Elevated = $Elevated
}
function Test-FakeAdmin { return ($script:Elevated -and [bool](Get-FakeUser).administrator) }

# The file system path of a path a tool or cmdlet was given, as the tool would open it (C: is
# the machine's folder, see Use-FakeMachine): for the .NET file calls that do not know drives.
function Resolve-FakeFilePath {
    param([Parameter(Mandatory = $true)][string]$Path)
    return $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

# A path relative to the machine's C: folder, with forward slashes (the state's keys).
function Get-FakeRelativePath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $full = [System.IO.Path]::GetFullPath($Path)
    $rootFull = [System.IO.Path]::GetFullPath($script:Root).TrimEnd('/', '\')
    if (-not $full.StartsWith($rootFull + [System.IO.Path]::DirectorySeparatorChar)) { return $null }
    return $full.Substring($rootFull.Length + 1).Replace('\', '/')
}

<#
.SYNOPSIS
    The whole machine as JSON, for comparing before and after: the state (the file seeds and the
    pending test faults are left out) and the files of its C: folder (path -> SHA-256).
#>
function Get-FakeMachineSnapshot {
    $disk = [ordered]@{}
    $rootFull = [System.IO.Path]::GetFullPath($script:Root).TrimEnd('/')
    foreach ($item in @(Microsoft.PowerShell.Management\Get-ChildItem -LiteralPath $script:Root -Recurse -Force)) {
        $relative = $item.FullName.Substring($rootFull.Length + 1)
        if ($item.PSIsContainer) { $disk[$relative + '/'] = 'folder'; continue }
        if ($item.Length -gt 1048576) { $disk[$relative] = 'bytes:' + $item.Length; continue }
        $hash = [System.Security.Cryptography.SHA256]::Create().ComputeHash([System.IO.File]::ReadAllBytes($item.FullName))
        $disk[$relative] = [System.BitConverter]::ToString($hash).Replace('-', '')
    }
    $state = [ordered]@{}
    foreach ($name in @($script:Machine.Keys)) {
        if ($name -eq 'faults') { continue }
        if ($name -ne 'files') { $state[$name] = $script:Machine[$name]; continue }
        $files = [ordered]@{}
        foreach ($path in @($script:Machine.files.Keys)) {
            $meta = [ordered]@{}
            foreach ($key in @($script:Machine.files[$path].Keys)) { if ($key -ne 'text') { $meta[$key] = $script:Machine.files[$path][$key] } }
            $files[$path] = $meta
        }
        $state['files'] = $files
    }
    $state['disk'] = $disk
    return (ConvertTo-Json -InputObject $state -Depth 30 -Compress)
}

# Test fault injection: the state's "faults" list names commands whose Nth call from now fails
# ("Set-Service" is the next call, "icacls.exe@2" the second; "...!crash" ends the process). A fault is consumed (written back),
# so a retry or an undo runs normally.
function Invoke-FakeFault {
    param([Parameter(Mandatory = $true)][string]$Command)
    if (Test-FakeFault -Command $Command) { throw (New-Object -TypeName System.IO.IOException -ArgumentList "Injected fault in $Command (test).") }
}

# Whether a fault for this command fires now (and is used up): for a fake cmdlet that reports the
# failure its own way (a non-terminating error), with nothing thrown inside it.
function Test-FakeFault {
    param([Parameter(Mandatory = $true)][string]$Command)
    $faults = Get-FakeSection -Name 'faults'
    if ($null -eq $faults) { return $false }
    foreach ($fault in @($faults)) {
        if ([string]$fault.command -ne $Command) { continue }
        if ([int]$fault.after -gt 0) {
            $fault.after = [int]$fault.after - 1
            Save-FakeMachine
            continue
        }
        $script:Machine['faults'] = @($faults | Where-Object -FilterScript { -not [object]::ReferenceEquals($_, $fault) })
        Save-FakeMachine
        # "crash": the PowerShell process dies here, as a killed or crashed session would.
        if ($fault.Contains('crash') -and [bool]$fault.crash) { [System.Environment]::Exit(1) }
        return $true
    }
    return $false
}

function Add-FakeFault {
    param([Parameter(Mandatory = $true)][string]$Command)
    $crash = $Command.EndsWith('!crash')
    $parts = $Command.Replace('!crash', '').Split([char]'@')
    $after = 0
    if ($parts.Count -gt 1) { $after = [int]$parts[1] - 1 }
    $script:Machine['faults'] = @(@(Get-FakeList -Name 'faults') + @([ordered]@{ command = $parts[0]; after = $after; crash = $crash }))
    Save-FakeMachine
}

function New-FakeErrorRecord {
    param(
        [Parameter(Mandatory = $true)][System.Exception]$Exception,
        [Parameter(Mandatory = $true)][string]$ErrorId,
        [Parameter(Mandatory = $true)][System.Management.Automation.ErrorCategory]$Category,
        $Target = $null
    )
    return New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList $Exception, $ErrorId, $Category, $Target
}
