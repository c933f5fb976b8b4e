import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../src-main/compose';
import type { DocksideBridge } from '../../src-main/contract';
import { staticPathFor } from '../../src-main/platform';
import { appResponseHeaders } from '../../src-main/shells/electron/app-origin';
import { registerIpc } from '../../src-main/shells/electron/ipc';
import { launchChromium } from '../helpers/browser';
import { installElectronStandIn } from '../helpers/electron-stand-in';
import { memoryLogger } from '../helpers/memory-logger';
import { repoRoot } from '../helpers/paths';
import { decodeBarcodes } from '../helpers/zbar';

// The desktop app's path from screen to core, without the Electron binary: the built renderer and the bundled
// preload in Debian's Chromium, the real registerIpc and dispatchCommand in this process over a real station
// (SQLite in a temporary data folder, the embedded demo ERP, the virtual file printer). Only Electron's own
// objects are stood in (test/helpers/electron-stand-in.ts). The pack flow is the web shell's (web-slice.test.ts).
//
// The app origin: Chromium without Electron cannot load the custom app:// scheme (a navigation to it is aborted
// and never reaches request interception), so the renderer is served under https://dockside.test instead, from
// dist/renderer with the desktop app's own response headers (its CSP included), and registerIpc is told that
// this is the app origin. main.ts passes APP_ORIGIN (app://dockside); registerIpc accepts nothing but a bare
// origin, and its check is the production one, exercised below with a child frame and a foreign page.

const APP = 'https://dockside.test';
const FOREIGN = 'https://elsewhere.test';
const rendererDir = path.join(repoRoot, 'dist', 'renderer');
const preloadBundle = path.join(repoRoot, 'dist', 'main', 'preload.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-bridge-'));
const dataDir = path.join(tmp, 'station');
const shots = process.env.DOCKSIDE_SCREENSHOTS ? path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS) : null;
if (shots) mkdirSync(shots, { recursive: true });

let station: Station;
let disposeIpc: () => void;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What registerIpc logged: refused calls (warn), and failures the screen must not see (error). */
const ipcLog = memoryLogger();
const ipcReports = (): string[] =>
  ipcLog.lines().map((line) => (line.frame ? `${String(line.msg)}: ${String(line.frame)}` : String(line.msg)));

const screenshot = async (name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `desktop-${name}.png`) });
};

/** A scanner: characters ~5 ms apart, then Enter. */
const scan = async (code: string) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};

const waitPhase = async (wanted: string) => {
  await page.waitForSelector(`[data-testid="pack-phase"][data-phase="${wanted}"]`, {
    state: 'attached',
    timeout: 30_000,
  });
};

interface ErpOrder {
  status: string;
  trackingNumber: string | null;
  lines: { barcode: string; quantity: number }[];
}
/** The order as the embedded demo ERP has it, read over its REST API (not through the station). */
const erpOrder = async (orderNo: string) =>
  (await (await fetch(new URL(`api/v1/orders/${orderNo}`, station.info().erp.url))).json()) as ErpOrder;

/** Serves dist/renderer under the app origin as the app:// protocol handler does, plus a page to frame. */
async function serveApp(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  if (url.pathname === '/child-frame.html') {
    await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>child</title>' });
    return;
  }
  const file = staticPathFor(rendererDir, url.pathname);
  if (file === null || !existsSync(file)) {
    await route.fulfill({ status: 404, body: 'not found' });
    return;
  }
  await route.fulfill({ status: 200, headers: appResponseHeaders(file), body: readFileSync(file) });
}

/** The page's globals as the preload leaves them (the functions passed to page.evaluate run in the page). */
type BridgeWindow = { dockside: DocksideBridge };

beforeAll(async () => {
  for (const built of [preloadBundle, path.join(rendererDir, 'index.html')]) {
    expect(existsSync(built), `${built} is missing: run \`npm run build\` first`).toBe(true);
  }
  // As main.ts builds it, with the virtual printer's default folder under the data folder.
  station = await createStation({ dataDir, background: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(`${APP}/**`, serveApp);
  await context.route(`${FOREIGN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }),
  );
  const electron = await installElectronStandIn(context, preloadBundle);
  page = await context.newPage();
  disposeIpc = registerIpc({
    api: station.api,
    ipcMain: electron.ipcMain,
    appOrigin: APP,
    targets: () => [electron.webContentsOf(page)],
    logger: ipcLog.logger,
  });

  await page.goto(`${APP}/index.html`);
  await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
  // As in web-slice.test.ts: a wider gap between scanner keys, for a loaded 2-core machine.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":150}')`);
  await page.reload();
  await waitPhase('idle');
});

afterAll(async () => {
  disposeIpc?.();
  await browser?.close();
  await station?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the desktop bridge (bundled preload, registerIpc, dispatcher) in Chromium', () => {
  it('gives the screen the two bridge functions and nothing of Node', async () => {
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as BridgeWindow).dockside).sort())).toEqual([
      'invoke',
      'subscribe',
    ]);
    // The envelope arrives unchanged: what the screen's api unwraps.
    const state = await page.evaluate(() => (globalThis as unknown as BridgeWindow).dockside.invoke('pack:state', {}));
    expect(state).toMatchObject({ ok: true, output: { phase: 'idle' } });
  });

  it("shows the station's identity, read with station:info through the bridge", async () => {
    // The header names the station by the name a supervisor gave it (none yet: it says so), never by its id.
    const name = station.info().name;
    await expect
      .poll(() => page.getByTestId('station-name').textContent())
      .toMatch(name ? name : /not named|工作台未命名/);
    expect(await page.locator('header').textContent()).not.toContain(station.info().stationId);
  });

  it('refuses a child frame and a foreign page before any handler runs', async () => {
    // A same-origin child frame: only its having a parent tells it from the app's own frame.
    await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.addEventListener('load', resolve);
      frame.src = ${JSON.stringify(`${APP}/child-frame.html`)};
      document.body.append(frame);
    })`);
    const child = page.frames().find((frame) => frame.url() === `${APP}/child-frame.html`);
    expect(child, 'the child frame did not load').toBeDefined();
    const fromChild = await child!.evaluate(() =>
      (globalThis as unknown as BridgeWindow).dockside.invoke('pack:scan', { code: 'SO-100001' }),
    );
    expect(fromChild).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const foreign = await context.newPage();
    await foreign.goto(`${FOREIGN}/`);
    const fromForeign = await foreign.evaluate(() =>
      (globalThis as unknown as BridgeWindow).dockside.invoke('pack:scan', { code: 'SO-100001' }),
    );
    expect(fromForeign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await foreign.close();

    expect(ipcReports().filter((line) => line.startsWith('refused an IPC call from an untrusted frame'))).toEqual([
      `refused an IPC call from an untrusted frame: ${APP}/child-frame.html`,
      `refused an IPC call from an untrusted frame: ${FOREIGN}/`,
    ]);
    // Neither scan reached the pack service.
    expect((await station.api.handlers['pack:state']({})).phase).toBe('idle');
    await page.reload();
    await waitPhase('idle');
  });

  it('refuses a wrong item visibly, then packs, prints and ships an order scanned from the keyboard', async () => {
    await scan('SO-100001');
    await waitPhase('packing');
    await expect.poll(() => page.getByTestId('order-no').textContent()).toContain('SO-100001');
    await screenshot('pack-packing-en');

    await scan('0000000000000');
    await expect.poll(() => page.getByTestId('error-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('error-panel').getAttribute('data-code')).toBe('wrong-item');
    await screenshot('pack-error-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('error-panel').isVisible()).toBe(false);

    const order = await erpOrder('SO-100001');
    expect(order.lines.length).toBeGreaterThan(0);
    for (const line of order.lines) {
      for (let unit = 0; unit < line.quantity; unit++) await scan(line.barcode);
    }
    await waitPhase('printed');
    await screenshot('pack-printed-en');
    const tracking = (await page.getByTestId('label-preview').getAttribute('data-tracking'))!;
    expect(tracking).toMatch(/^DS\d{12}$/);
    // Printed on the virtual printer: the label file's barcode is the tracking number the screen shows.
    expect(await decodeBarcodes(path.join(dataDir, 'labels', `SO-100001_${tracking}.png`))).toContain(tracking);

    await scan(tracking);
    await waitPhase('idle');
    await expect.poll(() => page.getByTestId('last-shipped').textContent()).toContain(tracking);
    await expect.poll(async () => (await erpOrder('SO-100001')).status, { timeout: 15_000 }).toBe('shipped');
    expect((await erpOrder('SO-100001')).trackingNumber).toBe(tracking);
  });

  it('carries events from the core to the screen', async () => {
    // A scan that does not come from this screen: only the pack:changed event, sent through webContents.send to
    // the preload's ipcRenderer listener, can tell the screen about it.
    await station.api.handlers['pack:scan']({ code: 'SO-100002' });
    await waitPhase('packing');
    await expect.poll(() => page.getByTestId('order-no').textContent()).toContain('SO-100002');
  });

  it('loads the Settings and Printers screens through the bridge', async () => {
    await page.getByTestId('nav-settings').click();
    // The embedded demo ERP at its loopback address, as erp:getSettings answers it (while loading, or when the
    // call fails, the same element says so).
    await expect
      .poll(() => page.locator('.settings').textContent(), { timeout: 15_000 })
      .toContain(`demo ${station.info().erp.url}`);
    expect(await page.getByTestId('erp-type').inputValue()).toBe('demo');
    await screenshot('settings-en');

    await page.getByTestId('nav-printers').click();
    await page.getByTestId('printer-primary-uri').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('printer-primary-uri').inputValue()).toBe(`file:${path.join(dataDir, 'labels')}`);
    // printers:status answered: the virtual printer reports no status of its own (shown as such, not "checking").
    const status = page.getByTestId('printer-primary').getByTestId('printer-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('unsupported');
    await screenshot('printers-en');
    expect(ipcReports().filter((line) => !line.startsWith('refused an IPC call from an untrusted frame'))).toEqual([]);
  });
});
