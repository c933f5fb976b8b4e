import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { events, type EventName } from '../../contract';
import { dispatchCommand, type DispatchResult } from '../../station/dispatch-command';
import type { StationApi } from '../../station/station-api';
import type { Logger } from '../../platform';
import { isAppUrl, isTrustedSenderFrame } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/** Options of {@link registerIpc}. */
export interface IpcOptions {
  api: StationApi;
  ipcMain: IpcMain;
  /** The webContents that receive events (the station windows); only those showing the app origin get them. */
  targets: () => readonly WebContents[];
  /** Where refused calls from untrusted frames are reported. */
  onError?: (message: string, error: unknown) => void;
  /** Where failed commands are logged with their stack; default the station's own (`api.logger`). */
  logger?: Logger | undefined;
}

/**
 * Carries the contract over IPC: `dockside:invoke` runs one command through {@link dispatchCommand} after checking
 * that the sender is the top-level frame of an `app://dockside` page (SEC-03), and every contract event is sent to
 * the station windows on `dockside:event`. Returns a function that undoes both.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { api, ipcMain, targets } = options;
  const report =
    options.onError ?? ((message: string, error: unknown) => console.error(`[electron-shell] ${message}`, error));

  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<DispatchResult> => {
      if (!isTrustedSenderFrame(event.senderFrame)) {
        report('refused an IPC call from an untrusted frame', event.senderFrame?.url ?? '(destroyed frame)');
        return { ok: false, error: { code: 'forbidden', message: 'This page may not call the station.' } };
      }
      return dispatchCommand(api, name, input, { logger: options.logger });
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
