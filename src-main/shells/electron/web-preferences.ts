import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * The webPreferences of every Dockside window (SEC-01, docs/requirements.md): the renderer is an isolated, sandboxed
 * web page with no Node, no webviews, no insecure content and no experimental Blink features. Its only way to the core
 * is the two functions the preload exposes. Kept free of runtime `electron` imports so it can be unit-tested in plain
 * Node.
 *
 * @param preloadPath absolute path of the bundled preload (dist/main/preload.cjs)
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  if (!path.isAbsolute(preloadPath)) {
    throw new Error(`The preload path must be absolute, got "${preloadPath}".`);
  }
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    enableWebSQL: false,
  };
}
