import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MACHINE_FOLDER_PREFIX } from './fake-windows-port';

/**
 * Where RDP Doctor's administrator helper keeps backups on Windows (lib/admin-store.ps1:
 * CommonApplicationData, which is C:\ProgramData, "Recognized environment variables",
 * learn.microsoft.com), and so what the simulation's backup folder stands for.
 */
const WINDOWS_BACKUPS = 'C:\\ProgramData\\RDP Doctor\\backups';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Ports.shownPath of the simulation: each simulated computer's folder (<temp>/rdp-doctor-
 * simulated-XXXXXX/C, its C: drive: test/fake-windows/State.ps1) and the simulation's backup
 * folder, in any text, become the Windows paths they stand for, with backslashes, so a helpdesk
 * user reads C:\ProgramData\..., as on Windows. A path runs to the end of the text, a quote or a
 * line break (Windows paths hold spaces: "Program Files").
 */
export function simulatedWindowsPaths(backupDir: string, temp = tmpdir()): (text: string) => string {
  const machine = `${escape(join(temp, MACHINE_FOLDER_PREFIX))}[^/\\s'"]+/C`;
  const backups = escape(backupDir.replace(/\/+$/, ''));
  // Only a whole path: not the end of another one (/var/tmp/...), nor the start of a longer name.
  const path = new RegExp(`(?<![\\w./-])(?:(${machine})|${backups})(?=/|$|[\\s'"])((?:/[^/\\n'"]*)*)`, 'g');
  return (text) =>
    text.replace(path, (_, onMachine: string | undefined, rest: string) =>
      onMachine ? `C:${rest.replace(/\//g, '\\') || '\\'}` : WINDOWS_BACKUPS + rest.replace(/\//g, '\\'),
    );
}
