import { BrowserWindow, type App, type WebContents } from 'electron';
import { APP_START_URL, isAppUrl } from './app-origin';
import { secureWebPreferences } from './web-preferences';

const hardened = new WeakSet<WebContents>();

/**
 * SEC-04 (docs/requirements.md) for one webContents: no new windows, no navigation or redirect away from
 * `app://dockside`, no webviews, no permissions. Idempotent.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) {
    return;
  }
  hardened.add(contents);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  denyAllPermissions(contents.session);
}

/** Every permission request and check is refused: the station needs no camera, notifications, HID or geolocation. */
export function denyAllPermissions(session: Electron.Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Hardens every webContents the app ever creates (windows, devtools, anything a bug might open). */
export function installWebContentsGuards(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** Options of {@link createMainWindow}. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload. */
  preloadPath: string;
  /** Called when the renderer fails to load, with the reason. */
  onLoadError?: (error: unknown) => void;
}

/** Creates the station window with secure preferences and loads the renderer from `app://dockside/`. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Dockside',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_START_URL).catch((error: unknown) => options.onLoadError?.(error));
  return window;
}
