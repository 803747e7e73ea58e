<#
.SYNOPSIS
    RDP Doctor's administrator helper: runs the backup, fix and undo scripts of a batch of fixes
    under one UAC prompt.
.DESCRIPTION
    Three modes:
    describe (unelevated, run by the app's session; base64 JSON argument) prints exactly what the
            UAC prompt will show for a start: the program, its publisher and the command line, so
            the app can show it before the prompt appears.
    launch  (unelevated; base64 JSON argument) starts this script again as administrator
            (ShellExecute "runas") with that command line and prints one JSON object saying how
            that went. A declined prompt is reported by its Win32 error code (1223), which no
            display language changes.
    serve   (elevated; -Serve with plain-word arguments, readable in the prompt's details: the
            pipe name, the app's process id, the launching user's SID, the token, and any fix
            that weakens security the administrator is asked to allow) creates the pipe itself
            (one instance, admitting only the launching user), accepts only the process that
            launched it and knows its token, checks that its own folder is admin-only and its
            scripts match the manifest, then answers one request per line: a script id from the
            allow-list (from the manifest) and a backup id. Backups live in the helper's own admin-only folder;
            every path is derived here from the backup id, and nothing the app sends (journal
            entries, paths, backups) is trusted.
    Dot-sourced (the tests), it only defines its functions.
#>
param(
    # describe and launch: base64 JSON, as every script takes its arguments from the app.
    [string]$EncodedArgs = '',
    # serve: plain words only (nothing encoded), because the administrator approves this command
    # line in the UAC prompt and must be able to read it.
    [switch]$Serve,
    [string]$PipeName = '',
    [int]$AppPid = 0,
    [string]$UserSid = '',
    [string]$Token = '',
    # Fix scripts that weaken security which this helper may run, comma-separated; any other such
    # script is refused, so the prompt names every weakening the administrator allows.
    [string]$AllowWeakening = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The libraries run with the helper's rights the moment they load, so before loading any, every
# file of lib\ (what is there and what the manifest lists) is compared with the manifest beside
# this script by SHA-256, using .NET alone (the checking functions live in those libraries). No
# list of libraries to keep: whatever a library loads is in lib\, so it was checked too. On a
# mismatch nothing is loaded: the reason is printed and the helper stops.
$LibraryRefusal = $null
$manifestFile = Join-Path -Path $PSScriptRoot -ChildPath 'scripts.sha256.json'
if (-not (Test-Path -LiteralPath $manifestFile)) {
    $LibraryRefusal = 'Refused: scripts.sha256.json is missing beside the scripts, so they cannot be checked. Fixes that need an administrator run only from an installed copy of RDP Doctor. Nothing was run.'
} else {
    $shippedManifest = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($manifestFile))
    $shipped = $shippedManifest.files
    $libraryFolder = Join-Path -Path $PSScriptRoot -ChildPath 'lib'
    $present = @()
    if ([System.IO.Directory]::Exists($libraryFolder)) {
        $present = @([System.IO.Directory]::GetFiles($libraryFolder, '*.ps1') | ForEach-Object -Process { 'lib/' + [System.IO.Path]::GetFileName($_) })
    }
    $listed = @($shipped.PSObject.Properties | Where-Object -FilterScript { $_.Name -like 'lib/*' } | ForEach-Object -Process { $_.Name })
    $sha = [System.Security.Cryptography.SHA256]::Create()
    foreach ($library in @($present + $listed | Sort-Object -Unique)) {
        $expected = $shipped.PSObject.Properties[$library]
        $file = Join-Path -Path $PSScriptRoot -ChildPath $library
        $actual = $null
        if (Test-Path -LiteralPath $file) { $actual = [System.BitConverter]::ToString($sha.ComputeHash([System.IO.File]::ReadAllBytes($file))).Replace('-', '').ToLowerInvariant() }
        if ($null -eq $expected) {
            $LibraryRefusal = ('Refused: {0} is not in the script manifest, so it was not installed with RDP Doctor. Nothing was run; reinstall RDP Doctor.' -f $library)
            break
        }
        if ($actual -ne [string]$expected.Value) {
            $LibraryRefusal = ('Refused: {0} was changed after it was installed (its SHA-256 does not match the manifest). Nothing was run; reinstall RDP Doctor.' -f $library)
            break
        }
    }
    $sha.Dispose()
}

# The only scripts that run as administrator, from the manifest the build wrote from the catalog
# (electron/main/elevation/allow-list.ts, helperAllowList; scripts/script-manifest.mjs): it is
# installed per machine beside the hashed scripts, where only administrators can change it, and
# Assert-Installation checks that before anything runs. Each id is the file "<id>.ps1" beside this one.
# $ElevatedFixes: the backup, fix and undo scripts of the administrator fixes, as "backup fix undo"
#   of one fix; a fix or undo script runs only against a backup its own fix's backup script made.
# $ElevatedActions: scripts that run on their own, with no arguments and no backup (the restart a
#   fix taking effect only at startup asks for, calling it off, the read-only check of the key
#   file's permissions that only administrators may read).
# $WeakeningScripts: the fix scripts that weaken security; one runs only when the helper's start
#   arguments, shown in the UAC prompt, named it.
# $TimedFixScripts: the fix scripts of temporary changes (the catalog's "temporary" fixes): the
#   one argument the helper takes from the app for them, revertAfterMinutes (one of the choices
#   lib\revert-timer.ps1 allows), goes to them only; the timer's files go to the backup folder
#   the helper derives.
# $TargetArgumentScripts: backup scripts that record the target (the name the fix writes): they
#   alone take 'host' and 'port' from the app, checked here as a plain name or address (never a
#   wildcard: the NTLM exception list reads '*' as one) and a port number.
# Both are fix or backup scripts of the allowed fixes, or the manifest is refused: a list the
# build writes from the catalog, so a new timed fix or target backup needs no line here.
# A manifest without the list allows nothing; an id that is not a plain script name is refused.
function ConvertTo-ScriptIdList {
    param([AllowNull()]$Value)
    $ids = @($Value | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [string]$_ })
    foreach ($id in $ids) { if ($id -cnotmatch '^[a-z0-9]+(-[a-z0-9]+)*$') { throw ('Refused: the script manifest names {0}, which is not a script id. Nothing was run; reinstall RDP Doctor.' -f $id) } }
    return $ids
}
# A list of the manifest's allow-list that may be absent (a manifest without it: none).
function Get-AllowListPart {
    param([Parameter(Mandatory = $true)]$Allowed, [Parameter(Mandatory = $true)][string]$Name)
    $property = $Allowed.PSObject.Properties[$Name]
    if ($null -eq $property) { return @() }
    return @(ConvertTo-ScriptIdList -Value $property.Value)
}
$ElevatedFixes = @()
$ElevatedActions = @()
$WeakeningScripts = @()
$TimedFixScripts = @()
$TargetArgumentScripts = @()
if ($null -eq $LibraryRefusal -and $null -ne $shippedManifest.PSObject.Properties['elevated']) {
    $allowed = $shippedManifest.elevated
    try {
        $triples = @($allowed.fixes | ForEach-Object -Process {
                $triple = @(ConvertTo-ScriptIdList -Value $_)
                if ($triple.Count -ne 3) { throw 'Refused: the script manifest names a fix that is not backup, fix and undo. Nothing was run; reinstall RDP Doctor.' }
                , $triple
            })
        $ElevatedFixes = @($triples | ForEach-Object -Process { $_ -join ' ' })
        $ElevatedActions = @(ConvertTo-ScriptIdList -Value $allowed.actions)
        $WeakeningScripts = @(ConvertTo-ScriptIdList -Value $allowed.weakening)
        $TimedFixScripts = @(Get-AllowListPart -Allowed $allowed -Name 'timed')
        $TargetArgumentScripts = @(Get-AllowListPart -Allowed $allowed -Name 'targetArguments')
        $fixScriptIds = @($triples | ForEach-Object -Process { $_[1] })
        $backupScriptIds = @($triples | ForEach-Object -Process { $_[0] })
        foreach ($id in $TimedFixScripts) { if ($fixScriptIds -cnotcontains $id) { throw ('Refused: the script manifest lets {0} take a time from the app, but it is not the fix script of an allowed fix. Nothing was run; reinstall RDP Doctor.' -f $id) } }
        foreach ($id in $TargetArgumentScripts) { if ($backupScriptIds -cnotcontains $id) { throw ('Refused: the script manifest lets {0} take the target from the app, but it is not the backup script of an allowed fix. Nothing was run; reinstall RDP Doctor.' -f $id) } }
    } catch {
        $LibraryRefusal = $_.Exception.Message
    }
}
if ($null -ne $LibraryRefusal) {
    if ($MyInvocation.InvocationName -eq '.') { throw $LibraryRefusal }
    # The launch mode's answer, so the app shows the reason before any UAC prompt; the serve mode
    # (already elevated) stops without creating its pipe.
    $launchAnswer = @{ ok = $true; facts = @{ started = $false; processId = $null; nativeErrorCode = $null; message = $LibraryRefusal } }
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $launchAnswer -Compress))
    [Console]::Error.WriteLine($LibraryRefusal)
    exit 1
}
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\admin-store.ps1')

# The argument names the allow-listed scripts take; the helper makes every one of them itself.
# (What the app may send instead: $TimedFixScripts and $TargetArgumentScripts, from the manifest.)
$DerivedArgumentNames = @('backupDir', 'backup')
$MaxEncodedLength = 4096
$ConnectTimeoutMs = 60000

function Get-Field {
    param([Parameter(Mandatory = $true)]$Object, [Parameter(Mandatory = $true)][string]$Name)
    if ($Object -isnot [System.Management.Automation.PSCustomObject]) { return $null }
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    return $property.Value
}

function Get-AllowedScript {
    return @(@($ElevatedFixes | ForEach-Object -Process { $_ -split ' ' }) + $ElevatedActions | Sort-Object -Unique)
}

function Test-IsBackupScript {
    param([Parameter(Mandatory = $true)][string]$ScriptId)
    return @($ElevatedFixes | Where-Object -FilterScript { ($_ -split ' ')[0] -eq $ScriptId }).Count -gt 0
}

# Whether a fix or undo script belongs to the fix whose backup script made a backup.
function Test-PairsWithBackup {
    param([Parameter(Mandatory = $true)][string]$ScriptId, [Parameter(Mandatory = $true)][string]$BackupScript)
    foreach ($fix in $ElevatedFixes) {
        $parts = $fix -split ' '
        if ($parts[0] -eq $BackupScript -and ($parts[1] -eq $ScriptId -or $parts[2] -eq $ScriptId)) { return $true }
    }
    return $false
}

function Get-NativeErrorCode {
    param([Parameter(Mandatory = $true)][System.Exception]$Exception)
    # Process.Start's Win32Exception arrives wrapped (MethodInvocationException); its code, unlike
    # its message, is not translated.
    $current = $Exception
    while ($null -ne $current) {
        if ($current -is [System.ComponentModel.Win32Exception]) { return $current.NativeErrorCode }
        $current = $current.InnerException
    }
    return $null
}

# Windows PowerShell 5.1, the shipped runtime, by its System32 path: never $PSHOME, which is
# PowerShell 7's folder (no powershell.exe there) when the app's session runs under pwsh, and a
# per-user pwsh install would be a program the standard user can replace. The System folder comes
# from the shell (Environment.GetFolderPath, SHGetFolderPath), not from an environment variable.
# learn.microsoft.com: "Migrating from Windows PowerShell 5.1 to PowerShell 7" (separate
# installation folders, pwsh.exe), Environment.SpecialFolder.System.
function Get-WindowsPowerShellPath {
    $system = Get-SystemFolder
    $path = $null
    if ($system) { $path = Join-Path -Path (Join-Path -Path (Join-Path -Path $system -ChildPath 'WindowsPowerShell') -ChildPath 'v1.0') -ChildPath 'powershell.exe' }
    if ($null -eq $path -or -not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw 'Refused: Windows PowerShell 5.1 (System32\WindowsPowerShell\v1.0\powershell.exe) was not found on this computer, and the administrator helper runs only under it. Nothing was run.'
    }
    return $path
}

# The start values as plain words, checked: a refusal here comes before any prompt.
function Get-ServeValues {
    param([Parameter(Mandatory = $true)]$Start)
    $weakening = @(@(Get-Field -Object $Start -Name 'allowWeakening') | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [string]$_ })
    $values = [pscustomobject]@{
        pipeName       = [string](Get-Field -Object $Start -Name 'pipeName')
        token          = [string](Get-Field -Object $Start -Name 'token')
        appPid         = [int](Get-Field -Object $Start -Name 'appPid')
        clientSid      = [string](Get-Field -Object $Start -Name 'clientSid')
        allowWeakening = $weakening
    }
    Assert-ServeArguments -Start $values
    return $values
}

# Exactly what the UAC prompt shows for this start: Windows PowerShell (publisher Microsoft
# Windows) and, under "Show more details", the program location with this command line. Every
# value is a word the administrator can read and compare with what RDP Doctor shows.
function Get-ServeCommand {
    param([Parameter(Mandatory = $true)]$Start)
    $values = Get-ServeValues -Start $Start
    $parts = @(
        '-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden'
        # The script path is quoted (no Windows path contains a double quote).
        ('-File "{0}" -Serve' -f $PSCommandPath)
        ('-PipeName {0} -AppPid {1}' -f $values.pipeName, $values.appPid)
    )
    if ($values.clientSid) { $parts += ('-UserSid {0}' -f $values.clientSid) }
    $parts += ('-Token {0}' -f $values.token)
    if ($values.allowWeakening.Count -gt 0) { $parts += ('-AllowWeakening {0}' -f ($values.allowWeakening -join ',')) }
    $filePath = Get-WindowsPowerShellPath
    $arguments = $parts -join ' '
    return @{
        program     = 'Windows PowerShell'
        publisher   = 'Microsoft Windows'
        filePath    = $filePath
        arguments   = $arguments
        commandLine = ('"{0}" {1}' -f $filePath, $arguments)
    }
}

# The start of a launch or describe request, with the launching user's SID filled in here.
function Get-LaunchStart {
    param([Parameter(Mandatory = $true)]$Start)
    return [pscustomobject]@{
        pipeName       = Get-Field -Object $Start -Name 'pipeName'
        token          = Get-Field -Object $Start -Name 'token'
        appPid         = Get-Field -Object $Start -Name 'appPid'
        clientSid      = [string](Get-LaunchingUserSid)
        allowWeakening = @(Get-Field -Object $Start -Name 'allowWeakening')
    }
}

function Start-ElevatedHelper {
    param([Parameter(Mandatory = $true)]$Start)
    try {
        # Checked again once elevated; checked here too, so a copy the helper would refuse (a
        # per-user or portable one, a changed script) says why before any UAC prompt.
        $null = Assert-Installation
        $command = Get-ServeCommand -Start (Get-LaunchStart -Start $Start)
    } catch {
        return @{ started = $false; processId = $null; nativeErrorCode = $null; message = $_.Exception.Message }
    }
    try {
        $process = Start-ProcessAsAdministrator -FilePath $command.filePath -Arguments $command.arguments
        return @{ started = $true; processId = $process.Id; nativeErrorCode = $null; message = $null }
    } catch {
        return @{
            started         = $false
            processId       = $null
            nativeErrorCode = (Get-NativeErrorCode -Exception $_.Exception)
            message         = $_.Exception.Message
        }
    }
}

# The serve arguments, or a refusal: they come from the unelevated side, so only their shapes are
# trusted, and none of them is a path.
function Assert-ServeArguments {
    param([Parameter(Mandatory = $true)]$Start)
    if ([string](Get-Field -Object $Start -Name 'pipeName') -cnotmatch '^rdp-doctor-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') { throw 'Refused: the pipe name is not one RDP Doctor makes.' }
    if ([string](Get-Field -Object $Start -Name 'token') -cnotmatch '^[0-9a-f]{64}$') { throw 'Refused: the token is not one RDP Doctor makes.' }
    if ([int](Get-Field -Object $Start -Name 'appPid') -le 0) { throw 'Refused: the app''s process id is missing.' }
    $sid = [string](Get-Field -Object $Start -Name 'clientSid')
    if ($sid -and $sid -cnotmatch '^S-1-5-21(-[0-9]+){4}$') { throw 'Refused: the user SID is not one of a Windows account.' }
    foreach ($name in @(Get-Field -Object $Start -Name 'allowWeakening')) {
        if ($null -ne $name -and $WeakeningScripts -cnotcontains [string]$name) { throw ('Refused: {0} is not a fix that weakens security, so it cannot be allowed as one.' -f $name) }
    }
}

# Compares in time independent of where the strings differ.
function Test-SameSecret {
    param([AllowEmptyString()][string]$Given, [Parameter(Mandatory = $true)][string]$Expected)
    if ($Given.Length -ne $Expected.Length) { return $false }
    $difference = 0
    for ($i = 0; $i -lt $Expected.Length; $i++) { $difference = $difference -bor ([int][char]$Given[$i] -bxor [int][char]$Expected[$i]) }
    return ($difference -eq 0)
}

# The scripts folder and the manifest must be admin-only and the helper's libraries must match the manifest before
# anything runs: in a per-user or portable copy, anyone who can write there decides what runs.
function Assert-Installation {
    Assert-AdminOnlyPath -Path $PSScriptRoot -What 'the folder of RDP Doctor''s scripts'
    Assert-AdminOnlyPath -Path (Join-Path -Path $PSScriptRoot -ChildPath 'lib') -What 'the folder of RDP Doctor''s script libraries'
    # It holds the hashes and the allow-list.
    Assert-AdminOnlyPath -Path (Join-Path -Path $PSScriptRoot -ChildPath $ScriptManifestName) -What 'the script manifest'
    $manifest = Read-ScriptManifest -ScriptsFolder $PSScriptRoot
    Assert-ScriptsMatchManifest -ScriptsFolder $PSScriptRoot -Manifest $manifest -RelativePaths (@('elevated-helper.ps1') + @(Get-ManifestLibraries -Manifest $manifest))
    return $manifest
}

# Runs one allowed script and returns the one JSON object it printed, parsed.
function Invoke-AllowedScript {
    param([Parameter(Mandatory = $true)][string]$ScriptId, [Parameter(Mandatory = $true)][hashtable]$Arguments)
    $path = Join-Path -Path $PSScriptRoot -ChildPath ($ScriptId + '.ps1')
    $json = ConvertTo-Json -InputObject $Arguments -Depth 20 -Compress
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
    $previous = [Console]::Out
    $capture = New-Object -TypeName System.IO.StringWriter
    [Console]::SetOut($capture)
    try {
        & $path -EncodedArgs $encoded | Out-Null
    } finally {
        [Console]::SetOut($previous)
    }
    $lines = @($capture.ToString() -split "`r?`n" | Where-Object -FilterScript { $_.Trim() -ne '' })
    if ($lines.Count -eq 0) { throw "$ScriptId printed no result." }
    return ConvertFrom-Json -InputObject $lines[$lines.Count - 1]
}

function Send-Line {
    param([Parameter(Mandatory = $true)][System.IO.StreamWriter]$Writer, [Parameter(Mandatory = $true)][hashtable]$Message)
    $Writer.WriteLine((ConvertTo-Json -InputObject $Message -Depth 20 -Compress))
}

function New-Refusal {
    param([Parameter(Mandatory = $true)][int]$Id, [Parameter(Mandatory = $true)][string]$Message)
    return @{ type = 'result'; id = $Id; ok = $false; error = @{ kind = 'refused'; message = $Message } }
}

# What the helper passes to a script: the backup folder (backup scripts) or the backup it saved
# (fix and undo scripts), both found from the backup id alone. Throws a refusal.
function Get-ScriptArguments {
    param(
        [Parameter(Mandatory = $true)][string]$ScriptId,
        [AllowEmptyString()][Parameter(Mandatory = $true)][string]$BackupId,
        [Parameter(Mandatory = $true)][string]$StoreRoot
    )
    if ($ElevatedActions -contains $ScriptId) { return @{ arguments = @{} } }
    $folder = Get-BackupFolder -StoreRoot $StoreRoot -BackupId $BackupId
    $record = Read-BackupRecord -Folder $folder
    if (Test-IsBackupScript -ScriptId $ScriptId) {
        if ($null -ne $record) {
            if ([string]$record.backupScript -ne $ScriptId) { throw ('Refused: backup {0} belongs to another fix. Nothing was run.' -f $BackupId) }
            return @{ saved = $record.facts }
        }
        if (-not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder }
        return @{ arguments = @{ backupDir = $folder } }
    }
    if ($null -eq $record) {
        throw ('Refused: the administrator helper has no backup for change {0}. A journal entry cannot stand in for one. Nothing was run.' -f $BackupId)
    }
    if (-not (Test-PairsWithBackup -ScriptId $ScriptId -BackupScript ([string]$record.backupScript))) {
        throw ('Refused: backup {0} was made for another fix than {1}. Nothing was run.' -f $BackupId, $ScriptId)
    }
    Assert-BackupFilesInside -Folder $folder -Value $record.facts
    # The folder too: a temporary change's timer files live there, and its undo finds the timer
    # by the folder's name.
    return @{ arguments = @{ backup = $record.facts; backupDir = $folder } }
}

# Returns the answer to one run request. A refusal names its reason and runs nothing.
function Invoke-Request {
    param(
        [Parameter(Mandatory = $true)]$Request,
        [Parameter(Mandatory = $true)][System.IO.StreamWriter]$Writer,
        [Parameter(Mandatory = $true)][hashtable]$State
    )
    $id = [int](Get-Field -Object $Request -Name 'id')
    $scriptId = [string](Get-Field -Object $Request -Name 'script')
    if ((Get-AllowedScript) -notcontains $scriptId) { return (New-Refusal -Id $id -Message "the script '$scriptId' is not on the helper's allow-list") }
    if ($WeakeningScripts -contains $scriptId -and @($State.allowWeakening) -cnotcontains $scriptId) {
        return (New-Refusal -Id $id -Message "$scriptId weakens security, and the administrator's prompt did not name it (-AllowWeakening). Nothing was run; RDP Doctor asks again, naming it")
    }
    $encoded = [string](Get-Field -Object $Request -Name 'encodedArgs')
    if ($encoded.Length -gt $MaxEncodedLength) { return (New-Refusal -Id $id -Message 'the arguments are too long') }
    $fromApp = @{}
    if ($encoded.Length -gt 0) {
        $given = ConvertFrom-EncodedArgs -Value $encoded
        foreach ($property in @(if ($given -is [System.Management.Automation.PSCustomObject]) { $given.PSObject.Properties })) {
            if ($DerivedArgumentNames -contains $property.Name) {
                return (New-Refusal -Id $id -Message "the app sent '$($property.Name)', but the helper takes no backup folder or backup from the app: it finds them itself from the change's backup id")
            }
            if ($property.Name -ceq 'revertAfterMinutes' -and $TimedFixScripts -ccontains $scriptId -and ($property.Value -is [int] -or $property.Value -is [long]) -and $RevertChoices -contains [int]$property.Value) {
                $fromApp['revertAfterMinutes'] = [int]$property.Value
                continue
            }
            if ($TargetArgumentScripts -contains $scriptId -and $property.Name -ceq 'host' -and $property.Value -is [string] -and $property.Value -cmatch '^[A-Za-z0-9.\-:\[\]]{1,253}$') {
                $fromApp['host'] = [string]$property.Value
                continue
            }
            if ($TargetArgumentScripts -contains $scriptId -and $property.Name -ceq 'port' -and ($property.Value -is [int] -or $property.Value -is [long]) -and $property.Value -ge 1 -and $property.Value -le 65535) {
                $fromApp['port'] = [int]$property.Value
                continue
            }
            return (New-Refusal -Id $id -Message "the argument '$($property.Name)' is not known")
        }
    }
    try {
        Assert-ScriptsMatchManifest -ScriptsFolder $PSScriptRoot -Manifest $State.manifest -RelativePaths (@("$scriptId.ps1") + @(Get-ManifestLibraries -Manifest $State.manifest))
        $prepared = Get-ScriptArguments -ScriptId $scriptId -BackupId ([string](Get-Field -Object $Request -Name 'backupId')) -StoreRoot $State.storeRoot
    } catch {
        return (New-Refusal -Id $id -Message $_.Exception.Message)
    }
    if ($prepared.ContainsKey('saved')) { return @{ type = 'result'; id = $id; ok = $true; facts = $prepared.saved } }
    foreach ($name in @($fromApp.Keys)) { $prepared.arguments[$name] = $fromApp[$name] }
    try {
        Send-Line -Writer $Writer -Message @{ type = 'progress'; id = $id; message = "Running $scriptId" }
        $envelope = Invoke-AllowedScript -ScriptId $scriptId -Arguments $prepared.arguments
        if ((Get-Field -Object $envelope -Name 'ok') -eq $true) {
            $facts = Get-Field -Object $envelope -Name 'facts'
            if (Test-IsBackupScript -ScriptId $scriptId) {
                Write-BackupRecord -Folder $prepared.arguments.backupDir -BackupScript $scriptId -Facts $facts
            }
            return @{ type = 'result'; id = $id; ok = $true; facts = $facts }
        }
        $failure = Get-Field -Object $envelope -Name 'error'
        return @{ type = 'result'; id = $id; ok = $false; error = @{ kind = 'script-error'; message = [string](Get-Field -Object $failure -Name 'message') } }
    } catch {
        return @{ type = 'result'; id = $id; ok = $false; error = @{ kind = 'script-error'; message = $_.Exception.Message } }
    }
}

# Serves one client: the process that launched the helper, once it has shown the token. Any
# other peer is told why and the helper exits without running anything.
function Invoke-HelperLoop {
    param([Parameter(Mandatory = $true)]$Start)
    Assert-ServeArguments -Start $Start
    $pipe = New-HelperPipeServer -Name ([string]$Start.pipeName) -ClientSid ([string](Get-Field -Object $Start -Name 'clientSid'))
    try {
        $waiting = $pipe.WaitForConnectionAsync()
        if (-not $waiting.Wait($ConnectTimeoutMs)) { throw 'RDP Doctor did not connect to the administrator helper.' }
        $encoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
        $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList @($pipe, $encoding)
        $writer = New-Object -TypeName System.IO.StreamWriter -ArgumentList @($pipe, $encoding)
        $writer.AutoFlush = $true
        $peer = Get-PipeClientProcessId -Pipe $pipe
        if ($peer -ne [int]$Start.appPid) {
            Send-Line -Writer $writer -Message @{ type = 'refused'; message = ('Refused: the process connected to the administrator helper (process {0}) is not the RDP Doctor that started it (process {1}). Nothing was run.' -f $peer, $Start.appPid) }
            return
        }
        $hello = ConvertFrom-Json -InputObject ([string]$reader.ReadLine())
        if ((Get-Field -Object $hello -Name 'type') -ne 'hello' -or -not (Test-SameSecret -Given ([string](Get-Field -Object $hello -Name 'token')) -Expected ([string]$Start.token))) {
            Send-Line -Writer $writer -Message @{ type = 'refused'; message = 'Refused: the token is not the one this helper was started with (a token is good for one helper only). Nothing was run.' }
            return
        }
        try {
            $state = @{ manifest = (Assert-Installation); storeRoot = (Initialize-AdminStore); lastId = 0; allowWeakening = @($Start.allowWeakening) }
        } catch {
            Send-Line -Writer $writer -Message @{ type = 'refused'; message = $_.Exception.Message }
            return
        }
        Send-Line -Writer $writer -Message @{ type = 'hello'; pid = $PID }
        while ($true) {
            # A closed pipe (the app exited or gave up) ends the helper.
            $line = $reader.ReadLine()
            if ($null -eq $line) { break }
            $request = ConvertFrom-Json -InputObject $line
            $type = Get-Field -Object $request -Name 'type'
            if ($type -eq 'exit') { break }
            $id = [int](Get-Field -Object $request -Name 'id')
            # Ids only grow: a request line recorded and sent again is refused, and ends the session.
            if ($type -ne 'run' -or $id -le $state.lastId) {
                Send-Line -Writer $writer -Message @{ type = 'refused'; message = ('Refused: request {0} was not a new run request (a replayed or out-of-order line). Nothing was run; the helper stops.' -f $id) }
                break
            }
            $state.lastId = $id
            Send-Line -Writer $writer -Message (Invoke-Request -Request $request -Writer $writer -State $state)
        }
    } finally {
        $pipe.Dispose()
    }
}

if ($MyInvocation.InvocationName -ne '.') {
    if ($Serve) {
        $weakening = @($AllowWeakening -split ',' | Where-Object -FilterScript { $_ -ne '' })
        Invoke-HelperLoop -Start ([pscustomobject]@{ pipeName = $PipeName; token = $Token; appPid = $AppPid; clientSid = $UserSid; allowWeakening = $weakening })
        exit 0
    }
    $startArguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $mode = Get-Field -Object $startArguments -Name 'mode'
    if ($mode -eq 'launch') {
        Invoke-RdpDoctorScript -Body { Start-ElevatedHelper -Start $startArguments }
    } elseif ($mode -eq 'describe') {
        Invoke-RdpDoctorScript -Body { Get-ServeCommand -Start (Get-LaunchStart -Start $startArguments) }
    } else {
        Invoke-RdpDoctorScript -Body { throw "Unknown mode '$mode'." }
    }
}
