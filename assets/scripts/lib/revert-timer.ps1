# Temporary changes that put themselves back: Microsoft's isolation test, CredSSP "Vulnerable",
# Remote Desktop over TCP only. With the change, in the same administrator run, a scheduled task
# is registered on the computer the change was made on; it runs as SYSTEM once the time is up
# and restores the backup, whether or not RDP Doctor, the remoting session or the laptop that
# made the change is still there. The undo removes it.
#
# What the task runs trusts nothing a standard user can write: the restore script and the
# backup it restores are written into the change's own backup folder, which is in the
# administrators' store (%ProgramData%\RDP Doctor\backups\<id>: the helper, the remoting guard
# and the generated fix script each give the scripts only that folder; docs/security.md), and
# the task's action is Windows PowerShell by its System32 path running that one file. The script
# carries the library functions it needs (it loads nothing), and reads the steps and the backup
# from the JSON file beside it.
#
# ScheduledTasks cmdlets are CDXML functions: the caller's $ErrorActionPreference does not reach
# them (PowerShell/PowerShell#4568), so every call here says -ErrorAction itself.
# learn.microsoft.com: Register-ScheduledTask, New-ScheduledTaskTrigger (-Once -At),
# New-ScheduledTaskPrincipal (-UserId SYSTEM -LogonType ServiceAccount -RunLevel Highest),
# New-ScheduledTaskSettingsSet (-StartWhenAvailable: runs as soon as it can after a start time
# the computer missed, asleep or off), Unregister-ScheduledTask.
# Windows PowerShell 5.1 syntax.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$RevertTaskPath = '\RDP Doctor\'
# Where the task says what it did: HKLM\SOFTWARE is readable by every user and writable only by
# administrators and SYSTEM, so the app (unelevated) can see that the timer put a change back.
$RevertOutcomeKey = 'HKLM:\SOFTWARE\RDP Doctor\Timers'
$RevertStepsFile = 'revert-steps.json'
$RevertScriptFile = 'revert-on-timer.ps1'
# How long a temporary change may stay: the choices the fix preview offers (minutes).
$RevertChoices = @(15, 60)
# The functions the restore script carries, in an order each finds the ones it calls.
$RevertScriptFunctions = @(
    'Format-IsoDate', 'Get-RegistryDword', 'Get-RegistryParentPath', 'Remove-EmptyKeyChain',
    'Restore-PolicyDword', 'Set-ServerDword', 'Restore-ServerDword', 'Invoke-RevertStep',
    'Write-RevertOutcome', 'Invoke-TimedRevert'
)

# The task's name: the change's backup id (the backup folder's name, a GUID).
function Get-RevertTaskName {
    param([Parameter(Mandatory = $true)][string]$BackupDir)
    $id = Split-Path -Path $BackupDir -Leaf
    if ($id -cnotmatch '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') {
        throw ('Refused: {0} is not a backup folder of RDP Doctor (its name is not a change id).' -f $BackupDir)
    }
    return ('Put back change {0}' -f $id)
}

# One step of a restore, as a fix describes it: a policy DWORD (Restore-PolicyDword) or a server
# DWORD (Restore-ServerDword) back to its backup. Returns what it changed, in words.
function Invoke-RevertStep {
    param([Parameter(Mandatory = $true)]$Step)
    switch ([string]$Step.kind) {
        'policy-dword' { return @(Restore-PolicyDword -Key ([string]$Step.key) -Name ([string]$Step.name) -Backup $Step.backup) }
        'server-dword' { return @(Restore-ServerDword -Path ([string]$Step.path) -Name ([string]$Step.name) -Previous $Step.previous) }
        default { throw ('Unknown restore step {0}.' -f $Step.kind) }
    }
}

function Write-RevertOutcome {
    param(
        [Parameter(Mandatory = $true)][string]$Id,
        [Parameter(Mandatory = $true)][string]$State,
        [Parameter(Mandatory = $true)][string]$Detail
    )
    $key = Join-Path -Path $RevertOutcomeKey -ChildPath $Id
    if (-not (Test-Path -LiteralPath $key)) { $null = New-Item -Path $key -Force }
    $null = New-ItemProperty -LiteralPath $key -Name 'State' -PropertyType String -Value $State -Force
    $null = New-ItemProperty -LiteralPath $key -Name 'At' -PropertyType String -Value (Format-IsoDate -Date (Get-Date)) -Force
    $null = New-ItemProperty -LiteralPath $key -Name 'Detail' -PropertyType String -Value $Detail -Force
}

# What the scheduled task runs (the restore script calls it with its own folder): restores the
# backup, records how that went where the app can read it, and removes its own task.
function Invoke-TimedRevert {
    param([Parameter(Mandatory = $true)][string]$Folder)
    $record = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText((Join-Path -Path $Folder -ChildPath $RevertStepsFile)))
    $id = Split-Path -Path $Folder -Leaf
    try {
        $restored = @()
        foreach ($step in @($record.steps)) { $restored += @(Invoke-RevertStep -Step $step) }
        $detail = 'Nothing needed to change back.'
        if ($restored.Count -gt 0) { $detail = $restored -join '; ' }
        Write-RevertOutcome -Id $id -State 'restored' -Detail $detail
    } catch {
        Write-RevertOutcome -Id $id -State 'failed' -Detail $_.Exception.Message
    }
    Unregister-ScheduledTask -TaskName ([string]$record.taskName) -TaskPath $RevertTaskPath -Confirm:$false -ErrorAction SilentlyContinue
}

# The restore script's text: the functions it needs, then one call. No value is pasted in: the
# steps and the backup are read from the JSON file beside it.
function New-RevertScriptText {
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    $lines.Add('# RDP Doctor: puts back a temporary change when its time is up. Run once by Task Scheduler as SYSTEM; written by lib\revert-timer.ps1.')
    $lines.Add('Set-StrictMode -Version Latest')
    $lines.Add('$ErrorActionPreference = ''Stop''')
    foreach ($name in @('RevertTaskPath', 'RevertOutcomeKey', 'RevertStepsFile')) {
        $lines.Add(('${0} = ''{1}''' -f $name, ((Get-Variable -Name $name -ValueOnly) -replace "'", "''")))
    }
    foreach ($name in $RevertScriptFunctions) {
        $lines.Add(('function {0} {{{1}}}' -f $name, (Get-Command -Name $name -CommandType Function).Definition))
    }
    # Its own folder, from its own path (the script runs as one file, -File).
    $lines.Add('Invoke-TimedRevert -Folder (Split-Path -Path $MyInvocation.MyCommand.Path -Parent)')
    return ($lines -join [System.Environment]::NewLine)
}

# Windows PowerShell by its System32 path (never a folder a user could write); off Windows, where
# only the tests run, the name alone, as Invoke-SystemTool does.
function Get-RevertProgram {
    $system = [System.Environment]::SystemDirectory
    if ($system) { return (Join-Path -Path $system -ChildPath 'WindowsPowerShell\v1.0\powershell.exe') }
    return 'powershell.exe'
}

<#
.SYNOPSIS
    Registers the task that restores $Steps after $Minutes, from the change's backup folder
    (which must be the administrators' store's folder for this change: see the top of this
    file). Throws when the task cannot be registered; the fix is then rolled back. Returns when
    it will run.
#>
function Register-RevertTimer {
    param(
        [Parameter(Mandatory = $true)][string]$BackupDir,
        [Parameter(Mandatory = $true)][int]$Minutes,
        [Parameter(Mandatory = $true)][object[]]$Steps
    )
    if ($RevertChoices -notcontains $Minutes) { throw ('A temporary change turns itself back after {0} minutes, not {1}.' -f ($RevertChoices -join ' or '), $Minutes) }
    $taskName = Get-RevertTaskName -BackupDir $BackupDir
    $at = (Get-Date).AddMinutes($Minutes)
    $scriptPath = Join-Path -Path $BackupDir -ChildPath $RevertScriptFile
    if ($scriptPath.Contains('"')) { throw 'Refused: the backup folder''s path cannot be quoted for the task.' }
    $record = @{ taskName = $taskName; revertsAt = (Format-IsoDate -Date $at); steps = $Steps }
    $utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $true
    [System.IO.File]::WriteAllText((Join-Path -Path $BackupDir -ChildPath $RevertStepsFile), (ConvertTo-Json -InputObject $record -Depth 10), $utf8)
    [System.IO.File]::WriteAllText($scriptPath, (New-RevertScriptText), $utf8)
    $action = New-ScheduledTaskAction -Execute (Get-RevertProgram) -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "{0}"' -f $scriptPath) -ErrorAction Stop
    $trigger = New-ScheduledTaskTrigger -Once -At $at -ErrorAction Stop
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest -ErrorAction Stop
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ErrorAction Stop
    try {
        $null = Register-ScheduledTask -TaskName $taskName -TaskPath $RevertTaskPath -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Description 'RDP Doctor: puts back a temporary Remote Desktop change when its time is up.' -Force -ErrorAction Stop
    } catch {
        throw ('The timer that would put this back could not be set up (Register-ScheduledTask: {0}).' -f $_.Exception.Message)
    }
    return @{ revertsAt = $record.revertsAt; line = ('Turns itself back at {0} (scheduled task "{1}{2}", runs as SYSTEM)' -f $at.ToString('HH:mm', [System.Globalization.CultureInfo]::InvariantCulture), $RevertTaskPath, $taskName) }
}

# The undo (and the roll-back): removes the change's timer if it is still there. Returns what it
# did, in words.
function Unregister-RevertTimer {
    param([Parameter(Mandatory = $true)][string]$BackupDir)
    $taskName = Get-RevertTaskName -BackupDir $BackupDir
    $task = Get-ScheduledTask -TaskName $taskName -TaskPath $RevertTaskPath -ErrorAction SilentlyContinue
    if ($null -eq $task) { return @() }
    Unregister-ScheduledTask -TaskName $taskName -TaskPath $RevertTaskPath -Confirm:$false -ErrorAction Stop
    return @('Removed the timer that would have put it back')
}

# What the timers of these changes did, read unelevated: restored, failed (with why), or nothing
# yet (pending).
function Get-RevertOutcome {
    param([Parameter(Mandatory = $true)][string]$Id)
    $key = Join-Path -Path $RevertOutcomeKey -ChildPath $Id
    if (-not (Test-Path -LiteralPath $key)) { return @{ id = $Id; state = 'pending'; at = $null; detail = $null } }
    $values = Get-ItemProperty -LiteralPath $key
    return @{ id = $Id; state = [string]$values.State; at = [string]$values.At; detail = [string]$values.Detail }
}

# An argument of a script's decoded arguments, or $null when it was not given (StrictMode forbids
# reading a property that is not there).
function Get-OptionalArgument {
    param([Parameter(Mandatory = $true)]$Arguments, [Parameter(Mandatory = $true)][string]$Name)
    $property = $Arguments.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    return $property.Value
}

<#
.SYNOPSIS
    A temporary fix's answer: what it changed and, when the user chose a time, the timer that
    puts $Steps back then (registered here, after the change). Throws if the timer cannot be set
    up, so the change is rolled back rather than left without it.
#>
function Complete-TemporaryChange {
    param(
        [Parameter(Mandatory = $true)]$Arguments,
        [AllowEmptyCollection()][Parameter(Mandatory = $true)][string[]]$Changed,
        [Parameter(Mandatory = $true)][object[]]$Steps
    )
    $minutes = Get-OptionalArgument -Arguments $Arguments -Name 'revertAfterMinutes'
    if ($null -eq $minutes) { return @{ changed = @($Changed) } }
    $backupDir = Get-OptionalArgument -Arguments $Arguments -Name 'backupDir'
    if (-not $backupDir) { throw 'A change that turns itself back needs its backup folder, and none was given.' }
    $timer = Register-RevertTimer -BackupDir ([string]$backupDir) -Minutes ([int]$minutes) -Steps $Steps
    return @{ changed = @(@($Changed) + @($timer.line)); revertsAt = $timer.revertsAt }
}

# A temporary fix's undo (and roll-back) removes its timer, when the backup folder names one.
function Remove-TemporaryChangeTimer {
    param([Parameter(Mandatory = $true)]$Arguments)
    $backupDir = Get-OptionalArgument -Arguments $Arguments -Name 'backupDir'
    if (-not $backupDir) { return @() }
    return @(Unregister-RevertTimer -BackupDir ([string]$backupDir))
}
