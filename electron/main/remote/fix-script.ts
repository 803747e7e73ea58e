import { checks, getCheck, type CheckDef, type CheckId } from '../../../shared/catalog/checks';
import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import type { Target } from '../../../shared/target';
import { SERVER_REPORT_FORMAT, SERVER_REPORT_VERSION } from '../../../shared/server-report';
import { psLiteral } from '../powershell/literal';
import type { ScriptTexts } from './script-texts';

/** The line every script loads the library with; the fix script inlines the library once instead. */
export const DOT_SOURCE_LINE = ". (Join-Path -Path $PSScriptRoot -ChildPath 'lib\\common.ps1')";

/** A script the catalog names is not in the scripts folder (an incomplete install). */
export class MissingScriptError extends Error {}

export interface FixScript {
  fileName: string;
  content: string;
}

/** `check-firewall-rdp` → `Invoke-RdpCheckFirewallRdp`: one function per catalog script. */
export function stepFunctionName(script: ScriptId): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(script)) throw new Error(`Unexpected script id ${script}`);
  return `Invoke-Rdp${script
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
}

/** A script's text as a function body: the same code, without the line that loaded the library. */
function scriptAsFunction(script: ScriptId, texts: ScriptTexts): string {
  const file = scripts[script].file;
  const text = texts.files[file];
  if (text === undefined) throw new MissingScriptError(`The script ${file} is missing from RDP Doctor's scripts folder.`);
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const at = lines.findIndex((l) => l.trim() === DOT_SOURCE_LINE);
  if (at === -1) throw new Error(`${file} does not load lib\\common.ps1 the usual way, so it cannot be put into a fix script.`);
  lines.splice(at, 1);
  const body = lines.join('\n').trimEnd();
  return [`# From ${file}, unchanged but for the line that loaded lib\\common.ps1 (inlined above).`, `function ${stepFunctionName(script)} {`, body, '}'].join('\n');
}

/** A comment line: catalog text on one line (no line breaks can end the comment early). */
const comment = (text: string) => `# ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

/** The server-side script checks a fix re-runs to verify it, as the scan runs them. */
function verifyingChecks(fix: FixDef): Array<{ id: string; title: string; script: ScriptId; withTarget: boolean }> {
  return fix.verifies.flatMap((id) => {
    const check = getCheck(id as CheckId);
    if (check.source.kind !== 'script' || check.source.side !== 'server') return [];
    return [{ id: check.id, title: check.title, script: check.source.script, withTarget: check.source.withTarget === true }];
  });
}

/** Every server-side script check, as -Report runs them. */
function serverChecks(): Array<{ id: string; title: string; script: ScriptId; withTarget: boolean }> {
  return (checks as readonly CheckDef[]).flatMap((c) =>
    c.source.kind === 'script' && c.source.side === 'server'
      ? [{ id: c.id, title: c.title, script: c.source.script, withTarget: c.source.withTarget === true }]
      : [],
  );
}

function reportTable(list: ReturnType<typeof serverChecks>): string {
  const rows = list.map(
    (c) =>
      `    @{ Script = ${psLiteral(c.script)}; Title = ${psLiteral(c.title)}; Step = ${psLiteral(stepFunctionName(c.script))}; Arguments = ${
        c.withTarget ? '@{ host = $RdpDoctorTarget; port = $RdpDoctorTargetPort }' : '@{}'
      } }`,
  );
  return ['$RdpDoctorServerChecks = @(', rows.join(',\n'), ')'].join('\n');
}

function fixTable(fixes: readonly FixDef[]): string {
  const items = fixes.map((fix) => {
    const checks = verifyingChecks(fix).map(
      (c) =>
        `            @{ Id = ${psLiteral(c.id)}; Title = ${psLiteral(c.title)}; Step = ${psLiteral(stepFunctionName(c.script))}; Arguments = ${
          c.withTarget ? '@{ host = $RdpDoctorTarget; port = $RdpDoctorTargetPort }' : '@{}'
        } }`,
    );
    return [
      '    @{',
      `        Id        = ${psLiteral(fix.id)}`,
      `        Title     = ${psLiteral(fix.title)}`,
      `        Plain     = ${psLiteral(fix.plain)}`,
      `        Changes   = @(${fix.changes.map(psLiteral).join(', ')})`,
      `        UndoPlain = ${psLiteral(fix.undoPlain)}`,
      `        WeakensSecurity = $${fix.risk.includes('changes-security') ? 'true' : 'false'}`,
      `        NeedsRestart = $${fix.risk.includes('needs-restart') ? 'true' : 'false'}`,
      `        Backup    = ${psLiteral(stepFunctionName(fix.backupScript))}`,
      `        Apply     = ${psLiteral(stepFunctionName(fix.script))}`,
      `        Undo      = ${psLiteral(stepFunctionName(fix.undoScript))}`,
      '        Checks    = @(',
      checks.join('\n'),
      '        )',
      '    }',
    ]
      .filter((l) => l !== '')
      .join('\n');
  });
  return ['$RdpDoctorFixes = @(', items.join(',\n'), ')'].join('\n');
}

function header(fixes: readonly FixDef[]): string {
  const lines = [
    fixes.length
      ? '# RDP Doctor: a fix script for the remote computer (the one you connect to with Remote Desktop).'
      : '# RDP Doctor: a check script for the remote computer (the one you connect to with Remote Desktop).',
    '#',
    '# Check only, change nothing: run it with -Report. It runs every server check of RDP Doctor here and',
    '# writes one report file (JSON); send that file back to whoever runs RDP Doctor, who opens it there',
    '# with "Open the server\'s report".',
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File <this file> -Report [-ReportPath <file>]',
    ...(fixes.length ? [] : ['# This script carries no fixes: it always only reports.']),
    '#',
    '# For each fix below it checks, saves a backup, applies the fix, checks again and prints what it did.',
    '# If applying a fix fails, it puts back what that fix had changed, from the backup.',
    '# Backups go to a new folder under %ProgramData%\\RDP Doctor\\backups, named after the date and time.',
    '#',
    '# Run it on the remote computer, in Windows PowerShell opened with "Run as administrator":',
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File <this file>',
    '# Undo everything the newest run changed, or the run whose backup folder you name:',
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File <this file> -Undo',
    '#     powershell.exe -NoProfile -ExecutionPolicy Bypass -File <this file> -Undo -BackupFolder <folder>',
    '#',
    '# The code below the fix list is RDP Doctor\'s own scripts, the same ones the app runs.',
    '#',
    '# The fixes, in the order they run:',
  ];
  if (fixes.length === 0) lines.pop();
  fixes.forEach((fix, i) => {
    lines.push(comment(`  ${i + 1}. ${fix.title} (${fix.id})`));
    lines.push(comment(`     ${fix.plain}`));
    for (const change of fix.changes) lines.push(comment(`     - ${change}`));
    if (fix.risk.includes('changes-security')) lines.push(comment('     WEAKENS SECURITY: runs only with -AcceptSecurityChange; test, then undo it with -Undo.'));
    if (fix.risk.includes('needs-restart')) lines.push(comment('     Restarts Remote Desktop services: people connected to this server are disconnected.'));
    lines.push(comment(`     Undo: ${fix.undoPlain}`));
  });
  return lines.join('\n');
}

/** What runs the steps and prints them for people; the same for every fix script. */
const RUNTIME = String.raw`
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
    $entry = @{ id = $Fix.Id; title = $Fix.Title; state = 'started'; backupFile = $null; changed = @(); message = '' }
    $Manifest.fixes += $entry
    $fixFolder = Join-Path -Path $Folder -ChildPath $Fix.Id
    $null = New-Item -ItemType Directory -Path $fixFolder -Force

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
    Save-RdpDoctorJson -Path $entry.backupFile -Value @{ fixId = $Fix.Id; backup = $backup }
    $entry.state = 'backed-up'
    Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
    Write-Host "    Backup saved in $fixFolder"

    try {
        $applied = Invoke-RdpDoctorStep -Label 'The fix' -Step $Fix.Apply -Arguments @{ backup = $backup }
        $entry.changed = @($applied.changed)
        $entry.state = 'applied'
        Save-RdpDoctorManifest -Folder $Folder -Manifest $Manifest
        if ($entry.changed.Count -eq 0) { Write-Host '    Nothing needed to change.' }
        foreach ($line in $entry.changed) { Write-Host "    Changed: $line" -ForegroundColor Green }
    } catch {
        $failure = $_.Exception.Message
        Write-Host "    The fix failed ($failure). Putting back what it changed..." -ForegroundColor Red
        try {
            $undone = Invoke-RdpDoctorStep -Label 'The roll-back' -Step $Fix.Undo -Arguments @{ backup = $backup }
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
            $undone = Invoke-RdpDoctorStep -Label "Undo $($fix.Title)" -Step $fix.Undo -Arguments @{ backup = $saved.backup }
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

# -Report: every server check, nothing changed, one JSON file for RDP Doctor's "Open the server's report".
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
        format        = '@@FORMAT@@'
        formatVersion = @@VERSION@@
        computer      = @{ name = [string]$env:COMPUTERNAME; dnsName = $dnsName; addresses = $addresses }
        takenAt       = (Format-IsoDate -Date (Get-Date))
        madeFor       = @{ host = $RdpDoctorTarget; port = $RdpDoctorTargetPort }
        checks        = $results
    }
    $denied = @($results.Values | Where-Object -FilterScript { -not $_.ok -and $_.error.Contains('type') -and $_.error.type -eq 'System.UnauthorizedAccessException' })
    if ($denied.Count -gt 0) {
        Write-Host "$($denied.Count) check(s) need administrator rights: run this again in PowerShell opened with ""Run as administrator"" for a full report." -ForegroundColor Yellow
    }
    [System.IO.File]::WriteAllText($Path, (ConvertTo-Json -InputObject $report -Depth 12 -Compress), (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))
    Write-Host "Report saved: $Path" -ForegroundColor Green
    Write-Host 'Send this file to whoever runs RDP Doctor; they open it with "Open the server''s report".'
    return 0
}

if ($Report -or $RdpDoctorFixes.Count -eq 0) {
    exit (Invoke-RdpDoctorReport -Path $ReportPath)
}

$principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList ([System.Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)) {
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
foreach ($result in $results) { Write-Host "    $($result.title): $($result.state). $($result.message)" }
Write-Host "Backups and the checks before and after: $folder"
Write-Host 'To undo every change this run made, in Windows PowerShell opened with "Run as administrator":'
Write-Host ('    powershell.exe -NoProfile -ExecutionPolicy Bypass -File "' + $self + '" -Undo -BackupFolder "' + $folder + '"')
if (@($results | Where-Object -FilterScript { $_.state -ne 'applied' }).Count -gt 0) { exit 1 }
exit 0
`;

/**
 * One self-contained .ps1 for the remote computer, made of the app's own scripts (each wrapped
 * as a function, lib/common.ps1 inlined once) and a runner that checks, backs up, applies,
 * checks again, prints what it did, and undoes it all with -Undo. A pure function of catalog ids
 * and the scripts' text: the only values from the request are the fix ids (catalog ids, validated)
 * and the target, which enter through psLiteral alone.
 */
export function makeFixScript(fixIds: readonly FixId[], target: Target, texts: ScriptTexts): FixScript {
  const fixes = fixIds.map((id) => getFix(id));
  const clientSide = fixes.find((f) => f.side !== 'server');
  if (clientSide) throw new Error(`"${clientSide.title}" changes this computer, not the remote one.`);
  const reportChecks = serverChecks();
  const stepScripts = [
    ...new Set([
      ...reportChecks.map((c) => c.script),
      ...fixes.flatMap((f) => [...verifyingChecks(f).map((c) => c.script), f.backupScript, f.script, f.undoScript]),
    ]),
  ];
  const parts = [
    header(fixes),
    '[CmdletBinding()]',
    'param(',
    '    # Replays the backups of an earlier run instead of applying the fixes.',
    '    [switch]$Undo,',
    '    # The backup folder to undo; without it, the newest one.',
    "    [string]$BackupFolder = '',",
    '    # Needed to run a fix that weakens security for a test (undo it with -Undo afterwards).',
    '    [switch]$AcceptSecurityChange,',
    '    # Check only, change nothing: write the report file for RDP Doctor.',
    '    [switch]$Report,',
    '    # Where -Report writes its file; without it, rdp-doctor-report-<computer>.json in the current folder.',
    "    [string]$ReportPath = ''",
    ')',
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    '',
    '# The computer RDP Doctor diagnosed, as it was typed there (this script runs on it).',
    `$RdpDoctorTarget = ${psLiteral(target.host)}`,
    `$RdpDoctorTargetPort = [int]${psLiteral(String(target.port))}`,
    '',
    '#region lib\\common.ps1, inlined once',
    texts.library.replace(/\r\n/g, '\n').trimEnd(),
    '#endregion',
    '',
    '#region lib\\admin-store.ps1 and lib\\windows-calls.ps1: backups in a folder only administrators can change',
    texts.adminStore.replace(/\r\n/g, '\n').trimEnd(),
    '#endregion',
    '',
    '#region The steps: RDP Doctor\'s scripts, each as one function',
    stepScripts.map((s) => scriptAsFunction(s, texts)).join('\n\n'),
    '#endregion',
    '',
    '# Every server check, for -Report.',
    reportTable(reportChecks),
    '',
    '# The chosen fixes and the steps that check, back up, apply and undo each.',
    fixTable(fixes),
    RUNTIME.replace('@@FORMAT@@', SERVER_REPORT_FORMAT).replace('@@VERSION@@', String(SERVER_REPORT_VERSION)),
  ];
  const content = `\uFEFF${parts.join('\n').replace(/\n/g, '\r\n')}`;
  const host = target.host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60);
  return { fileName: `rdp-doctor-${fixes.length ? 'fix' : 'check'}-${host}.ps1`, content };
}
