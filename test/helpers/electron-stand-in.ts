// Electron's own objects, stood in so that the real preload bundle (dist/main/preload.cjs) runs in Debian's Chromium
// and the real registerIpc runs in this Node process, with Playwright carrying the IPC between them. Only what
// Electron itself provides is replaced: contextBridge and ipcRenderer in the page, ipcMain and a window's
// webContents in the main process. Everything on either side of them is the shipped code.
import { readFileSync } from 'node:fs';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { SenderFrameLike } from '../../src-main/shells/electron/app-origin';

/** Page → Node: what the stood-in ipcRenderer.invoke calls (a Playwright binding, present in every frame). */
const INVOKE_BINDING = '__electronIpcInvoke';
/** Node → page: what the stood-in webContents.send calls in the page's main frame. */
const EMIT_FUNCTION = '__electronIpcEmit';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** The main-process half: hand `ipcMain` to registerIpc and `webContentsOf(page)` to its `targets`. */
export interface ElectronStandIn {
  ipcMain: IpcMain;
  /** The webContents of a window showing `page`: `send` delivers to the preload's ipcRenderer listeners. */
  webContentsOf(page: Page): WebContents;
}

/**
 * Installs the stand-in on a browser context: every page and frame of it gets the preload (as Electron would load
 * it, before the page's own scripts) and the invoke channel into this process.
 *
 * Unlike Electron, which runs the preload in the main frame only, the preload runs in every frame here, so that a
 * child frame's call reaches registerIpc and its sender-frame check is what has to refuse it.
 */
export async function installElectronStandIn(context: BrowserContext, preloadPath: string): Promise<ElectronStandIn> {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle(channel: string, handler: InvokeHandler): void {
      // Electron refuses a second handler on a channel; so does the stand-in, so a double registration shows.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
  };

  await context.exposeBinding(INVOKE_BINDING, async (source: { frame: Frame }, channel: string, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // registerIpc reads `senderFrame` only: the calling frame's URL and whether it has a parent. Electron gives a
    // null frame once the frame is gone.
    const senderFrame: SenderFrameLike | null = source.frame.isDetached()
      ? null
      : { url: source.frame.url(), parent: source.frame.parentFrame() };
    return handler({ senderFrame } as unknown as IpcMainInvokeEvent, ...args);
  });
  await context.addInitScript({ content: preloadScript(readFileSync(preloadPath, 'utf8')) });

  const webContentsOf = (page: Page): WebContents =>
    ({
      isDestroyed: () => page.isClosed(),
      getURL: () => page.url(),
      send: (channel: string, ...args: unknown[]): void => {
        // Like Electron's send, fire and forget: a message to a page that is reloading is lost.
        void page
          .evaluate(
            ([emit, c, a]) => (globalThis as unknown as Record<string, (...x: unknown[]) => void>)[emit]!(c, a),
            [EMIT_FUNCTION, channel, args] as const,
          )
          .catch(() => undefined);
      },
    }) as unknown as WebContents;

  return { ipcMain: ipcMain as unknown as IpcMain, webContentsOf };
}

/**
 * The preload bundle wrapped as CommonJS with a `require` that knows 'electron' only (a sandboxed preload may load
 * nothing else, so any other require fails the page), plus Electron's two renderer objects.
 */
function preloadScript(bundle: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => globalThis[${JSON.stringify(INVOKE_BINDING)}](channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    // Electron copies the object into the page's world: the page gets its functions, frozen, and nothing else.
    exposeInMainWorld(key, api) {
      Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }), enumerable: true });
    },
  };
  Object.defineProperty(globalThis, ${JSON.stringify(EMIT_FUNCTION)}, {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer }, ...args);
    },
  });
  const require = (id) => {
    if (id !== 'electron') throw new Error('the sandboxed preload required ' + id + '; it may require only electron');
    return { contextBridge, ipcRenderer };
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${bundle}
  })(require, module, module.exports);
})();
`;
}
