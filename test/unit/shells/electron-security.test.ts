// Security settings of the Electron shell (SEC-01, 02, 03 and 05 in docs/requirements.md), tested in plain Node:
// nothing here loads 'electron' at run time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { PackState } from '../../../src-main/contract';
import { events } from '../../../src-main/contract';
import {
  APP_ORIGIN,
  APP_START_URL,
  ELECTRON_CSP,
  appResponseHeaders,
  isAppUrl,
  isTrustedSenderFrame,
  isUrlOfOrigin,
  rendererPathFor,
} from '../../../src-main/shells/electron/app-origin';
import { registerIpc } from '../../../src-main/shells/electron/ipc';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src-main/shells/electron/ipc-channels';
import { parseShellArgs } from '../../../src-main/shells/electron/shell-args';
import { secureWebPreferences } from '../../../src-main/shells/electron/web-preferences';
import type { CommandHandlers, StationApi } from '../../../src-main/station/station-api';
import { memoryLogger } from '../../helpers/memory-logger';
import { repoRoot } from '../../helpers/paths';

const electronDir = path.join(repoRoot, 'src-main', 'shells', 'electron');
const idle: PackState = { phase: 'idle', order: null, error: null, lastScan: null, label: null, lastShipped: null };

/** Module specifiers a source file loads at run time (type-only imports excluded). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*import\s+(type\s+)?[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
    if (match[1]) continue;
    specifiers.push(match[2] ?? match[3] ?? '');
  }
  for (const match of source.matchAll(/\brequire\(\s*'([^']+)'\s*\)|\bimport\(\s*'([^']+)'\s*\)/g)) {
    specifiers.push(match[1] ?? match[2] ?? '');
  }
  return specifiers;
}

describe('secureWebPreferences (SEC-01)', () => {
  const preload = path.join(repoRoot, 'dist', 'main', 'preload.cjs');

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(secureWebPreferences(preload)).toMatchObject({
      preload,
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
    });
  });

  it('enables no Blink features and no insecure options', () => {
    const prefs = secureWebPreferences(preload) as Record<string, unknown>;
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.contextIsolation).not.toBe(false);
    expect(
      Object.entries(prefs).filter(([key, value]) => /insecure|integration|webview/i.test(key) && value !== false),
    ).toEqual([]);
  });

  it('refuses a relative preload path', () => {
    expect(() => secureWebPreferences('dist/main/preload.cjs')).toThrow(/absolute/);
  });

  it('lives in a module without a run-time electron import', () => {
    expect(runtimeImports(path.join(electronDir, 'web-preferences.ts'))).not.toContain('electron');
    expect(runtimeImports(path.join(electronDir, 'app-origin.ts'))).not.toContain('electron');
    expect(runtimeImports(path.join(electronDir, 'ipc.ts'))).not.toContain('electron');
  });
});

describe('preload (SEC-03)', () => {
  it('requires nothing but electron at run time (its only local import imports nothing)', () => {
    const imports = runtimeImports(path.join(electronDir, 'preload.ts'));
    expect(imports.filter((s) => !s.startsWith('.'))).toEqual(['electron']);
    for (const local of imports.filter((s) => s.startsWith('.'))) {
      expect(runtimeImports(path.join(electronDir, `${local}.ts`))).toEqual([]);
    }
  });

  it('exposes exactly invoke and subscribe as window.dockside', () => {
    const source = readFileSync(path.join(electronDir, 'preload.ts'), 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toContain("exposeInMainWorld('dockside', bridge)");
    const bridge = /const bridge = \{([\s\S]*?)\n\} satisfies DocksideBridge;/.exec(source)?.[1] ?? '';
    expect([...bridge.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1])).toEqual(['invoke', 'subscribe']);
  });
});

describe('app origin and renderer files', () => {
  it('recognises only app://dockside as the app origin', () => {
    expect(APP_ORIGIN).toBe('app://dockside');
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://dockside/assets/x.js')).toBe(true);
    for (const url of [
      'app://evil/',
      'app://dockside.evil/',
      'file:///index.html',
      'https://dockside/',
      'http://127.0.0.1/',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });

  it('trusts only the top-level frame of an app://dockside page', () => {
    expect(isTrustedSenderFrame({ url: 'app://dockside/index.html', parent: null }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSenderFrame({ url: 'app://dockside/index.html', parent: {} }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://evil.example/', parent: null }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderFrame({ url: 'file:///etc/passwd', parent: null }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://dockside.evil/index.html', parent: null }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderFrame(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSenderFrame(undefined, APP_ORIGIN)).toBe(false);
  });

  it('compares an origin by scheme, host and port', () => {
    expect(isUrlOfOrigin('https://dockside.test/index.html', 'https://dockside.test')).toBe(true);
    expect(isUrlOfOrigin('http://127.0.0.1:5173/', 'http://127.0.0.1:5173')).toBe(true);
    for (const url of ['http://dockside.test/', 'https://dockside.test:8443/', 'https://x.dockside.test/', '']) {
      expect(isUrlOfOrigin(url, 'https://dockside.test')).toBe(false);
    }
    expect(isUrlOfOrigin('http://127.0.0.1:5174/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isUrlOfOrigin('app://dockside/x', 'not an origin')).toBe(false);
  });

  it('maps app:// URLs to files inside the renderer dir and refuses everything else', () => {
    const dir = path.join(repoRoot, 'dist', 'renderer');
    expect(rendererPathFor(dir, 'app://dockside/')).toBe(path.join(dir, 'index.html'));
    expect(rendererPathFor(dir, 'app://dockside/assets/a.js?x=1#y')).toBe(path.join(dir, 'assets', 'a.js'));
    for (const url of [
      'app://dockside/../../etc/passwd',
      'app://dockside/%2e%2e/%2e%2e/etc/passwd',
      'app://dockside/..%2f..%2fetc%2fpasswd',
      'app://dockside/..%5c..%5cwindows',
      'app://dockside/assets/%00a.js',
      'app://dockside/.env',
      'app://dockside/%E0%A4%A',
      'app://other/index.html',
      'file:///index.html',
    ]) {
      const resolved = rendererPathFor(dir, url);
      // URL parsing may fold `..` away (app://dockside/etc/passwd): what matters is never leaving the directory.
      if (resolved !== null) {
        expect(resolved.startsWith(dir + path.sep)).toBe(true);
        expect(resolved).not.toMatch(/\.env|%|\0/);
      }
    }
    expect(rendererPathFor(dir, 'app://dockside/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererPathFor(dir, 'app://other/index.html')).toBeNull();
  });

  it('sends a strict CSP (SEC-02) and nosniff with every renderer file', () => {
    expect(ELECTRON_CSP).toContain("default-src 'self'");
    expect(ELECTRON_CSP).toContain("script-src 'self'");
    expect(ELECTRON_CSP).toContain("object-src 'none'");
    expect(ELECTRON_CSP).toContain("base-uri 'none'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-(eval|inline)|\*/);
    const html = appResponseHeaders('/x/index.html');
    expect(html).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': ELECTRON_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    expect(appResponseHeaders('/x/a.js')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(appResponseHeaders('/x/a.bin')['Content-Type']).toBe('application/octet-stream');
  });
});

describe('registerIpc (SEC-03)', () => {
  type Invoke = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<unknown>;

  function setup() {
    let invoke: Invoke | undefined;
    const ipcMain = {
      handle: vi.fn((channel: string, handler: Invoke) => {
        expect(channel).toBe(INVOKE_CHANNEL);
        invoke = handler;
      }),
      removeHandler: vi.fn(),
    };
    const listeners = new Map<string, (payload: unknown) => void>();
    const scan = vi.fn(async ({ code }: { code: string }) => ({
      ...idle,
      lastScan: { code, verdict: 'refused' as const, at: 'now' },
    }));
    const api = {
      handlers: { 'pack:state': async () => idle, 'pack:scan': scan } as unknown as CommandHandlers,
      events: {
        on: (name: string, listener: (payload: unknown) => void) => {
          listeners.set(name, listener);
          return () => listeners.delete(name);
        },
      },
    } as StationApi;
    const appContents = { isDestroyed: () => false, getURL: () => 'app://dockside/index.html', send: vi.fn() };
    const foreignContents = { isDestroyed: () => false, getURL: () => 'https://evil.example/', send: vi.fn() };
    const log = memoryLogger();
    const dispose = registerIpc({
      api,
      ipcMain: ipcMain as unknown as IpcMain,
      appOrigin: APP_ORIGIN,
      targets: () => [appContents, foreignContents] as unknown as WebContents[],
      logger: log.logger,
    });
    const call = (frame: { url: string; parent: unknown } | null, name: unknown, input: unknown): Promise<unknown> =>
      invoke!({ senderFrame: frame } as unknown as IpcMainInvokeEvent, name, input);
    return { call, scan, listeners, appContents, foreignContents, dispose, ipcMain, log };
  }

  const mainFrame = { url: 'app://dockside/index.html', parent: null };

  it('dispatches calls from the app main frame', async () => {
    const { call } = setup();
    await expect(call(mainFrame, 'pack:state', {})).resolves.toEqual({ ok: true, output: idle });
  });

  it('refuses calls from a foreign origin, a subframe or a destroyed frame before any handler runs', async () => {
    const { call, scan, log } = setup();
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://dockside/index.html', parent: mainFrame },
      null,
    ]) {
      await expect(call(frame, 'pack:scan', { code: 'X' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(scan).not.toHaveBeenCalled();
    // Each refusal is logged (a warning: someone tried), naming the frame.
    expect(log.lines().map((line) => [line.level, line.frame, line.command])).toEqual([
      ['warn', 'https://evil.example/', 'pack:scan'],
      ['warn', 'app://dockside/index.html', 'pack:scan'],
      ['warn', '(destroyed frame)', 'pack:scan'],
    ]);
  });

  it('validates payloads: bad input and unknown commands are refused', async () => {
    const { call, scan } = setup();
    await expect(call(mainFrame, 'pack:scan', { code: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    await expect(call(mainFrame, 'fs:read', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-command' },
    });
    await expect(call(mainFrame, { name: 'pack:scan' }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-command' },
    });
    expect(scan).not.toHaveBeenCalled();
  });

  it('grants trust to a bare origin only', () => {
    for (const appOrigin of ['app://dockside/', 'app://dockside/index.html', 'https://u:p@dockside.test', 'nonsense']) {
      expect(() =>
        registerIpc({ api: {} as StationApi, ipcMain: {} as IpcMain, appOrigin, targets: () => [] }),
      ).toThrow(/appOrigin/);
    }
  });

  it('forwards contract events to app-origin windows only, and stops after dispose', () => {
    const { listeners, appContents, foreignContents, dispose, ipcMain } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.keys(events).sort());
    listeners.get('orders:changed')?.({ count: 2 });
    expect(appContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'orders:changed', { count: 2 });
    expect(foreignContents.send).not.toHaveBeenCalled();
    dispose();
    expect(listeners.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(INVOKE_CHANNEL);
  });
});

describe('parseShellArgs', () => {
  it('reads --erp and --printer in both spellings and ignores everything else', () => {
    expect(parseShellArgs(['/usr/bin/electron', 'dist/main/electron-main.cjs', '--no-sandbox'])).toEqual({});
    expect(parseShellArgs(['electron', '.', '--erp', 'http://erp:8080', '--printer=tcp://10.0.0.5:9100'])).toEqual({
      erpUrl: 'http://erp:8080',
      printer: 'tcp://10.0.0.5:9100',
    });
    expect(parseShellArgs(['--erp', '--printer', 'file:/tmp/l'])).toEqual({ printer: 'file:/tmp/l' });
    expect(parseShellArgs(['--erp='])).toEqual({});
  });
});

describe('electron-builder.yml (SEC-05)', () => {
  it('turns the dangerous fuses off and the integrity fuses on', () => {
    const yml = readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
    const fuses = /^electronFuses:\n((?: {2}.*\n?)+)/m.exec(yml)?.[1] ?? '';
    const value = (name: string): string | undefined => new RegExp(`^ {2}${name}: (\\w+)`, 'm').exec(fuses)?.[1];
    expect(value('runAsNode')).toBe('false');
    expect(value('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(value('enableNodeCliInspectArguments')).toBe('false');
    expect(value('grantFileProtocolExtraPrivileges')).toBe('false');
    expect(value('enableEmbeddedAsarIntegrityValidation')).toBe('true');
    expect(value('onlyLoadAppFromAsar')).toBe('true');
    expect(value('enableCookieEncryption')).toBe('true');
  });
});
