import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { events, type DocksideBridge, type EventName } from '../../contract';
import { silentLogger, type Logger } from '../../platform';
import { dispatchCommand } from '../../station/dispatch-command';
import type { StationApi } from '../../station/station-api';
import { isTrustedSenderFrame, isUrlOfOrigin } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/** Options of {@link registerIpc}. */
export interface IpcOptions {
  api: StationApi;
  ipcMain: IpcMain;
  /**
   * The only origin whose top-level frame may call the station and receive its events. The desktop app passes
   * `APP_ORIGIN` (`app://dockside`); the desktop-bridge e2e passes the origin it serves the renderer from, because
   * Chromium without Electron cannot load a custom scheme. Must be a bare origin (`scheme://host[:port]`).
   */
  appOrigin: string;
  /** The webContents that receive events (the station windows); only those showing the app origin get them. */
  targets: () => readonly WebContents[];
  /** Where refusals and failures the renderer must not see are logged (the station's logger); default nowhere. */
  logger?: Logger | undefined;
}

/**
 * Carries the contract over IPC: `dockside:invoke` runs one command through {@link dispatchCommand} after checking
 * that the sender is the top-level frame of an app-origin page (SEC-03, docs/requirements.md) and answers with the
 * contract's `CallResult` envelope, which the preload hands to the renderer unchanged; every contract event is sent
 * to the station windows on `dockside:event`. Returns a function that undoes both.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { api, ipcMain, targets, appOrigin } = options;
  assertBareOrigin(appOrigin);
  const logger = (options.logger ?? api.logger ?? silentLogger).child({ component: 'electron-shell' });

  ipcMain.handle(
    INVOKE_CHANNEL,
    // Typed as what the bridge's invoke resolves with, so the two sides of the channel cannot drift apart.
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): ReturnType<DocksideBridge['invoke']> => {
      if (!isTrustedSenderFrame(event.senderFrame, appOrigin)) {
        logger.warn(
          { frame: event.senderFrame?.url ?? '(destroyed frame)', command: typeof name === 'string' ? name : null },
          'refused an IPC call from an untrusted frame',
        );
        return { ok: false, error: { code: 'forbidden', message: 'This page may not call the station.' } };
      }
      return dispatchCommand(api, name, input, {
        logger,
      });
    },
  );

  const unsubscribes = (Object.keys(events) as EventName[]).map((name) =>
    api.events.on(name, (payload: unknown) => {
      for (const contents of targets()) {
        if (!contents.isDestroyed() && isUrlOfOrigin(contents.getURL(), appOrigin)) {
          contents.send(EVENT_CHANNEL, name, payload);
        }
      }
    }),
  );

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribes.forEach((unsubscribe) => unsubscribe());
  };
}

/** Refuses an `appOrigin` with a path, query, credentials or no host: trust is granted to an origin only. */
function assertBareOrigin(origin: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = null;
  }
  if (parsed === null || parsed.host === '' || origin !== `${parsed.protocol}//${parsed.host}`) {
    throw new Error(`registerIpc: appOrigin must be scheme://host[:port], not ${JSON.stringify(origin)}`);
  }
}
