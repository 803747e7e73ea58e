import { app, BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import log from 'electron-log/main';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { channels, ipcChannel, type Events, type EventName } from '../../shared/ipc-contract';
import { createHandlers } from './handlers';
import { createPorts, simulateArg } from './compose';
import { createDesktop } from './desktop/desktop';
import { dispatch } from './ipc/dispatch';
import { createMainWindow, denyAllPermissions, lockDownContents } from './window';
import { claimSingleInstance, focusExisting, rendererLocation, systemToolPath } from './startup';

// The only file that wires Electron: everything it calls is plain Node code that tests run as is.

function runsElevated(): boolean {
  if (process.platform !== 'win32') return false;
  // "net session" succeeds only for an administrator; no PowerShell start needed.
  return spawnSync(systemToolPath(process.env, 'net.exe'), ['session'], { windowsHide: true, stdio: 'ignore' }).status === 0;
}

const scriptsDir = app.isPackaged ? join(process.resourcesPath, 'scripts') : join(app.getAppPath(), 'assets', 'scripts');

// A second copy says the app is already open and quits before it reads the journal.
const firstInstance = claimSingleInstance(
  { request: () => app.requestSingleInstanceLock() },
  { alreadyOpen: (message) => dialog.showErrorBox('RDP Doctor', message), quit: () => app.quit() },
);
app.on('second-instance', () => focusExisting(BrowserWindow.getAllWindows()[0] ?? null));

if (firstInstance)
  app.whenReady().then(() => {
    denyAllPermissions();
    log.transports.file.level = 'info';
    log.info(`RDP Doctor ${app.getVersion()} started on ${process.platform}`);
    const ports = createPorts({
      platform: process.platform,
      version: app.getVersion(),
      simulate: simulateArg(process.argv),
      scriptsDir,
      userDataDir: app.getPath('userData'),
      elevated: runsElevated(),
    });
    ports.log = log;
    ports.desktop = createDesktop({
      platform: process.platform,
      env: process.env,
      logFile: () => log.transports.file.getFile().path,
      reveal: (path) => shell.showItemInFolder(path),
      downloadsDir: () => app.getPath('downloads'),
    });
    const table = createHandlers(ports);
    const rendererUrl = rendererLocation(process.env.ELECTRON_RENDERER_URL, __dirname, app.isPackaged);

    for (const channel of channels) {
      ipcMain.handle(ipcChannel(channel), (event: IpcMainInvokeEvent, payload: unknown) =>
        dispatch(
          table,
          channel,
          payload,
          { url: event.senderFrame?.url ?? '' },
          rendererUrl,
          {
            emit<E extends EventName>(name: E, body: Events[E]) {
              if (!event.sender.isDestroyed()) event.sender.send(ipcChannel(name), body);
            },
          },
          log,
        ),
      );
    }

    // The PowerShell sessions end with the app, not when their pipes happen to close.
    app.on('will-quit', () => void ports.dispose?.());

    createMainWindow(rendererUrl, join(__dirname, '../preload/index.cjs'));
  });

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
app.on('window-all-closed', () => app.quit());
