import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// Where scans go and what happens to unsaved work, in the web shell: the built CLI serving the built renderer with
// its embedded demo ERP and a real SQLite file, Debian's Chromium typing like a scanner (a few ms a key), like a
// password manager's auto-type (20 ms a key) and like a slow Bluetooth wedge (80 ms a key).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-scan-scope-'));
const data = path.join(tmp, 'station');
// Screenshots go to test-results/ on every run; DOCKSIDE_SCREENSHOTS=docs/screenshots writes the ones docs/ shows.
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
let serve: CliServer;
let url: string;
let browser: Browser;
let page: Page;

/** A scanner: characters a few ms apart, then Enter. */
const scan = async (code: string, delay = 5) => {
  await page.keyboard.type(code, { delay });
  await page.keyboard.press('Enter');
};

const phase = () => page.getByTestId('pack-phase').getAttribute('data-phase');
const waitPhase = (wanted: string) =>
  page.waitForSelector(`[data-testid="pack-phase"][data-phase="${wanted}"]`, { state: 'attached', timeout: 30_000 });

/** Takes the focus out of any field, the way a click on the page's background does. */
const blur = () => page.evaluate(`document.activeElement instanceof HTMLElement && document.activeElement.blur()`);

/** The language of the screen through the header's toggle (saved at the station, like a packer's choice). */
async function useLocale(locale: 'en' | 'zh-CN'): Promise<void> {
  const want = locale === 'en' ? 'Pack' : '打包';
  if ((await page.getByTestId('nav-pack').textContent()) !== want) await page.getByTestId('lang-toggle').click();
  await expect.poll(() => page.getByTestId('nav-pack').textContent()).toBe(want);
}

/** Screenshots of the page as it is, in both sizes, named `<screen>-<state>-<locale>-<width>.png`. */
async function shoot(name: string, locale: string, inView?: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (inView) await page.getByTestId(inView).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(shots, `${name}-${locale}-${size.width}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

async function openSettings(): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('erp-type').waitFor({ timeout: 15_000 });
}

async function openScanner(): Promise<void> {
  await page.getByTestId('nav-scanner').click();
  await page.getByTestId('scanner-gap').waitFor({ timeout: 15_000 });
}

/** Saves scanner settings on the Scanner screen, the way a supervisor does. */
async function saveScanner(settings: { gap?: number; slowInput?: 'scan' | 'report' }): Promise<void> {
  await openScanner();
  if (settings.gap !== undefined) await page.getByTestId('scanner-gap').fill(String(settings.gap));
  if (settings.slowInput) await page.getByTestId('scanner-slow-input').selectOption(settings.slowInput);
  await page.getByTestId('scanner-save').click();
  await page.locator('[data-testid="scanner-notice"].good').waitFor({ timeout: 15_000 });
}

/** The barcodes and quantities of the open order, as the pack screen lists them. */
async function openLines(): Promise<{ barcode: string; quantity: number }[]> {
  const rows = page.locator('[data-testid="pack-lines"] > [data-testid^="line-"]');
  const lines: { barcode: string; quantity: number }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const barcode = /Barcode (\S+)/.exec((await row.locator('.line-codes').textContent()) ?? '')?.[1];
    lines.push({ barcode: barcode!, quantity: Number(await row.getAttribute('data-quantity')) });
  }
  return lines;
}

beforeAll(async () => {
  serve = await startCliServer(
    ['serve', '--port', '0', '--data', data, '--printer', `file:${path.join(tmp, 'labels')}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  url = serve.match[1]!;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SIZES[0] });
  await page.goto(url);
  await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
  // As in the other e2e tests: a wider gap so a loaded 2-core machine cannot split a 5 ms-a-key scan. This is the
  // page's cache only; the station has no scanner settings saved yet.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":150}')`);
  await page.reload();
  await waitPhase('idle');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('scans only where they belong', () => {
  it('keeps auto-typed "/api" + Enter at 20 ms a key in the Settings URL field', async () => {
    await openSettings();
    await page.getByTestId('erp-type').selectOption('rest');
    await page.getByTestId('erp-url').fill('http://erp.example.com');
    await page.getByTestId('erp-url').click();
    await page.keyboard.press('End');
    await page.keyboard.type('/api', { delay: 20 });
    await page.keyboard.press('Enter');
    // Enter in the form saves it, as Enter does in a form; nothing was taken for a scan.
    await page.locator('[data-testid="erp-notice"].good').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/api');
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('scan-notice').count()).toBe(0);
    // Away and back (nothing unsaved, so nothing asks): the form shows what was saved.
    await page.getByTestId('nav-queue').click();
    expect(await page.getByTestId('leave-guard').count()).toBe(0);
    await openSettings();
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/api');
  });

  it('ignores a scan on Settings with unsaved edits: the screen and its edits stay, a notice says why', async () => {
    await page.getByTestId('erp-url').fill('http://erp.example.com/v2');
    await page.getByTestId('erp-key-id').fill('bench-7');
    await blur();
    await scan('SO-100001');
    const notice = page.getByTestId('scan-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-kind')).toBe('ignored');
    expect(await notice.textContent()).toContain('Scan ignored: open Pack to pack');
    expect(await notice.textContent()).toContain('SO-100001');
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/v2');
    expect(await page.getByTestId('erp-key-id').inputValue()).toBe('bench-7');
    await shoot('scan-ignored-settings', 'en');
    await useLocale('zh-CN');
    expect(await notice.textContent()).toContain('已忽略扫码');
    await shoot('scan-ignored-settings', 'zh-CN');
    await useLocale('en');
    // The language toggle is no nav: the edits are still there.
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/v2');
  });

  it('asks before leaving Settings with unsaved edits: Escape stays, Leave goes', async () => {
    await page.getByTestId('scan-notice-dismiss').click();
    expect(await page.getByTestId('scan-notice').count()).toBe(0);
    await page.getByTestId('nav-pack').click();
    const dialog = page.getByTestId('leave-guard');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await dialog.textContent()).toContain('Leave without saving?');
    // Stay has the focus: the safe answer is one Enter away.
    expect(await page.evaluate(`document.activeElement?.dataset.testid`)).toBe('leave-guard-stay');
    await shoot('leave-guard-settings', 'en');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/v2');

    await useLocale('zh-CN');
    await page.getByTestId('nav-pack').click();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('不保存就离开吗？');
    await shoot('leave-guard-settings', 'zh-CN');
    await page.getByTestId('leave-guard-stay').click();
    await useLocale('en');

    // Keyboard only: Tab to Leave, Enter.
    await page.getByTestId('nav-pack').click();
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement?.dataset.testid`)).toBe('leave-guard-leave');
    await page.keyboard.press('Enter');
    await waitPhase('idle');
    expect(await page.getByTestId('nav-pack').getAttribute('aria-current')).toBe('page');
    // Back on Settings, the dropped edits are gone and the saved URL is shown: nothing asks now.
    await openSettings();
    expect(await page.getByTestId('erp-url').inputValue()).toBe('http://erp.example.com/api');
    await page.getByTestId('nav-pack').click();
    await waitPhase('idle');
    expect(await page.getByTestId('leave-guard').count()).toBe(0);
  });

  it('asks before leaving Printers or the template editor with unsaved edits', async () => {
    await page.getByTestId('nav-printers').click();
    await page.getByTestId('printer-backup-uri').waitFor({ timeout: 15_000 });
    await page.getByTestId('printer-backup-uri').fill('tcp://10.0.0.9:9100');
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('leave-guard').waitFor();
    await page.getByTestId('leave-guard-stay').click();
    expect(await page.getByTestId('printer-backup-uri').inputValue()).toBe('tcp://10.0.0.9:9100');
    await page.getByTestId('nav-templates').click();
    await page.getByTestId('leave-guard-leave').click();

    await page.waitForSelector('[data-testid="template-editor"][data-ready="true"]', { timeout: 15_000 });
    await page.locator('[data-testid^="element-"][title="carrier"]').click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.template-dirty').waitFor();
    await page.getByTestId('nav-pack').click();
    await page.getByTestId('leave-guard').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('leave-guard').count()).toBe(0);
    expect(await page.locator('.template-dirty').count()).toBe(1);
    await page.getByTestId('nav-pack').click();
    await page.getByTestId('leave-guard-leave').click();
    await waitPhase('idle');
  });
});

describe('scanner settings', () => {
  it('shows in the test field exactly what the station received: code, gaps, and whether it was a scan', async () => {
    await openScanner();
    const input = page.getByTestId('scanner-test-input');
    const result = page.getByTestId('scanner-test-result');
    await input.click();
    await scan('SO-100003');
    await result.waitFor();
    expect(await result.getAttribute('data-verdict')).toBe('scan');
    expect(await page.getByTestId('scanner-test-code').textContent()).toBe('SO-100003');
    // Nine characters and the Enter: nine gaps.
    expect(await page.getByTestId('scanner-test-gaps').locator('.gap').count()).toBe(9);

    // A prefix in the form (not saved yet) is stripped in the test right away.
    await page.getByTestId('scanner-prefix').fill(']C1');
    await input.click();
    await scan(']C1SO-100004');
    await expect.poll(() => page.getByTestId('scanner-test-code').textContent()).toBe('SO-100004');
    expect(await page.getByTestId('scanner-test-raw').textContent()).toBe(']C1SO-100004');
    await page.getByTestId('scanner-prefix').fill('');

    // A slow wedge against a 50 ms limit: not a scan, and the screen says which gap to set.
    await page.getByTestId('scanner-gap').fill('50');
    await input.click();
    await scan('SO-100005', 80);
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('slow');
    expect(await result.textContent()).toMatch(/limit is 50 ms\. Set the gap to \d+ ms or more/);
    expect(await page.getByTestId('scanner-test-code').textContent()).toBe('SO-100005');
    expect(await page.getByTestId('scanner-test-gaps').locator('.gap.over').count()).toBeGreaterThan(5);
    await shoot('scanner-test-slow', 'en', 'scanner-test-result');
    await useLocale('zh-CN');
    expect(await result.textContent()).toContain('不算扫码');
    await shoot('scanner-test-slow', 'zh-CN', 'scanner-test-result');
    await useLocale('en');
    await page.getByTestId('scanner-gap').fill('150');
  });

  it('reports a slow wedge (80 ms a key) on Pack, or takes it as a scan, as saved settings say, without a reload', async () => {
    await saveScanner({ gap: 50, slowInput: 'report' });
    await page.getByTestId('nav-pack').click();
    await waitPhase('idle');
    await blur();
    await scan('SO-100002', 80);
    const notice = page.getByTestId('scan-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-kind')).toBe('slow');
    expect(await notice.textContent()).toContain(
      'This looked like a slow scanner: set the key gap in Scanner settings',
    );
    expect(await notice.textContent()).toContain('SO-100002');
    expect(await phase()).toBe('idle');
    await page.screenshot({ path: path.join(shots, 'scan-slow-pack-en-1280.png') });

    await saveScanner({ slowInput: 'scan' });
    await page.getByTestId('nav-pack').click();
    await waitPhase('idle');
    await blur();
    await scan('SO-100002', 80);
    await waitPhase('packing');
    expect(await page.getByTestId('order-no').textContent()).toContain('SO-100002');
  });

  it('cancels the open order on Escape twice; any other key keeps packing', async () => {
    await page.keyboard.press('Escape');
    const prompt = page.getByTestId('pack-prompt');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Cancel order SO-100002?');
    expect(await prompt.textContent()).toContain('Press Escape again or scan CANCEL to cancel');
    await shoot('pack-cancel-prompt', 'en');
    await useLocale('zh-CN');
    expect(await prompt.textContent()).toContain('取消订单 SO-100002？');
    await shoot('pack-cancel-prompt', 'zh-CN');
    await useLocale('en');
    expect(await prompt.count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => prompt.count()).toBe(0);
    expect(await phase()).toBe('packing');

    await page.keyboard.press('Escape');
    await prompt.waitFor();
    await page.keyboard.press('Escape');
    await waitPhase('idle');
    expect(await page.getByTestId('order-no').count()).toBe(0);
  });

  it('explains, on Escape with a printed label, that the label must be confirmed or voided', async () => {
    await saveScanner({ gap: 150 });
    await page.getByTestId('nav-pack').click();
    await waitPhase('idle');
    await scan('SO-100003');
    await waitPhase('packing');
    for (const line of await openLines()) for (let i = 0; i < line.quantity; i++) await scan(line.barcode);
    await waitPhase('printed');
    await page.keyboard.press('Escape');
    const prompt = page.getByTestId('pack-prompt');
    await prompt.waitFor();
    expect(await prompt.getAttribute('data-kind')).toBe('printed');
    expect(await prompt.textContent()).toContain('must be voided');
    expect(await phase()).toBe('printed');
    // Enter still confirms the parcel.
    await page.keyboard.press('Enter');
    await waitPhase('idle');
    expect(await page.getByTestId('last-shipped').textContent()).toContain('SO-100003');
  });

  it('takes the language from the station in a new browser with no storage of its own', async () => {
    await useLocale('zh-CN');
    const fresh = await browser.newContext({ viewport: SIZES[0], locale: 'en-US' });
    try {
      const other = await fresh.newPage();
      await other.goto(url);
      await expect.poll(() => other.getByTestId('nav-pack').textContent(), { timeout: 15_000 }).toBe('打包');
      // The scanner timing came from the station too.
      await other.getByTestId('nav-scanner').click();
      await expect.poll(() => other.getByTestId('scanner-gap').inputValue()).toBe('150');
      await other.setViewportSize(SIZES[0]);
      await other.screenshot({ path: path.join(shots, 'scanner-settings-zh-CN-1280.png') });
      await other.setViewportSize(SIZES[1]);
      await other.screenshot({ path: path.join(shots, 'scanner-settings-zh-CN-1920.png') });
    } finally {
      await fresh.close();
    }
    await useLocale('en');
    await openScanner();
    await shoot('scanner-settings', 'en');
  });
});
