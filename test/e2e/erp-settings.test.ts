import { mkdirSync, mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// The IT admin's ERP settings in the web shell: a signed demo ERP as the target, "Test connection" with a wrong and
// a right secret, saving, and the secret never coming back to the screen in full.

const SECRET = 'correct-horse-battery-staple-0042';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-settings-'));
const data = path.join(tmp, 'station');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let erp: CliServer;
let serve: CliServer;
let erpUrl: string;
let browser: Browser;
let page: Page;

const setLocale = (locale: string) =>
  page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);

async function openSettings(): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('erp-type').waitFor({ timeout: 15_000 });
}

async function testConnection(): Promise<string> {
  await page.getByTestId('erp-test').click();
  const notice = page.getByTestId('erp-notice');
  await notice.waitFor({ timeout: 15_000 });
  return `${await notice.getAttribute('class')}: ${await notice.textContent()}`;
}

beforeAll(async () => {
  erp = await startCliServer(
    ['demo-erp', '--port', '0', '--data', path.join(tmp, 'erp'), '--orders', '5', '--secret', SECRET],
    /listening at (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/,
  );
  erpUrl = erp.match[1]!;
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
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('ERP settings', () => {
  it('tests a signed REST ERP, refuses a wrong secret, saves, and never shows the secret again', async () => {
    await openSettings();
    await page.getByTestId('erp-type').selectOption('rest');
    await page.getByTestId('erp-url').fill(erpUrl);
    await page.getByTestId('erp-key-id').fill('dockside');
    await page.getByTestId('erp-secret').fill('not-the-secret-at-all');
    const refused = await testConnection();
    expect(refused).toMatch(/^notice bad: /);
    expect(refused).not.toContain('not-the-secret-at-all');

    await page.getByTestId('erp-secret').fill(SECRET);
    expect(await testConnection()).toMatch(/^notice good: /);

    await page.getByTestId('erp-save').click();
    await page.locator('[data-testid="erp-notice"].good').waitFor({ timeout: 15_000 });
    // Stored for the next start, readable by the station's user only.
    const credentials = path.join(data, 'erp-credentials.json');
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(credentials, 'utf8'))).toMatchObject({ secret: SECRET });

    // After a reload the form knows a secret is saved but holds only its last four characters.
    await page.reload();
    await openSettings();
    expect(await page.getByTestId('erp-type').inputValue()).toBe('rest');
    expect(await page.getByTestId('erp-secret').inputValue()).toBe('');
    expect(await page.getByTestId('erp-secret').getAttribute('placeholder')).toContain('••••0042');
    const html = await page.content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('correct-horse');
    await page.screenshot({ path: path.join(shots, 'settings-en.png') });

    await setLocale('zh-CN');
    await page.reload();
    await openSettings();
    expect(await page.getByTestId('erp-save').textContent()).not.toBe('Save');
    await page.screenshot({ path: path.join(shots, 'settings-zh-CN.png') });
  });
});
