import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// A tab that survives a station restart: `dockside serve` as a real child process on one data directory without
// --port, stopped with SIGTERM and started again. The same open tab (never reloaded) must come back by itself on
// the same origin, keep its language, and work; after a token rotation it must say its link changed.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-restart-'));
const data = path.join(tmp, 'station');
const labels = path.join(tmp, 'labels');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
const LINK = /serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/;

let serve: CliServer | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const start = async (...extra: string[]): Promise<{ url: string; port: number; token: string }> => {
  serve = await startCliServer(['serve', '--data', data, '--printer', `file:${labels}`, ...extra], LINK);
  return { url: serve.match[1]!, port: Number(serve.match[2]), token: decodeURIComponent(serve.match[3]!) };
};
const stop = async () => {
  await serve?.stop();
  serve = undefined;
};

const banner = () => page.getByTestId('connection-banner');
/** `none`, or the banner's state: `connecting`, `lost`, `refused` (read from its class, which every build had). */
const bannerState = async () => {
  if ((await banner().count()) === 0) return 'none';
  const classes = (await banner().getAttribute('class')) ?? '';
  return ['refused', 'lost', 'connecting'].find((state) => classes.split(' ').includes(state)) ?? classes;
};
const waitPhase = (wanted: string) =>
  page.waitForSelector(`[data-testid="pack-phase"][data-phase="${wanted}"]`, { state: 'attached', timeout: 30_000 });
const scan = async (code: string) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};
const mode = (file: string) => statSync(path.join(data, file)).mode & 0o777;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a tab across station restarts', () => {
  let first: { url: string; port: number; token: string };

  it('keeps the port and the token in the data directory, 0600, and the token out of the log', async () => {
    first = await start();
    expect(first.port).toBeGreaterThanOrEqual(27100);
    expect(first.port).toBeLessThanOrEqual(27899);
    expect(readFileSync(path.join(data, 'web-port'), 'utf8').trim()).toBe(String(first.port));
    expect(readFileSync(path.join(data, 'web-token'), 'utf8').trim()).toBe(first.token);
    expect(mode('web-port')).toBe(0o600);
    expect(mode('web-token')).toBe(0o600);
    expect(readFileSync(path.join(data, 'logs', 'dockside.log'), 'utf8')).not.toContain(first.token);
  });

  it('reconnects the same open tab by itself after SIGTERM and a new start, keeping its language', async () => {
    await page.goto(first.url);
    await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
    // A scanner on a loaded CI machine: see web-slice.test.ts.
    await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":150}')`);
    await page.reload();
    await waitPhase('idle');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    // Marks this very document: a reload would lose it.
    await page.evaluate('window.__sameTab = true');

    await stop();
    await expect.poll(bannerState, { timeout: 15_000 }).toBe('lost');
    const again = await start();
    expect(again.port).toBe(first.port);
    expect(again.token).toBe(first.token);

    await expect.poll(bannerState, { timeout: 30_000 }).toBe('none');
    expect(await page.evaluate('window.__sameTab === true')).toBe(true);
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await page.getByTestId('lang-toggle').textContent()).toBe('EN');
    // The station answers this tab again: a scan goes through and its state comes back.
    await scan('SO-100001');
    await waitPhase('packing');
    expect(await page.getByTestId('order-no').textContent()).toContain('SO-100001');
  });

  it('tells the old tab its link changed after a rotation, and lets it back in once the new link is opened', async () => {
    await stop();
    const rotated = await start('--rotate-token');
    expect(rotated.port).toBe(first.port);
    expect(rotated.token).not.toBe(first.token);
    await expect.poll(() => serve!.output()).toContain('the token was rotated');

    await expect.poll(bannerState, { timeout: 30_000 }).toBe('refused');
    const zhText = await banner().textContent();
    expect(zhText).toContain('工作台的访问链接已更改');
    expect(zhText).not.toContain('正在重新连接');
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shots, `connection-link-changed-zh-CN-${size.width}.png`) });
    }
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => banner().textContent()).toContain("This station's access link changed");
    expect(await banner().textContent()).not.toContain('Reconnecting');
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shots, `connection-link-changed-en-${size.width}.png`) });
    }
    // Still refused a while later: it does not fall back to "reconnecting".
    await page.waitForTimeout(4_000);
    expect(await bannerState()).toBe('refused');

    // The supervisor opens the new link in another tab of this browser: its cookie lets the old tab back in.
    const other = await context.newPage();
    await other.goto(rotated.url);
    await expect.poll(bannerState, { timeout: 30_000 }).toBe('none');
    expect(await page.evaluate('window.__sameTab === true')).toBe(true);
    await other.close();
  });

  it('refuses to move silently when its port is taken, naming the port and how to choose another', async () => {
    await stop();
    const { createServer } = await import('node:net');
    // Another program on the port; it hangs up on the open tab's retries, so closing it does not wait for them.
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      squatter.once('error', reject);
      squatter.listen(first.port, '127.0.0.1', resolve);
    });
    try {
      await expect(start()).rejects.toThrow(new RegExp(`port ${first.port}.*in use by another program.*--port N`));
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });
});
