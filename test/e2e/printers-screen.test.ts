import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';
import { startPrinterEmulator, type PrinterEmulator } from '../helpers/printer-emulator';

// The printer settings screen in the web shell (built CLI + renderer, Debian's Chromium) against an emulated
// network ZPL printer: save, live status, a test label, and the screen in both languages.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-printers-'));
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let serve: CliServer;
let browser: Browser;
let page: Page;
let printer: PrinterEmulator;

beforeAll(async () => {
  printer = await startPrinterEmulator('zpl');
  serve = await startCliServer(
    ['serve', '--port', '0', '--data', path.join(tmp, 'station')],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
  await page.reload();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await printer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const primaryState = () => page.getByTestId('printer-primary').getByTestId('printer-status').getAttribute('data-state');

describe('printers screen', () => {
  it('shows a printer that cannot report its status as grey "status not reported", never green', async () => {
    // The station's default printer writes label files: nothing it could report about paper or head.
    await page.getByTestId('nav-printers').click();
    const status = page.getByTestId('printer-primary').getByTestId('printer-status');
    await expect.poll(primaryState, { timeout: 15_000 }).toBe('unsupported');
    expect(await status.getAttribute('data-tone')).toBe('neutral');
    expect(await status.textContent()).toContain('Status not reported');
    const colours = await status.evaluate((el) => {
      const style = (node: typeof el) => node.ownerDocument.defaultView!.getComputedStyle(node);
      const dot = el.querySelector('.printer-status-dot') as typeof el;
      return { text: style(el).color, dot: style(dot).color, bg: style(el).backgroundColor };
    });
    // Grey, not the green of a ready printer (#17803d) nor the red of a fault.
    for (const colour of Object.values(colours)) {
      const [r, g, b] = colour.match(/\d+/g)!.map(Number) as [number, number, number];
      expect(Math.max(r, g, b) - Math.min(r, g, b), colour).toBeLessThan(24);
    }
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      for (const locale of ['en', 'zh-CN']) {
        await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
        await page.reload();
        await page.getByTestId('nav-printers').click();
        await expect.poll(primaryState, { timeout: 15_000 }).toBe('unsupported');
        await page.screenshot({ path: path.join(shots, `printers-status-not-reported-${locale}-${size.width}.png`) });
      }
    }
    expect(await status.textContent()).toContain('未报告状态');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
    await page.reload();
  });

  it('saves a tcp:// printer, shows its live status, and prints a test label once', async () => {
    await page.getByTestId('nav-printers').click();
    await page.getByTestId('printer-primary-uri').fill(printer.uri);
    await page.getByTestId('printer-primary-profile').selectOption('generic-zpl-203');
    await page.getByTestId('printers-save').click();
    await expect.poll(() => page.getByTestId('printers-notice').textContent()).toContain('Saved');
    await expect.poll(primaryState, { timeout: 15_000 }).toBe('ready');

    await page.getByTestId('printer-primary-test').click();
    await expect
      .poll(() => page.getByTestId('printers-notice').textContent(), { timeout: 15_000 })
      .toContain('Test label printed');
    await printer.waitForJobs(1);

    printer.set({ paperOut: true });
    await expect.poll(primaryState, { timeout: 15_000 }).toBe('not-ready');
    expect(await page.getByTestId('printer-primary').getByTestId('printer-status').textContent()).toContain(
      'out of paper',
    );
    await page.getByTestId('printer-primary-test').click();
    await expect
      .poll(() => page.getByTestId('printers-notice').textContent(), { timeout: 15_000 })
      .toContain('not printed');
    expect(printer.jobs).toHaveLength(1);
    await page.screenshot({ path: path.join(shots, 'printers-en-1280.png') });
  });

  it('reads in Chinese', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('打印机');
    expect(await page.getByTestId('printer-primary').getByTestId('printer-status').textContent()).toContain('缺纸');
    await page.screenshot({ path: path.join(shots, 'printers-zh-CN-1280.png') });
  });

  it("refuses a malformed printer address in the supervisor's language, naming the address", async () => {
    const notice = () => page.getByTestId('printers-notice').textContent();
    await page.getByTestId('printer-backup-uri').fill('tcp://10.0.0.5:99999');
    await page.getByTestId('printers-save').click();
    await expect.poll(notice).toContain('打印机地址 tcp://10.0.0.5:99999 无效');
    const zh = (await notice()) ?? '';
    expect(zh).toContain('tcp://HOST[:PORT]?profile=NAME');
    // Nothing of the core's English text: only the address and its pattern are Latin.
    const withoutAddresses = zh.replace('tcp://10.0.0.5:99999', '').replace('tcp://HOST[:PORT]?profile=NAME', '');
    expect(withoutAddresses).not.toMatch(/[A-Za-z]{2,}/);
    await page.getByTestId('printers-notice').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(shots, 'printers-refusal-zh-CN-1280.png') });

    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Printers');
    await page.getByTestId('printer-backup-uri').fill('tcp://10.0.0.5:99999');
    await page.getByTestId('printers-save').click();
    await expect.poll(notice).toContain('The printer address tcp://10.0.0.5:99999 is not valid');
    await page.getByTestId('printers-notice').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(shots, 'printers-refusal-en-1280.png') });
    // Refused: nothing was saved.
    await page.reload();
    await page.getByTestId('nav-printers').click();
    expect(await page.getByTestId('printer-backup-uri').inputValue()).toBe('');
  });
});
