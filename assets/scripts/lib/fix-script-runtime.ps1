# The runner of the fix script RDP Doctor makes for the remote computer (electron/main/remote/
# fix-script.ts): it runs the steps, prints them for people, keeps backups, and has the -Report and
# -Undo modes. Not a script of its own and not a library of the elevated helper (which loads only
# the libraries it dot-sources): the generator appends this file, unchanged, to the scripts it inlines.
# What it uses, defined above it in the generated script:
#   parameters   $Undo, $BackupFolder, $AcceptSecurityChange, $Report, $ReportPath, $RevertAfterMinutes
#   variables    $RdpDoctorTarget, $RdpDoctorTargetPort, $RdpDoctorServerChecks, $RdpDoctorFixes,
#                $RdpDoctorReportFormat, $RdpDoctorReportFormatVersion, $RdpDoctorDetect (null but
#                in an Intune detection script), $RdpDoctorReportShare (empty for none)
#   functions    lib\common.ps1 (Format-IsoDate; lib\revert-timer.ps1 through it: $RevertChoices and
#                the timer a temporary fix registers), lib\admin-store.ps1 (Test-IsWindows,
#                Initialize-AdminStore, Assert-NoLinkInPath, Assert-BackupFilesInside), and one
#                function per step
# Windows PowerShell 5.1 syntax; runs on 7 too.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# In this script each step's answer is kept for the next step and printed for people,
# instead of being written as one JSON line for the app.
$script:RdpDoctorAnswer = $null
function Write-Envelope {
    param([Parameter(Mandatory = $true)][hashtable]$Envelope)
    $script:RdpDoctorAnswer = $Envelope
}

# Runs one step (one of the functions above) with its arguments; returns its facts or throws.
function Invoke-RdpDoctorStep {
    param(
        [Parameter(Mandatory = $true)][string]$Label,
        [Parameter(Mandatory = $true)][string]$Step,
        [Parameter(Mandatory = $true)][hashtable]$Arguments
    )
    $json = ConvertTo-Json -InputObject $Arguments -Depth 10 -Compress
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
    $script:RdpDoctorAnswer = $null
    $null = & $Step -EncodedArgs $encoded
    $answer = $script:RdpDoctorAnswer
    if ($null -eq $answer) { throw "$Label gave no result." }
    if (-not $answer.ok) { throw "$Label failed: $($answer.error.message)" }
    return $answer.facts
}

function Write-RdpDoctorFacts {
    param([Parameter(Mandatory = $true)][string]$Label, [AllowNull()][object]$Facts)
    Write-Host "    $Label"
    foreach ($line in ((ConvertTo-Json -InputObject $Facts -Depth 10) -split '\r?\n')) { Write-Host "        $line" }
}

function Save-RdpDoctorJson {
    param([Parameter(Mandatory = $true)][string]$Path, [AllowNull()][object]$Value)
    Set-Content -LiteralPath $Path -Value (ConvertTo-Json -InputObject $Value -Depth 10) -Encoding UTF8
}

# Runs the checks a fix is verified by; prints and returns what each found.
function Invoke-RdpDoctorChecks {
    param([Parameter(Mandatory = $true)][hashtable]$Fix, [Parameter(Mandatory = $true)][string]$When)
    $found = @{}
    foreach ($check in @($Fix.Checks)) {
        try {
            $facts = Invoke-RdpDoctorStep -Label "Check $($check.Title)" -Step $check.Step -Arguments $check.Arguments
            $found[$check.Id] = $facts
            Write-RdpDoctorFacts -Label "$When - $($check.Title):" -Facts $facts
        } catch {
            $found[$check.Id] = @{ error = $_.Exception.Message }
            Write-Host "    $When - $($check.Title): could not check ($($_.Exception.Message))" -ForegroundColor Yellow
        }
    }
    return $found
}

function Save-RdpDoctorManifest {
    param([Parameter(Mandatory = $true)][string]$Folder, [Parameter(Mandatory = $true)][object]$Manifest)
    Save-RdpDoctorJson -Path (Join-Path -Path $Folder -ChildPath 'manifest.json') -Value $Manifest
}

# One fix: check, back up, apply (rolled back from the backup if it fails), check again.
function Invoke-RdpDoctorFix {
    param(
        [Parameter(Mandatory = $true)][hashtable]$Fix,
        [Parameter(Mandatory = $true)][string]$Folder,
        [Parameter(Mandatory = $true)][hashtable]$Manifest,
        [Parameter(Mandatory = $true)][string]$Position
    )
    Write-Host ''
    Write-Host "[$Position] $($Fix.Title)" -ForegroundColor Cyan
    Write-Host "    $($Fix.Plain)"
    if ($Fix.NeedsRestart) { Write-Host '    This restarts Remote Desktop services: people connected to this server are disconnected.' -ForegroundColor Yellow }
    if ($Fix.WeakensSecurity) { Write-Host '    This weakens security for a test: undo it with -Undo once you have tested.' -ForegroundColor Yellow }
    $entry = @{ id = $Fix.Id; title = $Fix.Title; state = 'started'; backupFile = $null; changed = @(); message = ''; revertsAt = $null }
    $Manifest.fixes += $entry
    $fixFolder = Join-Path -Path $Folder -ChildPath $Fix.Id
    $null = New-Item -ItemType Directory -Path $fixFolder -Force
    # A temporary fix put back by a timer: the timer's files (the restore script the task runs and
    # its steps) go to a folder of this fix's backup, named by a new change id (the task's name,
    # lib\revert-timer.ps1), which the backup file records for -Undo.
    $timer = $null
    if ($Fix.Temporary -and $RevertAfterMinutes -gt 0) {
        $timerId = [System.Guid]::NewGuid().ToString()
        $timer = @{ id = $timerId; folder = (Join-Path -Path $fixFolder -ChildPath $timerId) }
        $null = New-Item -ItemType Directory -Path $timer.folder -Force
    }

    $before = Invoke-RdpDoctorChecks -Fix $Fix -When 'Before'
    Save-RdpDoctorJson -Path (Join-Path -Path $fixFolder -ChildPath 'checks-before.json') -Value $before

    try {
        $backup = Invoke-RdpDoctorStep -Label 'The backup' -Step $Fix.Backup -Arguments @{ backupDir = $fixFolder }
    } catch {
        $entry.state = 'failed'
        $entry.message = "Nothing was changed: the backup could not be made ($($_.Exception.Message))."
        Write-Host "    $($entry.message)" -ForegroundColor Red
        Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
        return $entry
    }
    $entry.backupFile = Join-Path -Path $fixFolder -ChildPath 'rdp-doctor-backup.json'
    $saved = @{ fixId = $Fix.Id; backup = $backup }
    if ($null -ne $timer) { $saved.timerId = $timer.id }
    Save-RdpDoctorJson -Path $entry.backupFile -Value $saved
    $entry.state = 'backed-up'
    Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
    Write-Host "    Backup saved in $fixFolder"

    $applyArguments = @{ backup = $backup }
    $undoArguments = @{ backup = $backup }
    if ($null -ne $timer) {
        $applyArguments = @{ backup = $backup; backupDir = $timer.folder; revertAfterMinutes = $RevertAfterMinutes }
        $undoArguments = @{ backup = $backup; backupDir = $timer.folder }
    }
    try {
        $applied = Invoke-RdpDoctorStep -Label 'The fix' -Step $Fix.Apply -Arguments $applyArguments
        $entry.changed = @($applied.changed)
        if ($null -ne $timer) { $entry.revertsAt = [string]$applied.revertsAt }
        $entry.state = 'applied'
        Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
        if ($entry.changed.Count -eq 0) { Write-Host '    Nothing needed to change.' }
        foreach ($line in $entry.changed) { Write-Host "    Changed: $line" -ForegroundColor Green }
    } catch {
        $failure = $_.Exception.Message
        Write-Host "    The fix failed ($failure). Putting back what it changed..." -ForegroundColor Red
        try {
            $undone = Invoke-RdpDoctorStep -Label 'The roll-back' -Step $Fix.Undo -Arguments $undoArguments
            foreach ($line in @($undone.restored)) { Write-Host "    Put back: $line" }
            $entry.state = 'rolled-back'
            $entry.message = "The fix failed ($failure); everything it had changed was put back."
        } catch {
            $entry.message = "The fix failed ($failure) and the roll-back failed too ($($_.Exception.Message)). Run this script again with -Undo -BackupFolder to retry."
        }
        Write-Host "    $($entry.message)" -ForegroundColor Red
        Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
        return $entry
    }

    $after = Invoke-RdpDoctorChecks -Fix $Fix -When 'After'
    Save-RdpDoctorJson -Path (Join-Path -Path $fixFolder -ChildPath 'checks-after.json') -Value $after
    $same = (ConvertTo-Json -InputObject $before -Depth 10 -Compress) -eq (ConvertTo-Json -InputObject $after -Depth 10 -Compress)
    if ($same -and $entry.changed.Count -gt 0) {
        $entry.message = 'Applied, but the checks read the same as before: run the diagnosis in RDP Doctor again to see whether the problem is gone.'
    } else {
        $entry.message = 'Applied and checked again: run the diagnosis in RDP Doctor again to confirm the problem is gone.'
    }
    Write-Host "    $($entry.message)"
    if ($null -ne $timer) {
        Write-Host "    This is temporary: a scheduled task puts it back in $RevertAfterMinutes minutes, even if nobody runs -Undo." -ForegroundColor Yellow
    }
    Write-Host "    To undo: $($Fix.UndoPlain)"
    return $entry
}

# -Undo: replays the backups of one run, newest change first.
function Invoke-RdpDoctorUndo {
    param([AllowEmptyString()][string]$Folder)
    if (-not $Folder) {
        $newest = @(Get-ChildItem -LiteralPath $RdpDoctorBackupRoot -Directory -ErrorAction SilentlyContinue |
                Where-Object -FilterScript { Test-Path -LiteralPath (Join-Path -Path $_.FullName -ChildPath 'manifest.json') } |
                Sort-Object -Property Name -Descending)
        if ($newest.Count -eq 0) { throw "There is no RDP Doctor backup under $RdpDoctorBackupRoot to undo." }
        $Folder = $newest[0].FullName
    }
    # Only a run folder directly in the administrators' backup folder: never one named elsewhere.
    $Folder = [System.IO.Path]::GetFullPath($Folder)
    if ([System.IO.Path]::GetDirectoryName($Folder) -ne [System.IO.Path]::GetFullPath($RdpDoctorBackupRoot)) {
        throw "$Folder is not a backup folder of this script: those are in $RdpDoctorBackupRoot."
    }
    Assert-NoLinkInPath -Path $Folder -Root $RdpDoctorBackupRoot
    $manifestPath = Join-Path -Path $Folder -ChildPath 'manifest.json'
    if (-not (Test-Path -LiteralPath $manifestPath)) { throw "$Folder is not an RDP Doctor backup folder (no manifest.json)." }
    $manifest = Get-Content -LiteralPath $manifestPath -Raw | ConvertFrom-Json
    Write-Host "Undoing the changes saved in $Folder" -ForegroundColor Cyan
    $entries = @($manifest.fixes)
    [System.Array]::Reverse($entries)
    $failed = 0
    foreach ($entry in $entries) {
        if (@('backed-up', 'applied') -notcontains [string]$entry.state) { continue }
        $fix = $RdpDoctorFixes | Where-Object -FilterScript { $_.Id -eq [string]$entry.id } | Select-Object -First 1
        if (-not $fix) {
            Write-Host "    $($entry.title): this script cannot undo it; run the script that made the change with -Undo." -ForegroundColor Red
            $failed += 1
            continue
        }
        try {
            # The backup's place is derived from the fix id, never read from the manifest.
            $fixFolder = Join-Path -Path $Folder -ChildPath $fix.Id
            Assert-NoLinkInPath -Path $fixFolder -Root $Folder
            $saved = Get-Content -LiteralPath (Join-Path -Path $fixFolder -ChildPath 'rdp-doctor-backup.json') -Raw | ConvertFrom-Json
            Assert-BackupFilesInside -Folder $fixFolder -Value $saved.backup
            $undoArguments = @{ backup = $saved.backup }
            # A temporary fix's timer, by the change id its backup recorded: the undo removes it.
            $timerId = $saved.PSObject.Properties['timerId']
            if ($null -ne $timerId) {
                if ([string]$timerId.Value -cnotmatch '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') { throw "its backup names a timer that is not a change id ($($timerId.Value))" }
                $timerFolder = Join-Path -Path $fixFolder -ChildPath ([string]$timerId.Value)
                Assert-NoLinkInPath -Path $timerFolder -Root $fixFolder
                $undoArguments.backupDir = $timerFolder
            }
            $undone = Invoke-RdpDoctorStep -Label "Undo $($fix.Title)" -Step $fix.Undo -Arguments $undoArguments
            $restored = @($undone.restored)
            if ($restored.Count -eq 0) { Write-Host "    $($fix.Title): nothing needed to change back." }
            foreach ($line in $restored) { Write-Host "    $($fix.Title): $line" -ForegroundColor Green }
            $entry.state = 'undone'
        } catch {
            Write-Host "    $($fix.Title): could not be undone ($($_.Exception.Message))." -ForegroundColor Red
            $failed += 1
        }
        Set-Content -LiteralPath $manifestPath -Value (ConvertTo-Json -InputObject $manifest -Depth 10) -Encoding UTF8
    }
    if ($failed -gt 0) { return 1 }
    Write-Host 'Every change of that run is undone.' -ForegroundColor Green
    return 0
}

# Whether this PowerShell runs as an administrator: on Windows, an elevated token in the
# Administrators group (learn.microsoft.com: WindowsPrincipal.IsInRole, WindowsBuiltInRole).
# Elsewhere only the tests run this script, under pwsh, and root is the administrator there
# (.NET 8+ Environment.IsPrivilegedProcess: geteuid() is 0 on Unix).
function Test-RdpDoctorAdministrator {
    if (-not (Test-IsWindows)) { return [bool][System.Environment]::IsPrivilegedProcess }
    $principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList ([System.Security.Principal.WindowsIdentity]::GetCurrent())
    return $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
}

# -Report: every server check, nothing changed, one JSON file for RDP Doctor's "Open the server's report"
# (-ReportPath '-': the JSON is the script's output instead, for Invoke-Command).
function Invoke-RdpDoctorReport {
    param([AllowEmptyString()][string]$Path)
    if (-not $Path) { $Path = Join-Path -Path (Get-Location).ProviderPath -ChildPath "rdp-doctor-report-$env:COMPUTERNAME.json" }
    Write-Host "RDP Doctor: checking $env:COMPUTERNAME for $RdpDoctorTarget. Nothing is changed." -ForegroundColor Cyan
    $results = @{}
    foreach ($check in $RdpDoctorServerChecks) {
        $json = ConvertTo-Json -InputObject $check.Arguments -Depth 10 -Compress
        $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
        $script:RdpDoctorAnswer = $null
        $null = & $check.Step -EncodedArgs $encoded
        $answer = $script:RdpDoctorAnswer
        if ($null -eq $answer) { $answer = @{ ok = $false; error = @{ message = "$($check.Title) gave no result." } } }
        $results[$check.Script] = $answer
        $state = 'done'
        if (-not $answer.ok) { $state = "could not check ($($answer.error.message))" }
        Write-Host "    $($check.Title): $state"
    }
    $properties = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties()
    $dnsName = $null
    if ($properties.DomainName) { $dnsName = "$($properties.HostName).$($properties.DomainName)" }
    $addresses = @()
    try {
        $addresses = @([System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces() |
                ForEach-Object -Process { $_.GetIPProperties().UnicastAddresses } |
                ForEach-Object -Process { $_.Address.ToString() -replace '%.*$', '' } | Select-Object -First 64)
    } catch {
        $addresses = @()
    }
    $report = @{
        format        = $RdpDoctorReportFormat
        formatVersion = $RdpDoctorReportFormatVersion
        computer      = @{ name = [string]$env:COMPUTERNAME; dnsName = $dnsName; addresses = $addresses }
        takenAt       = (Format-IsoDate -Date (Get-Date))
        madeFor       = @{ host = $RdpDoctorTarget; port = $RdpDoctorTargetPort }
        checks        = $results
    }
    $denied = @($results.Values | Where-Object -FilterScript { -not $_.ok -and $_.error.Contains('type') -and $_.error.type -eq 'System.UnauthorizedAccessException' })
    if ($denied.Count -gt 0) {
        Write-Host "$($denied.Count) check(s) need administrator rights: run this again in PowerShell opened with ""Run as administrator"" for a full report." -ForegroundColor Yellow
    }
    $json = ConvertTo-Json -InputObject $report -Depth 12 -Compress
    if ($Path -eq '-') {
        # Over PowerShell remoting (rdp-doctor check --computers): the report travels back as this
        # script's output, one string, instead of a file on the server.
        $script:RdpDoctorReportJson = $json
        return 0
    }
    [System.IO.File]::WriteAllText($Path, $json, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))
    Write-Host "Report saved: $Path" -ForegroundColor Green
    Write-Host 'Send this file to whoever runs RDP Doctor; they open it with "Open the server''s report".'
    return 0
}

# The detection half of an Intune Remediations pair (rdp-doctor check --export-intune): each
# fix's check, the test that says its cause is there, one line of output (Intune keeps the last
# line, at most 2,048 characters), exit 1 when a cause is there (Intune then runs the remediation,
# this same script without the detection table), 0 when none is, 2 when a check could not run.
# Nothing is changed, but the server's report in the share folder when one was given.
if ($null -ne $RdpDoctorDetect) {
    if ($RdpDoctorReportShare) {
        try {
            $null = Invoke-RdpDoctorReport -Path (Join-Path -Path $RdpDoctorReportShare -ChildPath "rdp-doctor-report-$env:COMPUTERNAME.json")
        } catch {
            Write-Host "The report could not be saved in $RdpDoctorReportShare ($($_.Exception.Message))."
        }
    }
    $found = @()
    $failed = @()
    foreach ($cause in $RdpDoctorDetect) {
        try {
            $facts = Invoke-RdpDoctorStep -Label $cause.Id -Step $cause.Step -Arguments @{ host = $RdpDoctorTarget; port = $RdpDoctorTargetPort }
            # The facts as RDP Doctor reads them: through JSON.
            $facts = ConvertFrom-Json -InputObject (ConvertTo-Json -InputObject $facts -Depth 10)
            if (& $cause.Test $facts) { $found += $cause.Line }
        } catch {
            $failed += "$($cause.Id) could not be checked ($($_.Exception.Message))"
        }
    }
    if ($found.Count -gt 0) {
        Write-Output ('RDP Doctor on ' + $env:COMPUTERNAME + ': ' + ($found -join ' | '))
        exit 1
    }
    if ($failed.Count -gt 0) {
        Write-Output ('RDP Doctor on ' + $env:COMPUTERNAME + ': ' + ($failed -join ' | '))
        exit 2
    }
    Write-Output ('RDP Doctor on ' + $env:COMPUTERNAME + ': none of the causes this remediation fixes is there.')
    exit 0
}

if ($Report -or $RdpDoctorFixes.Count -eq 0) {
    $script:RdpDoctorReportJson = $null
    $code = Invoke-RdpDoctorReport -Path $ReportPath
    if ($null -ne $script:RdpDoctorReportJson) { Write-Output $script:RdpDoctorReportJson }
    exit $code
}

# -RevertAfterMinutes: one of the times a temporary change may stay (lib\revert-timer.ps1), or 0.
if ($RevertAfterMinutes -ne 0 -and $RevertChoices -notcontains $RevertAfterMinutes) {
    Write-Host ('-RevertAfterMinutes is {0}: a temporary fix puts itself back after {1} minutes, or 0 for only when you run -Undo. Nothing was changed.' -f $RevertAfterMinutes, ($RevertChoices -join ' or ')) -ForegroundColor Red
    exit 5
}

# Two fixes that undo each other (the isolation test turns TLS off, another fix turns it on) never
# run together: refused before anything is touched, the administrator store included. -Undo of an
# earlier run is not affected.
if (-not $Undo) {
    foreach ($fix in $RdpDoctorFixes) {
        foreach ($conflict in @($fix.ConflictsWith)) {
            if (@($RdpDoctorFixes | Where-Object -FilterScript { $_.Id -eq $conflict.Id }).Count -gt 0) {
                Write-Host ('"{0}": {1}' -f $fix.Title, $conflict.Line) -ForegroundColor Red
                Write-Host 'Make a fix script with only one of them. Nothing was changed.'
                exit 6
            }
        }
    }
}

if (-not (Test-RdpDoctorAdministrator)) {
    Write-Host 'Run this script in Windows PowerShell opened with "Run as administrator".' -ForegroundColor Red
    exit 2
}
$self = $PSCommandPath
if (-not $self) { $self = '<this file>' }
# %ProgramData%\RDP Doctor, made with a DACL for SYSTEM and Administrators only; one that another
# user made first, that others may change, or that is a link is refused (docs/security.md).
try {
    $RdpDoctorBackupRoot = Join-Path -Path (Initialize-AdminStore) -ChildPath 'backups'
} catch {
    Write-Host $_.Exception.Message -ForegroundColor Red
    exit 4
}

if ($Undo) {
    exit (Invoke-RdpDoctorUndo -Folder $BackupFolder)
}

$weakening = @($RdpDoctorFixes | Where-Object -FilterScript { $_.WeakensSecurity })
if ($weakening.Count -gt 0 -and -not $AcceptSecurityChange) {
    Write-Host 'These fixes weaken security, so they run only when you ask for it explicitly:' -ForegroundColor Red
    foreach ($fix in $weakening) { Write-Host "    $($fix.Title)" }
    Write-Host 'Run the script again with -AcceptSecurityChange, test the connection, then undo them with -Undo.'
    Write-Host 'Nothing was changed.'
    exit 3
}

Write-Host "RDP Doctor fix script. RDP Doctor diagnosed: $RdpDoctorTarget. This computer: $env:COMPUTERNAME." -ForegroundColor Cyan
$folder = Join-Path -Path $RdpDoctorBackupRoot -ChildPath (Get-Date -Format 'yyyyMMdd-HHmmss')
$null = New-Item -ItemType Directory -Path $folder -Force
$manifest = @{ target = $RdpDoctorTarget; computer = $env:COMPUTERNAME; createdAt = (Get-Date).ToString('o'); fixes = @() }
Save-RdpDoctorManifest -Folder $folder -Manifest $manifest
$results = @()
$number = 0
foreach ($fix in $RdpDoctorFixes) {
    $number += 1
    $results += Invoke-RdpDoctorFix -Fix $fix -Folder $folder -Manifest $manifest -Position "$number of $($RdpDoctorFixes.Count)"
}
Save-RdpDoctorManifest -Folder $folder -Manifest $manifest

Write-Host ''
Write-Host 'What was done:' -ForegroundColor Cyan
foreach ($result in $results) {
    Write-Host "    $($result.title): $($result.state). $($result.message)"
    if ($result.state -eq 'applied' -and $result.revertsAt) { Write-Host "        Puts itself back at $($result.revertsAt) (a scheduled task running as SYSTEM)." }
}
Write-Host "Backups and the checks before and after: $folder"
Write-Host 'To undo every change this run made, in Windows PowerShell opened with "Run as administrator":'
Write-Host ('    powershell.exe -NoProfile -ExecutionPolicy Bypass -File "' + $self + '" -Undo -BackupFolder "' + $folder + '"')
if (@($results | Where-Object -FilterScript { $_.state -ne 'applied' }).Count -gt 0) { exit 1 }
exit 0
