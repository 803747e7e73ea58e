import { getCheck, type CheckId } from '../../../shared/catalog/checks';
import { getFix } from '../../../shared/catalog/fixes';
import { fillReadable, readableScripts, readableValueLabels, type ReadableValues } from '../../../shared/catalog/readable-commands';
import { scripts, type ScriptId } from '../../../shared/catalog/scripts';
import type { CommandDescription, DescribeCommandsRequest, ScriptView } from '../../../shared/commands';
import { formatTarget, type Target } from '../../../shared/target';
import type { Ports } from '../ports';
import { psLiteral } from '../powershell/literal';
import { checkArgs, commandFor } from '../scan/run-check';
import { fixPlace } from '../fixes/fix-preview';
import { backupArgsOf, shownChangeArgs } from '../fixes/script-args';

/**
 * A script's readable lines with the values put in as literals: the target's host and port, and
 * what the checks found (the rules that are off, the certificate, its key file, previous values).
 */
function readableLines(script: ScriptId, target: Target, values: ReadableValues = {}, backupDir: string | null = null): string[] {
  return readableScripts[script].map((line) =>
    fillReadable(line, { ...values, host: target.host, port: target.port, ...(backupDir ? { backupDir } : {}) }),
  );
}

/** The checks Node runs itself have no script: their PowerShell equivalent, and the probe's CLI. */
function networkEquivalent(checkId: CheckId, target: Target): string[] {
  const host = psLiteral(target.host);
  const probe = `rdp-doctor probe ${formatTarget(target)}   # RDP Doctor's command line: the same probe, printed`;
  switch (checkId) {
    case 'dns':
      return [`Resolve-DnsName -Name ${host}`];
    case 'tcp-port':
      return [`Test-NetConnection -ComputerName ${host} -Port ${target.port}`, probe];
    default:
      return ["# No PowerShell cmdlet speaks the Remote Desktop handshake; RDP Doctor's own probe does:", probe];
  }
}

function scriptTexts(ports: Ports): Readonly<Record<string, string>> | null {
  try {
    return ports.remote?.scriptTexts().files ?? null;
  } catch {
    return null;
  }
}

function view(ports: Ports, role: string, script: ScriptId, args: unknown, texts: Readonly<Record<string, string>> | null): ScriptView {
  const file = scripts[script].file;
  return { role, file, args: JSON.stringify(args), exact: commandFor(ports, script, args), text: texts?.[file] ?? null };
}

function ps1(title: string, computer: string, sections: Array<[string, string[]]>): string {
  const header = [
    `# ${title.replace(/[\r\n]+/g, ' ')}`,
    `# Run on ${computer.replace(/[\r\n]+/g, ' ')}, in Windows PowerShell as administrator.`,
    '# Made by RDP Doctor: readable equivalents of the scripts it runs.',
  ];
  // What no one knows before the run (the backup the backup step answers) stays a <placeholder>.
  if (sections.some(([, lines]) => lines.some((l) => !l.startsWith('#') && /<[a-z][^>]*>/.test(l)))) {
    header.push('# Lines with <...> need a value known only when it runs: fill it in first.');
  }
  return [...header, ...sections.flatMap(([name, lines]) => ['', `# --- ${name}`, ...lines])].join('\r\n') + '\r\n';
}

/**
 * Readable commands, undo, and scripts for one check or fix, for the computer they run on.
 * `backupDir`: for a fix, the folder its next run backs up to, as the engine planned it
 * (FixEngine.plannedBackup); null where it is known only when it runs.
 */
export function describeCommands(ports: Ports, request: DescribeCommandsRequest, backupDir: string | null = null): CommandDescription {
  const texts = scriptTexts(ports);
  const { target, values } = request;
  if (request.kind === 'check') {
    const check = getCheck(request.checkId);
    const source = check.source;
    if (source.kind === 'node') {
      const readable = networkEquivalent(request.checkId, target);
      const computer = ports.servers.me.name;
      return { title: check.title, computer, readable, undo: null, scripts: [], ps1: ps1(check.title, computer, [['Check', readable]]) };
    }
    const computer = source.side === 'client' ? ports.servers.me.name : ports.servers.serverName(target, ports.servers.placeFor(target));
    const readable = readableLines(source.script, target, values);
    const args = checkArgs(request.checkId, target);
    return {
      title: check.title,
      computer,
      readable,
      undo: null,
      scripts: [view(ports, 'Check', source.script, args, texts)],
      ps1: ps1(check.title, computer, [['Check', readable]]),
    };
  }
  const fix = getFix(request.fixId);
  const { computer } = fixPlace(ports, fix, target);
  const backup = readableLines(fix.backupScript, target, values, backupDir);
  const apply = readableLines(fix.script, target, values, backupDir);
  const undo = readableLines(fix.undoScript, target, values, backupDir);
  const verify = fix.verifies.flatMap((id) => {
    const source = getCheck(id).source;
    return source.kind === 'script' ? [{ id, script: source.script }] : [];
  });
  return {
    title: fix.title,
    computer,
    readable: [...backup, ...apply],
    undo,
    scripts: [
      // A fix's backup gets the target only where its schema takes it (saved passwords).
      view(ports, 'Back up', fix.backupScript, backupArgsOf(fix, backupDir ?? readableValueLabels.backupDir, target), texts),
      view(ports, 'Change', fix.script, shownChangeArgs(fix.script, backupDir), texts),
      ...verify.map((v) => view(ports, 'Check again', v.script, checkArgs(v.id, target), texts)),
      view(ports, 'Undo', fix.undoScript, shownChangeArgs(fix.undoScript, backupDir), texts),
    ],
    ps1: ps1(fix.title, computer, [
      ['Back up first', backup],
      ['The change', apply],
      ...verify.map((v): [string, string[]] => [`Check again: ${getCheck(v.id).title}`, readableLines(v.script, target, values)]),
      ['Undo (only to put it back)', undo.map((l) => (l.startsWith('#') ? l : `# ${l}`))],
    ]),
  };
}
