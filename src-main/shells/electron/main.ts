// Electron main-process entry, bundled to dist/main/electron-main.cjs (preload next to it, renderer in
// dist/renderer). Order matters: the single-instance lock comes first so a second launch creates nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { createStation, type Station, type StationConfig } from '../../compose';
import { createFileLogger, erpCredentialsFromEnv, silentLogger, type Logger } from '../../platform';
import { buildAppMenu } from './app-menu';
import { APP_ORIGIN } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { registerIpc } from './ipc';
import { parseShellArgs } from './shell-args';
import { createMainWindow, denyAllPermissions, installWebContentsGuards } from './window';

/** dist/main in a build: the bundle, the preload and (one level up) the renderer live here. */
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(bundleDir, 'preload.cjs');
const rendererDir = path.join(bundleDir, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
/** The data folder's file logger once the app is ready (Electron names userData only then). */
let logger: Logger = silentLogger;

function main(): void {
  // The loser of the lock quits before creating anything: no window, no database handle, no ERP connection.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();
  installWebContentsGuards(app);

  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(rendererDir);

  const args = parseShellArgs(process.argv);
  const dataDir = app.getPath('userData');
  logger = createFileLogger({ dataDir, level: process.env.DOCKSIDE_LOG_LEVEL }).child({ shell: 'electron' });
  const config: StationConfig = {
    dataDir,
    logger,
    background: true,
    erpApiKey: erpCredentialsFromEnv().apiKey,
    erpSigning: erpCredentialsFromEnv().signing,
    // Same precedence as the CLI: --erp, then DOCKSIDE_ERP_URL, then the saved settings or the demo ERP.
    ...((args.erpUrl ?? process.env.DOCKSIDE_ERP_URL) ? { erpUrl: args.erpUrl ?? process.env.DOCKSIDE_ERP_URL } : {}),
    ...(args.printer !== undefined ? { printer: args.printer } : {}),
  };
  const station = await createStation(config);
  const disposeIpc = registerIpc({
    api: station.api,
    ipcMain,
    appOrigin: APP_ORIGIN,
    targets: () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []),
    logger,
  });
  installShutdown(station, disposeIpc);

  Menu.setApplicationMenu(buildAppMenu({ packaged: app.isPackaged, platform: process.platform }));
  mainWindow = createMainWindow({
    preloadPath,
    onLoadError: (error) => logger.error({ err: error }, 'the station screen failed to load'),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Closes the station (database, sync loop, demo ERP) before the process exits, once. */
function installShutdown(station: Station, disposeIpc: () => void): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    disposeIpc();
    station
      .close()
      .catch((error: unknown) => logger.error({ err: error }, 'the station did not close cleanly'))
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}

function fatal(error: unknown): void {
  logger.error({ err: error }, 'the desktop app could not start');
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    'Dockside could not start',
    `${detail}\n\nCheck that no other Dockside is running on this PC and that the data folder is writable, then start Dockside again.`,
  );
  app.exit(1);
}

main();
