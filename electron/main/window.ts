import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { isHelpLink } from './help-links';

/**
 * The one window, locked down per Electron's security checklist: sandboxed, isolated, no Node in
 * the page, no navigation, no new windows, no permissions.
 */
export function createMainWindow(rendererUrl: string, preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1040,
    height: 760,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'RDP Doctor',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // A middle click opens a link in a new window without passing setWindowOpenHandler in
      // older Electron lines (electronegativity AUXCLICK_JS_CHECK); the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}

export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Help links open in the user's browser, never inside the app; nothing else opens at all.
    if (isHelpLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
