import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { runCli, startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// The supervisors' template editor in the web shell: the built CLI serving the built renderer (embedded demo ERP,
// real SQLite file), Debian's Chromium. The saved version is then read back through the CLI on the same data dir.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-templates-'));
const data = path.join(tmp, 'station');
// Screenshots go to test-results/ on every run; DOCKSIDE_SCREENSHOTS=docs/screenshots writes the ones docs/ shows.
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let serve: CliServer;
let browser: Browser;
let page: Page;

const setLocale = (locale: string) =>
  page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);

/** Opens the editor and waits until the preview raster of the loaded template is on screen. */
async function openEditor(): Promise<void> {
  await page.getByTestId('nav-templates').click();
  await page.waitForSelector('[data-testid="template-editor"][data-ready="true"]', { timeout: 15_000 });
  await page.waitForSelector('[data-testid="template-preview-img"]', { timeout: 15_000 });
}

/** The outline of the element with `id`, and its index. */
async function elementById(id: string) {
  const outline = page.locator(`[data-testid^="element-"][title="${id}"]`);
  const testId = (await outline.getAttribute('data-testid'))!;
  return { outline, index: Number(testId.replace('element-', '')) };
}

const propX = async () => Number(await page.getByTestId('prop-x').inputValue());

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

describe('label template editor', () => {
  it('selects an element, moves it with the arrow keys and the mouse, and saves a new version', async () => {
    await openEditor();
    expect(await page.getByTestId('template-select').inputValue()).toBe('generic-100x150');
    const { outline, index } = await elementById('carrier');
    await outline.click();
    expect(await outline.getAttribute('data-selected')).toBe('true');
    const x0 = await propX();
    expect(x0).toBe(42);

    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(propX).toBe(41);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(propX).toBe(36);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => Number(await page.getByTestId('prop-y').inputValue())).toBe(3);
    // Never off the label: the carrier box is 55 mm wide on a 100 mm label.
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(propX).toBe(45);

    // Drag with the mouse: 3 mm to the left at the canvas' scale.
    const scale = Number(await page.getByTestId('template-canvas').getAttribute('data-scale'));
    const box = (await page.getByTestId(`element-${index}`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 1.5 * scale, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 - 3 * scale, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(propX).toBeCloseTo(42, 0);

    // The value is bound through the field picker.
    await page.getByTestId('prop-value').fill('');
    await page.getByTestId('prop-field').selectOption('carrier');
    expect(await page.getByTestId('prop-value').inputValue()).toBe('{carrier}');

    // The live preview follows the unsaved template.
    const before = await page.getByTestId('template-preview-img').getAttribute('src');
    await expect.poll(() => page.getByTestId('template-preview-img').getAttribute('src')).not.toBe(before);
    expect(await page.getByTestId('template-preview-error').count()).toBe(0);

    await page.getByTestId('template-note').fill('carrier 0.5 mm lower');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByTestId('template-notice').textContent()).toContain('v2');
    expect(await page.getByTestId('template-version').getAttribute('data-version')).toBe('2');
    await page.getByTestId('template-set-active').click();
    await expect.poll(() => page.getByTestId('template-notice').textContent()).toContain('generic-100x150 v2');
    await outline.click();
    await page.screenshot({ path: path.join(shots, 'template-editor-en.png') });

    // The CLI does not open a station file another process holds: it names the running station instead.
    const refused = await runCli(['template', 'list', '--json', '--data', data]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/in use by another Dockside process \(pid \d+, dockside\.cjs serve/);
  });

  it('shows the editor in Chinese', async () => {
    await setLocale('zh-CN');
    await page.reload();
    await openEditor();
    expect(await page.getByTestId('template-version').getAttribute('data-version')).toBe('2');
    const { outline } = await elementById('receiver-name');
    await outline.click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'template-editor-zh-CN.png') });
    expect(await page.getByTestId('nav-templates').textContent()).toBe('模板');
  });

  it('keeps the saved version in the station file, as the CLI reads it once the station is closed', async () => {
    await serve.stop();
    const run = await runCli(['template', 'list', '--json', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as {
      templates: { name: string; version: number; versions: number }[];
      active: { name: string; version: number };
    };
    expect(listed.templates.find((t) => t.name === 'generic-100x150')).toMatchObject({ version: 2, versions: 2 });
    expect(listed.active).toEqual({ name: 'generic-100x150', version: 2 });
  });
});
