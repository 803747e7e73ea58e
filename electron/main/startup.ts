import { join, win32 } from 'node:path';

/** What the app decides as it starts, apart from Electron so tests can run it (index.ts wires it). */

/** app.requestSingleInstanceLock, as Electron documents it: true for the first instance per profile. */
export interface InstanceLock {
  request(): boolean;
}

export interface InstanceUi {
  /** Safe before 'ready': dialog.showErrorBox (Electron docs, dialog). */
  alreadyOpen(message: string): void;
  quit(): void;
}

export const ALREADY_OPEN =
  'RDP Doctor is already open: its window has been brought to the front. Only one copy runs at a time, because both would record and undo changes in the same journal.';

/**
 * Electron: "If it returns false, your process should quit immediately", and the first instance
 * receives 'second-instance' (app.requestSingleInstanceLock, docs/api/app.md). The second copy
 * says so and quits before it reads the journal or offers to roll back anything.
 */
export function claimSingleInstance(lock: InstanceLock, ui: InstanceUi): boolean {
  if (lock.request()) return true;
  ui.alreadyOpen(ALREADY_OPEN);
  ui.quit();
  return false;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/** The first instance, when a second one starts: bring its window back to the user. */
export function focusExisting(win: FocusableWindow | null): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

/**
 * The page to load. ELECTRON_RENDERER_URL (electron-vite's dev server) is honoured only when the
 * app is not packaged: in an installed app anyone who can set an environment variable would
 * otherwise choose the page that gets the preload's API.
 */
export function rendererLocation(devServerUrl: string | undefined, outDir: string, isPackaged: boolean): string {
  if (devServerUrl && !isPackaged) return devServerUrl;
  return new URL(`file://${join(outDir, '../renderer/index.html').replace(/\\/g, '/')}`).href;
}

/**
 * A Windows tool by absolute path in System32: a bare name is looked up in the current folder
 * first (CreateProcess search order, learn.microsoft.com), where anyone could put a net.exe.
 */
export function systemToolPath(env: NodeJS.ProcessEnv, tool: string): string {
  return win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', tool);
}
