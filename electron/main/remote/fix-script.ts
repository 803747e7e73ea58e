import { checks, getCheck, type CheckDef, type CheckId } from '../../../shared/catalog/checks';
import { getFix, type FixDef, type FixId } from '../../../shared/catalog/fixes';
import { conflictsOf } from '../../../shared/catalog/fix-conflicts';
import type { RevertAfter } from '../../../shared/catalog/script-def';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import type { Target } from '../../../shared/target';
import { SERVER_REPORT_FORMAT, SERVER_REPORT_VERSION } from '../../../shared/server-report';
import { psLiteral } from '../powershell/literal';
import { inlineLibraries, splitLibraryLines } from './script-libraries';
import type { ScriptTexts } from './script-texts';

/**
 * What the runner (lib/fix-script-runtime.ps1, appended last) uses besides the steps: the common
 * libraries and the administrator store, whose checks keep the backups where only administrators
 * can change them. Whatever the steps load comes in too, from their own dot-source lines.
 */
const RUNTIME_LIBRARIES = ['lib/common.ps1', 'lib/admin-store.ps1'];
const RUNTIME = 'lib/fix-script-runtime.ps1';

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

/** A script's text as a function body: the same code, without the lines that loaded its libraries. */
function scriptAsFunction(script: ScriptId, texts: ScriptTexts): { text: string; loads: string[] } {
  const file = scripts[script].file;
  const text = texts.files[file];
  if (text === undefined) throw new MissingScriptError(`The script ${file} is missing from RDP Doctor's scripts folder.`);
  const { lines, loads } = splitLibraryLines(file, text);
  const body = lines.join('\n').trimEnd();
  return {
    text: [
      `# From ${file}, unchanged but for the lines that loaded its libraries (inlined above).`,
      `function ${stepFunctionName(script)} {`,
      body,
      '}',
    ].join('\n'),
    loads,
  };
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
      `        Temporary = $${fix.temporary ? 'true' : 'false'}`,
      `        NeedsRestart = $${fix.risk.includes('needs-restart') ? 'true' : 'false'}`,
      // Fixes that undo this one: the runner refuses to run them together (shared/catalog/fix-conflicts.ts).
      `        ConflictsWith = @(${conflictsOf(fix.id)
        // Straight quotes: Windows PowerShell 5.1 prints in the console's code page.
        .map((c) => `@{ Id = ${psLiteral(c.other)}; Line = ${psLiteral(c.line.replace(/[“”]/g, '"'))} }`)
        .join(', ')})`,
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

/** How a temporary fix's timer reads in the header: when it puts the change back, or that only -Undo does. */
function timerLine(revertAfterMinutes: RevertAfter): string {
  return revertAfterMinutes === null
    ? '     TEMPORARY: stays until you run -Undo (-RevertAfterMinutes 15 or 60 makes it put itself back).'
    : `     TEMPORARY: a scheduled task (as SYSTEM) puts it back ${revertAfterMinutes} minutes after it is applied, even if nobody runs -Undo (-RevertAfterMinutes 15, 60, or 0 for only -Undo).`;
}

function header(fixes: readonly FixDef[], revertAfterMinutes: RevertAfter): string {
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
    "# The code below the fix list is RDP Doctor's own scripts, the same ones the app runs.",
    '#',
    '# The fixes, in the order they run:',
  ];
  if (fixes.length === 0) lines.pop();
  fixes.forEach((fix, i) => {
    lines.push(comment(`  ${i + 1}. ${fix.title} (${fix.id})`));
    lines.push(comment(`     ${fix.plain}`));
    for (const change of fix.changes) lines.push(comment(`     - ${change}`));
    if (fix.risk.includes('changes-security'))
      lines.push(comment('     WEAKENS SECURITY: runs only with -AcceptSecurityChange; test, then undo it with -Undo.'));
    if (fix.temporary) lines.push(comment(timerLine(revertAfterMinutes)));
    for (const c of conflictsOf(fix.id))
      if (fixes.some((f) => f.id === c.other))
        lines.push(comment(`     ${c.line.replace(/[“”]/g, '"')} The script refuses to run them together.`));
    if (fix.risk.includes('needs-restart'))
      lines.push(comment('     Restarts Remote Desktop services: people connected to this server are disconnected.'));
    lines.push(comment(`     Undo: ${fix.undoPlain}`));
  });
  return lines.join('\n');
}

/**
 * One self-contained .ps1 for the remote computer, made of the app's own scripts (each wrapped
 * as a function, the libraries they load inlined once) and a runner that checks, backs up, applies,
 * checks again, prints what it did, and undoes it all with -Undo. A pure function of catalog ids
 * and the scripts' text: the only values from the request are the fix ids (catalog ids, validated)
 * and the target, which enter through psLiteral alone.
 */
/**
 * What the Intune export adds (electron/main/fleet/intune-export.ts): the script runs on every
 * server it is deployed to, so its target is the computer it runs on; `detect` makes it the
 * detection half of a Remediations pair (each fix's check and the test that says its cause is
 * there); `reportShare` is a folder every run writes the server's report to.
 */
export interface FixScriptOptions {
  thisComputer?: boolean;
  /**
   * For the temporary fixes among them (the catalog's `temporary`): minutes until a scheduled task
   * on the server puts each back, as the user chose in the app (the script's -RevertAfterMinutes
   * default); null or absent, only -Undo does. Refused when none of the fixes is temporary.
   */
  revertAfterMinutes?: RevertAfter;
  detect?: ReadonlyArray<{ fixId: FixId; script: ScriptId; test: string; line: string }>;
  reportShare?: string;
}

function detectTable(detect: NonNullable<FixScriptOptions['detect']>): string {
  const rows = detect.map(
    (d) =>
      `    @{ Id = ${psLiteral(d.fixId)}; Step = ${psLiteral(stepFunctionName(d.script))}; Line = ${psLiteral(d.line)}; Test = {
        param($facts)
${d.test
  .split('\n')
  .map((l) => `        ${l}`)
  .join('\n')}
    } }`,
  );
  return ['$RdpDoctorDetect = @(', rows.join(',\n'), ')'].join('\n');
}

export function makeFixScript(fixIds: readonly FixId[], target: Target, texts: ScriptTexts, options: FixScriptOptions = {}): FixScript {
  const fixes = fixIds.map((id) => getFix(id));
  const clientSide = fixes.find((f) => f.side !== 'server');
  if (clientSide) throw new Error(`"${clientSide.title}" changes this computer, not the remote one.`);
  const revertAfterMinutes = options.revertAfterMinutes ?? null;
  if (revertAfterMinutes !== null && !fixes.some((f) => f.temporary))
    throw new Error('None of these fixes is a temporary change, so none can put itself back after a time.');
  const reportChecks = serverChecks();
  const stepScripts = [
    ...new Set([
      ...reportChecks.map((c) => c.script),
      ...fixes.flatMap((f) => [...verifyingChecks(f).map((c) => c.script), f.backupScript, f.script, f.undoScript]),
      ...(options.detect ?? []).map((d) => d.script),
    ]),
  ];
  const steps = stepScripts.map((s) => scriptAsFunction(s, texts));
  const inlined = new Set<string>();
  const libraries = inlineLibraries([...RUNTIME_LIBRARIES, ...steps.flatMap((s) => s.loads)], texts.libraries, inlined);
  const parts = [
    header(fixes, revertAfterMinutes),
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
    "    [string]$ReportPath = '',",
    '    # Minutes until a scheduled task puts each temporary fix back (15 or 60); 0: only -Undo does.',
    `    [int]$RevertAfterMinutes = ${psLiteral(String(revertAfterMinutes ?? 0))}`,
    ')',
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    '',
    ...(options.thisComputer
      ? [
          '# Deployed to many servers: each is the computer RDP Doctor diagnoses, by its own name.',
          '$RdpDoctorTarget = [string]$env:COMPUTERNAME',
        ]
      : [
          '# The computer RDP Doctor diagnosed, as it was typed there (this script runs on it).',
          `$RdpDoctorTarget = ${psLiteral(target.host)}`,
        ]),
    `$RdpDoctorTargetPort = [int]${psLiteral(String(target.port))}`,
    '',
    "# RDP Doctor's libraries, each once: what the steps load, and the administrator store (backups in a",
    '# folder only administrators can change).',
    libraries,
    '',
    "#region The steps: RDP Doctor's scripts, each as one function",
    steps.map((s) => s.text).join('\n\n'),
    '#endregion',
    '',
    '# Every server check, for -Report.',
    reportTable(reportChecks),
    '',
    '# The chosen fixes and the steps that check, back up, apply and undo each.',
    fixTable(fixes),
    '',
    '# What -Report writes into its file, for the app to recognise it.',
    `$RdpDoctorReportFormat = ${psLiteral(SERVER_REPORT_FORMAT)}`,
    `$RdpDoctorReportFormatVersion = [int]${psLiteral(String(SERVER_REPORT_VERSION))}`,
    '',
    "# Intune detection: each fix's check and the test that says its cause is there (none: not a detection script).",
    options.detect ? detectTable(options.detect) : '$RdpDoctorDetect = $null',
    "# Where every run also saves the server's report (none: nowhere).",
    `$RdpDoctorReportShare = ${psLiteral(options.reportShare ?? '')}`,
    '',
    '# The runner: runs the steps, keeps the backups, -Report and -Undo.',
    inlineLibraries([RUNTIME], texts.libraries, inlined),
    '',
  ];
  const content = `\uFEFF${parts.join('\n').replace(/\n/g, '\r\n')}`;
  const host = target.host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60);
  return { fileName: `rdp-doctor-${fixes.length ? 'fix' : 'check'}-${host}.ps1`, content };
}
