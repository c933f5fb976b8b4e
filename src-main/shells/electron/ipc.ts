import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { events, type EventName } from '../../contract';
import { silentLogger, type Logger } from '../../platform';
import { dispatchCommand, type DispatchResult } from '../../station/dispatch-command';
import type { StationApi } from '../../station/station-api';
import { isAppUrl, isTrustedSenderFrame } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/** Options of {@link registerIpc}. */
export interface IpcOptions {
  api: StationApi;
  ipcMain: IpcMain;
  /** The webContents that receive events (the station windows); only those showing the app origin get them. */
  targets: () => readonly WebContents[];
  /** Where refusals and failures the renderer must not see are logged (the station's logger); default nowhere. */
  logger?: Logger | undefined;
}

/**
 * Carries the contract over IPC: `dockside:invoke` runs one command through {@link dispatchCommand} after checking
 * that the sender is the top-level frame of an `app://dockside` page (SEC-03), and every contract event is sent to
 * the station windows on `dockside:event`. Returns a function that undoes both.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { api, ipcMain, targets } = options;
  const logger = (options.logger ?? silentLogger).child({ component: 'electron-shell' });

  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<DispatchResult> => {
      if (!isTrustedSenderFrame(event.senderFrame)) {
        logger.warn(
          { frame: event.senderFrame?.url ?? '(destroyed frame)', command: typeof name === 'string' ? name : null },
          'refused an IPC call from an untrusted frame',
        );
        return { ok: false, error: { code: 'forbidden', message: 'This page may not call the station.' } };
      }
      return dispatchCommand(api, name, input, {
        onInternalError: (error, command) => logger.error({ err: error, command }, 'command failed'),
      });
    },
  );

  const unsubscribes = (Object.keys(events) as EventName[]).map((name) =>
    api.events.on(name, (payload: unknown) => {
      for (const contents of targets()) {
        if (!contents.isDestroyed() && isAppUrl(contents.getURL())) {
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
