import type { ScriptId } from './scripts';
import { checkCatalogs } from '../checks/catalogs';
import { readableOf } from '../checks/define';

/**
 * What each catalog script does, as PowerShell a person can read aloud and type: the cmdlets and
 * tools the script itself calls, with the registry paths, rule groups and SIDs spelled out.
 * The script is the truth: test/catalog/readable-commands.test.ts checks that every cmdlet and
 * tool named here is one the script (or the library it loads) really calls. Values only the run
 * knows (the target, the backup) appear as {host} and {port}, filled in quoted by
 * electron/main/commands/describe.ts, or as <placeholders> in angle brackets.
 * Lines starting with # are comments: what the script decides that one line cannot show.
 */
export const readableScripts: Record<ScriptId, readonly string[]> = {
  ...readableOf(checkCatalogs),
  // ------------------------------------------------------------------ the scripts no check owns
  'read-client-mru': ["Get-ItemProperty -LiteralPath 'Registry::HKCU\\Software\\Microsoft\\Terminal Server Client\\Default'"],
  'read-client-last-disconnect': [
    "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1024, 1026 } -MaxEvents 100",
  ],
  'restart-computer': ["shutdown.exe /r /t 60 /d p:2:4 /c 'RDP Doctor: restarting so that a Remote Desktop setting (TLS) takes effect.'"],
};
