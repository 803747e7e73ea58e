# The item cmdlets on the registry and Cert: drives; any other path goes to the real cmdlet.
# Module functions do not see the caller's $ErrorActionPreference (preference variables stop at
# a module's scope: PowerShell/PowerShell#4568), so each shadow of a compiled cmdlet
# (Microsoft.PowerShell.Management, CimCmdlets, Diagnostics) reads it from the caller, as the
# cmdlet does. The CDXML cmdlets (Network.ps1) are module functions on Windows too and do not.

function Use-CallerErrorAction {
    param([Parameter(Mandatory = $true)]$Cmdlet, [Parameter(Mandatory = $true)][hashtable]$Bound)
    if ($Bound.ContainsKey('ErrorAction')) { return $Bound['ErrorAction'] }
    return $Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference')
}

function Write-FakeError {
    param(
        [Parameter(Mandatory = $true)]$Cmdlet,
        [Parameter(Mandatory = $true)][System.Exception]$Exception,
        [Parameter(Mandatory = $true)][string]$ErrorId,
        [Parameter(Mandatory = $true)][System.Management.Automation.ErrorCategory]$Category,
        $Target = $null
    )
    $Cmdlet.WriteError((New-FakeErrorRecord -Exception $Exception -ErrorId $ErrorId -Category $Category -Target $Target))
}

# "Cannot find path '...' because it does not exist." (ItemNotFoundException, PathNotFound: the
# text of PowerShell's SessionStateStrings.PathNotFound, which every provider cmdlet writes).
function Write-FakePathNotFound {
    param([Parameter(Mandatory = $true)]$Cmdlet, [Parameter(Mandatory = $true)][string]$Path)
    $exception = New-Object -TypeName System.Management.Automation.ItemNotFoundException -ArgumentList "Cannot find path '$Path' because it does not exist."
    Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'PathNotFound' -Category ObjectNotFound -Target $Path
}

function Get-FakePathArgument {
    param([hashtable]$Bound)
    foreach ($name in @('LiteralPath', 'Path')) {
        if ($Bound.ContainsKey($name)) { return @($Bound[$name])[0] }
    }
    return $null
}

function Test-Path {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$Path,
        [string[]]$LiteralPath,
        [Microsoft.PowerShell.Commands.TestPathType]$PathType = 'Any'
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -ne $key) { return ((Test-FakeRegistryKey -Key $key) -and $PathType -ne 'Leaf') }
    $cert = ConvertTo-FakeCertPath -Path $target
    if ($null -ne $cert) {
        if ($cert.Thumbprint) { return ($PathType -ne 'Container' -and $null -ne (Get-FakeCertificate -Store $cert.Store -Thumbprint $cert.Thumbprint)) }
        return ($PathType -ne 'Leaf' -and $script:Machine.certificates.Contains($cert.Store))
    }
    return Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -ne $key) {
        if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
        # Names are case-insensitive; a key keeps the case it was created with (RegistryKey.Name).
        $stored = Get-FakeRegistryKeyName -Key $key
        if ($null -ne $stored) { $key = $stored }
        return New-FakeRegistryKeyItem -Key $key
    }
    $cert = ConvertTo-FakeCertPath -Path $target
    if ($null -ne $cert) { throw "FakeWindows: Get-Item on Cert: not modelled ($target)" }
    Microsoft.PowerShell.Management\Get-Item @PSBoundParameters
}

function Get-ChildItem {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$Path,
        [string[]]$LiteralPath,
        [switch]$File,
        [switch]$Directory,
        [switch]$Force,
        [switch]$Recurse
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -ne $key) {
        if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
        foreach ($child in @(Get-FakeSubKeyNames -Key $key)) { New-FakeRegistryKeyItem -Key $child }
        return
    }
    $cert = ConvertTo-FakeCertPath -Path $target
    if ($null -ne $cert) {
        if (-not $script:Machine.certificates.Contains($cert.Store)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
        foreach ($entry in @($script:Machine.certificates[$cert.Store])) { ConvertTo-FakeX509 -Entry $entry }
        return
    }
    Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters
}

function New-Item {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$Path,
        [string]$Name,
        [string]$ItemType,
        [object]$Value,
        [switch]$Force
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $key = $null
    if ($Path) { $key = ConvertTo-FakeRegistryKey -Path $Path[0] }
    if ($null -ne $key) {
        Invoke-FakeFault -Command 'New-Item'
        if ($Name) { $key = "$key\$Name" }
        if (Test-FakeRegistryKey -Key $key) {
            if ($Force) { throw "FakeWindows: New-Item -Force on an existing key is not modelled ($key)" }
            # "New-Item : A key at this path already exists" (about_Transactions, its example output).
            Write-FakeError -Cmdlet $PSCmdlet -Exception (New-Object -TypeName System.IO.IOException -ArgumentList 'A key at this path already exists.') -ErrorId 'System.IO.IOException' -Category ResourceExists -Target $key
            return
        }
        $parent = $key.Substring(0, $key.LastIndexOf('\'))
        if (-not $Force -and -not (Test-FakeRegistryKey -Key $parent)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $parent; return }
        New-FakeRegistryKey -Key $key
        Save-FakeMachine
        return New-FakeRegistryKeyItem -Key $key
    }
    Microsoft.PowerShell.Management\New-Item @PSBoundParameters
}

function Remove-Item {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$Path,
        [string[]]$LiteralPath,
        [switch]$Recurse,
        [switch]$Force
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    Invoke-FakeFault -Command 'Remove-Item'
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -ne $key) {
        if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
        Remove-FakeRegistryKey -Key $key -Recurse:$Recurse
        Save-FakeMachine
        return
    }
    $cert = ConvertTo-FakeCertPath -Path $target
    if ($null -ne $cert) {
        Remove-FakeCertificate -Store $cert.Store -Thumbprint $cert.Thumbprint
        Save-FakeMachine
        return
    }
    $full = $null
    if ($null -ne $target -and $null -ne $script:Root) { $full = [System.IO.Path]::GetFullPath($target) }
    Microsoft.PowerShell.Management\Remove-Item @PSBoundParameters
    if ($null -ne $full -and -not (Microsoft.PowerShell.Management\Test-Path -LiteralPath $full)) { Clear-FakeHiddenFiles -FullName $full }
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -eq $key) { return Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters }
    if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
    $values = Get-FakeRegistryValues -Key $key
    $result = [ordered]@{}
    $wanted = @($values.Keys)
    if ($Name) { $wanted = $Name }
    $found = 0
    foreach ($valueName in $wanted) {
        $actual = @($values.Keys | Where-Object -FilterScript { $_ -ieq $valueName }) | Select-Object -First 1
        if ($null -eq $actual) {
            # "Property X does not exist at path Y." (PSArgumentException), one per missing name.
            $exception = New-Object -TypeName System.Management.Automation.PSArgumentException -ArgumentList "Property $valueName does not exist at path $key."
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'System.Management.Automation.PSArgumentException' -Category InvalidArgument -Target $valueName
            continue
        }
        $result[$actual] = ConvertFrom-FakeRegistryValue -Entry $values[$actual]
        $found += 1
    }
    if ($Name -and $found -eq 0) { return }
    $result['PSPath'] = "Microsoft.PowerShell.Core\Registry::$key"
    $result['PSParentPath'] = "Microsoft.PowerShell.Core\Registry::" + $key.Substring(0, [Math]::Max(0, $key.LastIndexOf('\')))
    $result['PSChildName'] = $key.Split([char]'\')[-1]
    return [pscustomobject]$result
}

function New-ItemProperty {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string[]]$Path,
        [string[]]$LiteralPath,
        [Parameter(Mandatory = $true)][string]$Name,
        [string]$PropertyType = 'String',
        [object]$Value,
        [switch]$Force
    )
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -eq $key) { throw "FakeWindows: New-ItemProperty outside the registry is not modelled ($target)" }
    Invoke-FakeFault -Command 'New-ItemProperty'
    if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
    $values = Get-FakeRegistryValues -Key $key
    # "New-ItemProperty : The property already exists." without -Force (public transcripts of it).
    if (-not $Force -and @($values.Keys | Where-Object -FilterScript { $_ -ieq $Name }).Count -gt 0) {
        Write-FakeError -Cmdlet $PSCmdlet -Exception (New-Object -TypeName System.IO.IOException -ArgumentList 'The property already exists.') -ErrorId 'System.IO.IOException' -Category ResourceExists -Target $Name
        return
    }
    $type = @{ 'DWord' = 'DWord'; 'QWord' = 'QWord'; 'String' = 'String'; 'ExpandString' = 'ExpandString'; 'MultiString' = 'MultiString'; 'Binary' = 'Binary' }[$PropertyType]
    if (-not $type) { throw "FakeWindows: property type not modelled: $PropertyType" }
    Set-FakeRegistryValue -Key $key -Name $Name -Type $type -Value $Value
    Save-FakeMachine
    return [pscustomobject]@{ $Name = $Value; PSPath = "Microsoft.PowerShell.Core\Registry::$key" }
}

function Remove-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Mandatory = $true)][string[]]$Name, [switch]$Force)
    $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $target = Get-FakePathArgument -Bound $PSBoundParameters
    $key = ConvertTo-FakeRegistryKey -Path $target
    if ($null -eq $key) { throw "FakeWindows: Remove-ItemProperty outside the registry is not modelled ($target)" }
    Invoke-FakeFault -Command 'Remove-ItemProperty'
    if (-not (Test-FakeRegistryKey -Key $key)) { Write-FakePathNotFound -Cmdlet $PSCmdlet -Path $target; return }
    foreach ($valueName in $Name) {
        if (-not (Remove-FakeRegistryValue -Key $key -Name $valueName)) {
            $exception = New-Object -TypeName System.Management.Automation.PSArgumentException -ArgumentList "Property $valueName does not exist at path $key."
            Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'System.Management.Automation.PSArgumentException' -Category InvalidArgument -Target $valueName
        }
    }
    Save-FakeMachine
}

# A PE file's version resource: FileVersionInfo reads it on Windows only, so the state says what
# a file's holds (files[<path>].version = { fileVersion, description }). PowerShell gives every
# FileInfo a VersionInfo ScriptProperty (its type data); this one answers from the machine's
# files (a global table: a ScriptProperty runs outside this module's scope).
function Initialize-FakeVersionInfo {
    $table = @{}
    foreach ($relative in @($script:Machine.files.Keys)) {
        $file = $script:Machine.files[$relative]
        if (-not $file.Contains('version')) { continue }
        $numbers = @(([string]$file.version.fileVersion).Split('.') | ForEach-Object -Process { [int]$_ })
        $full = [System.IO.Path]::GetFullPath((Join-Path -Path $script:Root -ChildPath $relative))
        $table[$full] = [pscustomobject]@{
            FileName        = $full
            FileMajorPart   = $numbers[0]
            FileMinorPart   = $numbers[1]
            FileBuildPart   = $numbers[2]
            FilePrivatePart = $numbers[3]
            FileVersion     = [string]$file.version.fileVersion
            FileDescription = [string]$file.version.description
            # FileVersionInfo.ProductVersion: the product's version string; Windows' own files give the
            # same as FileVersion (https://learn.microsoft.com/dotnet/api/system.diagnostics.fileversioninfo.productversion).
            ProductVersion  = [string]$(if ($file.version.Contains('productVersion')) { $file.version.productVersion } else { $file.version.fileVersion })
        }
    }
    $global:FakeWindowsVersionInfo = $table
}
Update-TypeData -TypeName 'System.IO.FileInfo' -MemberType ScriptProperty -MemberName 'VersionInfo' -Force -Value {
    $table = $global:FakeWindowsVersionInfo
    if ($null -ne $table -and $table.ContainsKey($this.FullName)) { return $table[$this.FullName] }
    return [System.Diagnostics.FileVersionInfo]::GetVersionInfo($this.FullName)
}

# The Hidden attribute. NTFS keeps it on any file (Remote Desktop Connection writes Default.rdp
# into Documents as a hidden file; Documents\Default.rdp: support.microsoft.com/kb/885187). On
# Linux, .NET reports Hidden only for names starting with a dot and ignores setting it
# (FileSystemInfo.Attributes, https://learn.microsoft.com/dotnet/api/system.io.filesysteminfo.attributes).
# So the state holds it, as files[<path>].hidden; the file's other attributes are the real ones.
# Deleting the file deletes its attributes with it (Remove-Item above). A ScriptProperty runs
# outside this module's scope: it reaches the state through the module.
$global:FakeWindowsModule = $ExecutionContext.SessionState.Module

function Test-FakeHiddenFile {
    param([Parameter(Mandatory = $true)][string]$FullName)
    if ($null -eq $script:Root) { return $false }
    $relative = Get-FakeRelativePath -Path $FullName
    if ($null -eq $relative -or -not $script:Machine.files.Contains($relative)) { return $false }
    $file = $script:Machine.files[$relative]
    return ($file.Contains('hidden') -and [bool]$file.hidden)
}

function Set-FakeHiddenFile {
    param([Parameter(Mandatory = $true)][string]$FullName, [Parameter(Mandatory = $true)][bool]$Hidden)
    if ($null -eq $script:Root) { return }
    $relative = Get-FakeRelativePath -Path $FullName
    # Outside the machine's C: folder (a test's own temp files) Hidden is not kept.
    if ($null -eq $relative) { return }
    if (-not $script:Machine.files.Contains($relative)) { $script:Machine.files[$relative] = [ordered]@{} }
    if ($Hidden) { $script:Machine.files[$relative]['hidden'] = $true } else { $null = $script:Machine.files[$relative].Remove('hidden') }
    Save-FakeMachine
}

# A deleted file (or every file of a deleted folder) takes its Hidden attribute with it.
function Clear-FakeHiddenFiles {
    param([Parameter(Mandatory = $true)][string]$FullName)
    $relative = Get-FakeRelativePath -Path $FullName
    if ($null -eq $relative) { return }
    $changed = $false
    foreach ($path in @($script:Machine.files.Keys)) {
        if ($path -ne $relative -and -not $path.StartsWith($relative + '/')) { continue }
        if ($script:Machine.files[$path].Contains('hidden')) { $null = $script:Machine.files[$path].Remove('hidden'); $changed = $true }
    }
    if ($changed) { Save-FakeMachine }
}

Update-TypeData -TypeName 'System.IO.FileInfo' -MemberType ScriptProperty -MemberName 'Attributes' -Force -Value {
    $attributes = $this.psbase.Attributes
    $fullName = $this.FullName
    if (& $global:FakeWindowsModule { param($p) Test-FakeHiddenFile -FullName $p } $fullName) { $attributes = $attributes -bor [System.IO.FileAttributes]::Hidden }
    return $attributes
} -SecondValue {
    param($value)
    $attributes = [System.IO.FileAttributes]$value
    $this.psbase.Attributes = $attributes -band (-bnot [System.IO.FileAttributes]::Hidden)
    $hidden = (($attributes -band [System.IO.FileAttributes]::Hidden) -ne 0)
    $fullName = $this.FullName
    & $global:FakeWindowsModule { param($p, $h) Set-FakeHiddenFile -FullName $p -Hidden $h } $fullName $hidden
}
