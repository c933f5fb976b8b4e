// Sandboxed preload, bundled to dist/main/preload.cjs. At run time it may require nothing but 'electron': the
// contract is imported for its types only, which the bundler erases.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult, DocksideBridge } from '../../contract/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/**
 * What the renderer sees as `window.dockside`: the contract's DocksideBridge, two functions and nothing else
 * (SEC-03, docs/requirements.md). `invoke` resolves with the CallResult envelope registerIpc answers, unchanged;
 * `subscribe` returns an unsubscribe function and calls back with the event payload only, never with the
 * IpcRendererEvent.
 */
const bridge = {
  invoke(name: unknown, input: unknown): Promise<CallResult> {
    if (typeof name !== 'string') {
      return Promise.reject(new TypeError('dockside.invoke: the command name must be a string.'));
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
  },
  subscribe(name: unknown, callback: unknown): () => void {
    if (typeof name !== 'string') {
      throw new TypeError('dockside.subscribe: the event name must be a string.');
    }
    if (typeof callback !== 'function') {
      throw new TypeError('dockside.subscribe: the callback must be a function.');
    }
    const listener = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
      if (eventName === name) {
        (callback as (payload: unknown) => void)(payload);
      }
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
} satisfies DocksideBridge;

contextBridge.exposeInMainWorld('dockside', bridge);
