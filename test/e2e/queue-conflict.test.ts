import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { runCli, shipWithCli, startCliServer, type CliServer } from '../helpers/cli';
import { closedPort } from '../helpers/net';
import { repoRoot } from '../helpers/paths';

// A conflict made the way it happens at a bench: the station ships SO-100004 while the ERP is unreachable, the ERP
// cancels the order meanwhile, and the next sync parks the shipment as a conflict. Outside the Queue screen the
// header must show it (red, with a count); a click opens the Queue on it, and the detail says in the supervisor's
// language what happened and what to do, with the raw answer folded away. The Uploaded list names each item's type.
// Real parts: the built CLI, the demo ERP as its own process and SQLite file, Debian's Chromium.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-conflict-'));
const erpData = path.join(tmp, 'erp');
const station = path.join(tmp, 'station');
const labels = path.join(tmp, 'labels');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let erp: CliServer;
let erpUrl: string;
let serve: CliServer;
let browser: Browser;
let page: Page;
let offlineTracking: string;

const cli = async (args: string[]) => {
  const run = await runCli([...args, '--erp', erpUrl, '--data', station]);
  if (run.code !== 0) throw new Error(`dockside ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
};

const setLocale = async (locale: string) => {
  await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
  await page.reload();
  await page.getByTestId('queue-depth').waitFor();
};

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

beforeAll(async () => {
  erp = await startCliServer(['demo-erp', '--port', '0', '--data', erpData], /(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/);
  erpUrl = erp.match[1]!;
  await cli(['sync']);
  // One parcel that went through: its shipment, handover, delivery status and fee all reach the ERP.
  const tracking = await shipWithCli('SO-100001', { erp: erpUrl, data: station, labels });
  await cli(['handover', tracking]);
  await cli(['tracking', tracking, 'delivered']);
  await cli(['fee', tracking, '12.50']);
  // SO-100004 ships while the ERP is away: its shipment waits in the outbox.
  const offline = `http://127.0.0.1:${await closedPort()}`;
  const shipped = await runCli([
    'ship',
    'SO-100004',
    '--erp',
    offline,
    '--data',
    station,
    '--printer',
    `file:${labels}`,
    '--json',
  ]);
  if (shipped.code !== 0) throw new Error(`offline ship failed: ${shipped.stderr}`);
  offlineTracking = (JSON.parse(shipped.stdout) as { trackingNumber: string }).trackingNumber;
  // Meanwhile the ERP cancels the order (in its own database: the demo ERP has no cancel endpoint).
  const erpDb = new Database(path.join(erpData, 'demo-erp.sqlite'));
  erpDb.prepare("UPDATE orders SET status = 'cancelled', version = version + 1 WHERE order_no = 'SO-100004'").run();
  erpDb.close();

  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', station, '--printer', `file:${labels}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  await setLocale('en');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a conflict outside the Queue screen', () => {
  it('turns the header badge red with its count once the sync parks the cancelled shipment', async () => {
    await page.getByTestId('sync-now').click();
    const badge = page.getByTestId('queue-attention');
    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    expect(await badge.getAttribute('data-conflict')).toBe('1');
    expect(await badge.textContent()).toContain('Conflicts 1');
    // Red, not the neutral outbox colour.
    expect(await badge.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)).toBe(
      'rgb(194, 31, 31)',
    );
    expect(await page.getByTestId('queue-depth').getAttribute('data-depth')).toBe('0');
    expect(await page.getByTestId('pack-phase').count()).toBe(1); // still on Pack: the badge is seen from there
  });

  it('opens the Queue on Conflicts with what happened and what to do, raw details folded away', async () => {
    await page.getByTestId('queue-attention').click();
    await page.getByTestId('queue-detail').waitFor();
    expect(await page.getByTestId('queue-tab-conflict').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('queue-advice').getAttribute('data-reason')).toBe('order-cancelled');
    expect(await page.getByTestId('queue-advice-what').textContent()).toBe(
      `SO-100004 was cancelled in the ERP after this station shipped it offline with tracking number ${offlineTracking}.`,
    );
    expect(await page.getByTestId('queue-advice-todo').textContent()).toMatch(
      /^Intercept the parcel with \S+ .*then discard this item with the reason/,
    );
    // Sending it again cannot succeed: no Retry; correcting and discarding stay.
    expect(await page.getByTestId('queue-no-retry').isVisible()).toBe(true);
    expect(await page.getByTestId('queue-retry').count()).toBe(0);
    expect(await page.getByTestId('queue-edit-retry').isVisible()).toBe(true);
    expect(await page.getByTestId('queue-discard').isVisible()).toBe(true);
    // No JSON, idempotency key or raw ERP answer on screen until the supervisor asks for them.
    const detail = page.getByTestId('queue-detail');
    const technical = page.getByTestId('queue-technical');
    expect(await detail.locator('pre').isVisible()).toBe(false);
    const key = (await technical.locator('dd.mono').nth(1).textContent())!;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const shown = await detail.innerText();
    expect(shown).not.toContain(key);
    expect(shown).not.toMatch(/[{}]|"orderNo"|answered 409|idempotency/i);
    await technical.locator('summary').click();
    expect(await detail.locator('pre').isVisible()).toBe(true);
    expect(await detail.locator('pre').textContent()).toContain(offlineTracking);
    expect(await detail.innerText()).toContain(key);
    await technical.locator('summary').click();

    for (const size of sizes) {
      await page.setViewportSize(size);
      for (const locale of ['en', 'zh-CN']) {
        await setLocale(locale);
        await page.screenshot({ path: path.join(shots, `header-conflict-badge-${locale}-${size.width}.png`) });
        await page.getByTestId('queue-attention').click();
        await page.getByTestId('queue-detail').waitFor();
        // The tabs and the detail together, as a supervisor arriving from the badge sees them.
        await page.getByTestId('queue-tab-conflict').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(shots, `queue-conflict-detail-${locale}-${size.width}.png`) });
      }
    }
    expect(await page.getByTestId('queue-advice-what').textContent()).toBe(
      `本工作台离线发货（运单号 ${offlineTracking}）之后，SO-100004 在 ERP 中被取消了。`,
    );
    expect(await page.getByTestId('queue-attention').textContent()).toContain('冲突 1');
    await page.setViewportSize(sizes[0]);
    await setLocale('en');
  });

  it('lists uploaded items with their type: shipment, handover, delivery status, fee', async () => {
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-acked').click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(4);
    const types = await page.getByTestId('queue-item-type').allTextContents();
    expect(types.sort()).toEqual(['Delivery status', 'Fee', 'Handover', 'Shipment']);
    expect(await page.getByTestId('queue-items').locator('th').first().textContent()).toBe('Type');
    // Every row names its parcel, handovers included.
    for (const row of await page.getByTestId('queue-item').all())
      expect(await row.locator('td').nth(2).textContent()).toMatch(/^DS\d{12}$/);
    for (const size of sizes) {
      await page.setViewportSize(size);
      for (const locale of ['en', 'zh-CN']) {
        await setLocale(locale);
        await page.getByTestId('nav-queue').click();
        await page.getByTestId('queue-tab-acked').click();
        await expect.poll(() => page.getByTestId('queue-item').count()).toBe(4);
        await page.getByTestId('queue-tab-acked').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(shots, `queue-uploaded-${locale}-${size.width}.png`) });
      }
    }
    expect((await page.getByTestId('queue-item-type').allTextContents()).sort()).toEqual(
      ['交接', '发货', '物流状态', '费用'].sort(),
    );
    await page.setViewportSize(sizes[0]);
    await setLocale('en');
  });

  it('clears the badge once the supervisor discards the conflict with the reason', async () => {
    // From another tab of the Queue itself, the badge goes back to the conflict.
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-acked').click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(4);
    await page.getByTestId('queue-attention').click();
    await expect.poll(() => page.getByTestId('queue-tab-conflict').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('queue-advice').getAttribute('data-reason')).toBe('order-cancelled');
    await page.getByTestId('queue-by').fill('Li Wei');
    await page.getByTestId('queue-reason').fill('parcel intercepted');
    await page.getByTestId('queue-discard').click();
    await expect.poll(() => page.getByTestId('queue-attention').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('queue-tab-conflict').textContent()).toContain('(0)');
    // The discarded item still says what happened, in words.
    await page.getByTestId('queue-tab-discarded').click();
    await expect
      .poll(() => page.getByTestId('queue-items').textContent())
      .toContain('Cancelled in the ERP after shipping: intercept the parcel');
  });
});
