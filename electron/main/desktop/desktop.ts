import { spawn } from 'node:child_process';
import { formatTarget, type Target } from '../../../shared/target';
import type { DesktopPort } from '../ports';
import { WindowsError } from '../windows-error';
import { saveNewFile } from './save-file';

export interface DesktopEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  logFile(): string;
  /** Shows a file in the platform's file manager (Electron's shell.showItemInFolder). */
  reveal(path: string): void;
  /** The user's Downloads folder (Electron's app.getPath('downloads')). */
  downloadsDir(): string;
  /** Test seam; child_process.spawn by default. */
  spawn?: typeof spawn;
}

/**
 * "Try connecting now" starts the real Remote Desktop client on the target. The host has passed
 * the target schema and goes in as one argv entry: no shell, nothing to interpret.
 */
export function createDesktop(d: DesktopEnvironment): DesktopPort {
  return {
    async launchRemoteDesktop(target: Target) {
      if (d.platform !== 'win32') {
        throw new WindowsError(
          'unavailable',
          'Starting Remote Desktop needs Windows. On this computer, connect with your own Remote Desktop app now.',
        );
      }
      const root = d.env.SystemRoot ?? d.env.SYSTEMROOT ?? 'C:\\Windows';
      const child = (d.spawn ?? spawn)(`${root}\\System32\\mstsc.exe`, [`/v:${formatTarget(target)}`], {
        detached: true,
        stdio: 'ignore',
        shell: false,
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', () => resolve());
        child.once('error', (err) =>
          reject(new WindowsError('unavailable', `Remote Desktop (mstsc.exe) could not be started: ${err.message}`)),
        );
      });
      child.unref();
    },
    async showLog() {
      const path = d.logFile();
      d.reveal(path);
      return path;
    },
    async saveFile(fileName, text) {
      try {
        return await saveNewFile(d.downloadsDir(), fileName, text);
      } catch (err) {
        throw new WindowsError(
          'unavailable',
          `Could not save ${fileName} in ${d.downloadsDir()}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
    reveal: (path) => d.reveal(path),
  };
}
