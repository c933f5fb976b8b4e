import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// Template safety in the web shell (the built CLI serving the built renderer, a real SQLite file, Debian's
// Chromium): a template that would print a waybill without the receiver's phone cannot be used for packing, and
// the editor says why in the screen's language; every version is listed and an older one restored; undo, redo and
// Delete work on the template.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-template-safety-'));
const data = path.join(tmp, 'station');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let serve: CliServer;
let browser: Browser;
let page: Page;

const setLocale = (locale: string) =>
  page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);

/** Opens the editor and waits until the loaded template's preview and check are on screen. */
async function openEditor(): Promise<void> {
  await page.getByTestId('nav-templates').click();
  await page.waitForSelector('[data-testid="template-editor"][data-ready="true"]', { timeout: 15_000 });
  await page.waitForSelector('[data-testid="template-preview-img"]', { timeout: 15_000 });
  await page.waitForSelector('[data-testid="template-check"]:not([data-passes="pending"])', { timeout: 15_000 });
}

/** Clicks the outline of the element with `id` (selecting it; the focus leaves any form field). */
async function select(id: string): Promise<void> {
  await page.locator(`[data-testid^="element-"][title="${id}"]`).click();
}

const checkState = () => page.getByTestId('template-check').getAttribute('data-passes');
const propX = async () => Number(await page.getByTestId('prop-x').inputValue());
const outlines = () => page.locator('[data-testid^="element-"][title]').count();

/** Screenshots of the editor at both bench sizes, as `template-editor-<state>-<locale>-<width>.png`. */
async function shoot(state: string, locale: string, scrollTo?: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    if (scrollTo) await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `template-editor-${state}-${locale}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

beforeAll(async () => {
  serve = await startCliServer(
    ['serve', '--port', '0', '--data', data, '--printer', `file:${path.join(tmp, 'labels')}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  await setLocale('en');
  await page.reload();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('template safety', () => {
  it('a receiver name at 16 pt that cuts the phone saves as a draft but cannot be used for packing', async () => {
    await openEditor();
    expect(await page.getByTestId('template-select').inputValue()).toBe('generic-100x150');
    expect(await checkState()).toBe('true');
    expect(await page.getByTestId('template-check-ok').textContent()).toContain('every required field prints whole');

    await select('receiver-name');
    await page.getByTestId('prop-font-size').fill('16');
    await expect.poll(checkState, { timeout: 15_000 }).toBe('false');
    const blocking = page.getByTestId('template-blocking');
    expect(await blocking.textContent()).toContain('Cannot be used for packing');
    const phone = page.locator('[data-testid="template-blocking-problem"][data-field="receiverPhone"]');
    expect(await phone.first().textContent()).toMatch(
      /The receiver's phone is cut off in receiver-name for order CHECK-/,
    );

    // Saving a draft is allowed; the saved version still cannot pack, and the button says so by being disabled.
    await page.getByTestId('template-note').fill('receiver name 16 pt');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByTestId('template-version').getAttribute('data-version')).toBe('2');
    await expect.poll(checkState).toBe('false');
    const use = page.getByTestId('template-set-active');
    expect(await use.isDisabled()).toBe(true);
    expect(await use.getAttribute('data-blocked')).toBe('true');
    expect(await use.textContent()).toBe('Use for packing');
    // The engine's English warning text is not what the screen shows: warnings are translated from their codes.
    expect(await page.getByTestId('template-editor').textContent()).not.toContain('text cut to fit');

    // The version list: v2 fails the check, v1 (built-in) passes and is what packing uses.
    const v2 = page.getByTestId('template-version-2');
    const v1 = page.getByTestId('template-version-1');
    await expect.poll(() => v2.getAttribute('data-passes')).toBe('false');
    expect(await v2.textContent()).toContain('receiver name 16 pt');
    expect(await v1.getAttribute('data-passes')).toBe('true');
    expect(await v1.getAttribute('data-active')).toBe('true');

    await select('receiver-name');
    await shoot('blocked', 'en', 'template-blocking');
    await shoot('versions', 'en', 'template-versions');
  });

  it('shows the same in Chinese', async () => {
    await setLocale('zh-CN');
    await page.reload();
    await openEditor();
    expect(await page.getByTestId('template-version').getAttribute('data-version')).toBe('2');
    expect(await checkState()).toBe('false');
    expect(await page.getByTestId('template-blocking').textContent()).toContain('不能用于打包');
    const phone = page.locator('[data-testid="template-blocking-problem"][data-field="receiverPhone"]');
    expect(await phone.first().textContent()).toMatch(/订单 CHECK-\S+ 的收件人电话在 receiver-name 中被截断/);
    expect(await page.getByTestId('template-set-active').isDisabled()).toBe(true);
    expect(await page.getByTestId('template-version-2').textContent()).toContain('个阻止问题');
    await select('receiver-name');
    await shoot('blocked', 'zh-CN', 'template-blocking');
    await shoot('versions', 'zh-CN', 'template-versions');
    await setLocale('en');
    await page.reload();
  });

  it('restores the built-in version as the newest, which passes and can be used for packing', async () => {
    await openEditor();
    await page.getByTestId('template-version-restore-1').click();
    await expect.poll(() => page.getByTestId('template-version').getAttribute('data-version')).toBe('3');
    expect(await page.getByTestId('template-notice').textContent()).toContain('Restored v1 as generic-100x150 v3');
    await expect.poll(checkState, { timeout: 15_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('template-version-3').textContent()).toContain('Restored from v1');
    await page.getByTestId('template-set-active').click();
    await expect
      .poll(() => page.getByTestId('template-notice').textContent())
      .toContain('Packing now uses generic-100x150 v3');
    await expect.poll(() => page.getByTestId('template-version-3').getAttribute('data-active')).toBe('true');
    expect(await page.getByTestId('template-version-1').getAttribute('data-active')).toBe('false');

    // An older version opens as it was, and shows why it cannot pack.
    await page.getByTestId('template-version-open-2').click();
    await expect.poll(() => page.getByTestId('template-version').getAttribute('data-version')).toBe('2');
    await expect.poll(checkState, { timeout: 15_000 }).toBe('false');
  });

  it('undoes and redoes template edits with the keys and the toolbar, and Delete removes the selected element', async () => {
    await page.getByTestId('template-version-open-3').click();
    await expect.poll(() => page.getByTestId('template-version').getAttribute('data-version')).toBe('3');
    const undo = page.getByTestId('template-undo');
    const redo = page.getByTestId('template-redo');
    expect(await undo.isDisabled()).toBe(true);

    await select('carrier');
    expect(await propX()).toBe(42);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(propX).toBe(37);
    // A pause: the next move is a step of its own, not merged into the first.
    await page.waitForTimeout(900);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => Number(await page.getByTestId('prop-y').inputValue())).toBe(3);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => Number(await page.getByTestId('prop-y').inputValue())).toBe(2.5);
    expect(await propX()).toBe(37);
    await page.keyboard.press('Control+z');
    await expect.poll(propX).toBe(42);
    expect(await page.getByTestId('template-dirty').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(propX).toBe(37);
    await page.keyboard.press('Control+y');
    await expect.poll(async () => Number(await page.getByTestId('prop-y').inputValue())).toBe(3);
    expect(await redo.isDisabled()).toBe(true);
    await undo.click();
    await undo.click();
    await expect.poll(propX).toBe(42);
    await redo.click();
    await expect.poll(propX).toBe(37);
    expect(await page.getByTestId('template-dirty').count()).toBe(1);

    // Backspace inside a text field edits the text, never the label.
    const count = await outlines();
    await select('carrier');
    await page.getByTestId('prop-value').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    expect(await page.getByTestId('prop-value').inputValue()).toBe('{carrier');
    await page.keyboard.type('}');
    expect(await outlines()).toBe(count);

    // Delete removes the selected element; undo brings it back.
    await select('carrier');
    await page.keyboard.press('Delete');
    await expect.poll(outlines).toBe(count - 1);
    expect(await page.locator('[data-testid^="element-"][title="carrier"]').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(outlines).toBe(count);
    await select('units');
    await page.keyboard.press('Backspace');
    await expect.poll(outlines).toBe(count - 1);
    await undo.click();
    await expect.poll(outlines).toBe(count);
  });
});
