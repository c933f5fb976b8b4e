import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCommandBarcode } from '../../src-main/domain';
import { launchChromium } from '../helpers/browser';
import { BULK_ORDER_NO, seedDemoErpWithBulkOrder } from '../helpers/bulk-orders';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// A shift's tools in the web shell in Debian's Chromium, against the demo ERP as its own process on loopback:
// reprint after confirm, the Orders screen (search, history with the label, batch printing of waybills), the
// quantity prompt for a line of 12 units, and the station's name in the header.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-shift-'));
const labels = path.join(tmp, 'labels');
const stationDir = path.join(tmp, 'station');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['en', 'zh-CN'] as const;
let erp: CliServer;
let erpUrl: string;
let serve: CliServer;
let browser: Browser;
let page: Page;

interface ErpOrder {
  orderNo: string;
  receiver: { name: string; phone: string };
  lines: { barcode: string; quantity: number }[];
}
const erpOrder = async (orderNo: string) =>
  (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as ErpOrder;

/** Reads the station's own file beside the running station (WAL readers never block it). */
const query = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(path.join(stationDir, 'station.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

/** A scanner: characters ~5 ms apart, then Enter. */
const scan = async (code: string) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};
// A ceiling, not a speed check: the first label of a run loads the CJK font on a machine shared with other tests.
const waitPhase = async (phase: string) => {
  try {
    await page.waitForSelector(`[data-testid="pack-phase"][data-phase="${phase}"]`, {
      state: 'attached',
      timeout: 45_000,
    });
  } catch (error) {
    // What the packer would see says more than the selector.
    throw new Error(`not in phase ${phase}; the screen shows: ${await page.locator('main').textContent()}`, {
      cause: error,
    });
  }
};
const setLocale = async (locale: string) => {
  await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
  await page.reload();
  await page.getByTestId('online-badge').waitFor();
};
const openOrders = async () => {
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('orders-list').waitFor();
};
/** Every size and language: `prepare` brings the screen back after the reload, then one screenshot. */
async function shootAll(name: string, prepare: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const locale of LOCALES) {
      await setLocale(locale);
      await prepare();
      await page.screenshot({ path: path.join(shots, `${name}-${locale}-${size.width}.png`) });
    }
  }
  await page.setViewportSize(SIZES[0]);
  await setLocale('en');
}

beforeAll(async () => {
  const erpDir = path.join(tmp, 'erp');
  mkdirSync(erpDir, { recursive: true });
  await seedDemoErpWithBulkOrder(path.join(erpDir, 'demo-erp.sqlite'), 12);
  erp = await startCliServer(['demo-erp', '--port', '0', '--data', erpDir], /(http:\/\/127\.0\.0\.1:\d+)/);
  erpUrl = erp.match[1]!;
  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', stationDir, '--printer', `file:${labels}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SIZES[0] });
  await page.goto(serve.match[1]!);
  // Scanner keys come 5 ms apart; a machine running other test files at once stretches some gaps far past the
  // default 50 ms (see web-slice). A wide gap keeps scans whole; the person's typing below is slower still.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":300}')`);
  await setLocale('en');
  await waitPhase('idle');
  // The first pull has the orders at the station before the Orders screen is searched.
  await page.getByTestId('sync-now').click();
  for (let tries = 0; query('SELECT order_no FROM orders').length < 40; tries++) {
    if (tries > 100) throw new Error('the station pulled no orders from the demo ERP');
    await page.waitForTimeout(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let shippedOrder: ErpOrder;
let shippedTracking: string;

describe('a shift at the web shell', () => {
  it('shows the station name in the header instead of its id, set on the Settings screen', async () => {
    const header = page.getByTestId('station-name');
    expect(await header.textContent()).toBe('Station not named');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('station-name-input').fill('x'.repeat(41));
    await page.getByTestId('station-save').click();
    expect(await page.getByTestId('station-notice').textContent()).toContain('1 to 40 characters');
    await page.getByTestId('station-name-input').fill('  Bench 3 · 三号台 ');
    await page.getByTestId('station-save').click();
    await expect.poll(() => header.textContent()).toBe('Bench 3 · 三号台');
    const stationId = query<{ value: string }>("SELECT value FROM settings WHERE key = 'station.id'")[0]!.value;
    expect(await page.locator('header.app-header').textContent()).not.toContain(stationId);
    await page.getByTestId('nav-pack').click();
    await shootAll('header-station-name', async () => {
      await waitPhase('idle');
      expect(await header.textContent()).toBe('Bench 3 · 三号台');
    });
  });

  it('reprints the label of the parcel just confirmed, from the button and the REPRINT barcode, logged', async () => {
    shippedOrder = await erpOrder('SO-100001');
    await scan(shippedOrder.orderNo);
    await waitPhase('packing');
    for (const line of shippedOrder.lines) for (let u = 0; u < line.quantity; u++) await scan(line.barcode);
    await waitPhase('printed');
    shippedTracking = (await page.getByTestId('label-preview').getAttribute('data-tracking'))!;
    await scan(shippedTracking);
    await waitPhase('idle');

    await page.getByTestId('reprint-last-button').click();
    await expect.poll(() => page.getByTestId('reprint-done').isVisible()).toBe(true);
    const firstCopy = await page.getByTestId('reprint-done').getAttribute('data-job');
    await scan(scanCommandBarcode('reprint'));
    await expect.poll(() => page.getByTestId('reprint-done').getAttribute('data-job')).not.toBe(firstCopy);
    expect(await page.getByTestId('error-panel').count()).toBe(0);
    await shootAll('pack-reprinted', async () => {
      await page.getByTestId('reprint-done').waitFor();
    });

    const jobs = query<{ id: string; reprint_of: string | null; requested_by: string | null; reason: string | null }>(
      'SELECT id, reprint_of, requested_by, reason FROM print_jobs WHERE order_no = ? ORDER BY created_at, rowid',
      shippedOrder.orderNo,
    );
    expect(jobs).toHaveLength(3);
    expect(jobs[1]).toMatchObject({
      reprint_of: jobs[0]!.id,
      reason: 'reprint button on the Pack screen after confirm',
    });
    expect(jobs[2]).toMatchObject({ reprint_of: jobs[0]!.id, reason: 'REPRINT command scanned' });
    expect(jobs[2]!.requested_by).toMatch(/^packer@/);
    const files = readdirSync(labels).filter((f) => f.includes(shippedTracking) && f.endsWith('.png'));
    expect(files).toHaveLength(3);
  });

  it('finds the order by tracking number and by the last 4 digits of the phone; its history shows the label', async () => {
    await openOrders();
    const search = page.getByTestId('orders-search');
    await search.fill(shippedTracking);
    await expect
      .poll(async () => page.getByTestId('order-row').evaluateAll((rows) => rows.map((r) => r.dataset.order)))
      .toEqual([shippedOrder.orderNo]);

    const last4 = shippedOrder.receiver.phone.replace(/\D/g, '').slice(-4);
    await search.fill(last4);
    const row = page.locator(`[data-testid="order-row"][data-order="${shippedOrder.orderNo}"]`);
    await row.waitFor();
    const masked = (await row.getByTestId('order-phone').textContent())!;
    expect(masked).toContain('****');
    expect(masked.endsWith(last4)).toBe(true);
    expect(await page.getByTestId('orders-list').textContent()).not.toContain(shippedOrder.receiver.phone);
    await page.screenshot({ path: path.join(shots, 'orders-search-en-1280.png') });

    await row.click();
    const entries = page.getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBe(3);
    expect(await page.getByTestId('history-shipment').textContent()).toContain(shippedTracking);
    expect(await entries.nth(2).getByTestId('history-reason').textContent()).toContain('REPRINT command scanned');
    await entries.first().getByTestId('history-view-label').click();
    const label = page.getByTestId('history-label');
    await label.waitFor();
    expect(await label.getAttribute('data-tracking')).toBe(shippedTracking);
    expect(await label.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(
      400,
    );

    await shootAll('orders-search', async () => {
      await openOrders();
      await page.getByTestId('orders-search').fill(last4);
      await page.locator(`[data-testid="order-row"][data-order="${shippedOrder.orderNo}"]`).waitFor();
    });
    await shootAll('orders-history', async () => {
      await openOrders();
      await page.getByTestId('orders-search').fill(shippedTracking);
      await page.locator(`[data-testid="order-row"][data-order="${shippedOrder.orderNo}"]`).click();
      await page.getByTestId('history-entry').first().getByTestId('history-view-label').click();
      await page.getByTestId('history-label').waitFor();
      await page
        .getByTestId('history-label')
        .evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    });
  });

  it('takes one scan, a typed 12 and a second scan for a line of 12 units', async () => {
    await page.getByTestId('nav-pack').click();
    const order = await erpOrder(BULK_ORDER_NO);
    const bulk = order.lines.find((l) => l.quantity === 12)!;
    const single = order.lines.find((l) => l.quantity === 1)!;
    await scan(BULK_ORDER_NO);
    await waitPhase('packing');
    await scan(bulk.barcode);
    const prompt = page.getByTestId('quantity-prompt');
    await prompt.waitFor();
    expect(await page.getByTestId('quantity-progress').textContent()).toBe('Required 12, scanned 0');

    await shootAll('pack-quantity', async () => {
      await page.getByTestId('quantity-prompt').waitFor();
    });

    await page.getByTestId('quantity-input').focus();
    // A person typing: keys well apart, so the scanner capture gives them to the field.
    await page.keyboard.type('1', { delay: 0 });
    await page.waitForTimeout(700);
    await page.keyboard.type('2', { delay: 0 });
    await page.waitForTimeout(700);
    await expect.poll(() => page.getByTestId('quantity-input').inputValue()).toBe('12');
    await scan(bulk.barcode);
    await expect.poll(() => prompt.count()).toBe(0);
    expect(await page.getByTestId('error-panel').count()).toBe(0);
    await scan(single.barcode);
    await waitPhase('printed');
    const log = query<{ code: string; reason: string | null }>(
      'SELECT code, reason FROM scan_log WHERE order_no = ? ORDER BY id',
      BULK_ORDER_NO,
    );
    expect(log.map((l) => l.reason)).toContain('quantity prompt opened; nothing counted until the count is confirmed');
    expect(log.filter((l) => l.code === bulk.barcode)).toHaveLength(2);
    expect(log.find((l) => l.reason?.startsWith('quantity 12 of '))?.reason).toMatch(
      /confirmed by scanning the item again$/,
    );
    await page.keyboard.press('Enter');
    await waitPhase('idle');
  });

  it('prints the waybills of 3 selected orders as one batch with progress; a repeat prints none', async () => {
    await openOrders();
    await page.getByTestId('orders-filter-pending').click();
    await expect
      .poll(() => page.locator('[data-testid="order-row"][data-status="pending"]').count())
      .toBeGreaterThan(3);
    const rows = page.locator('[data-testid="order-row"][data-status="pending"]');
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      picked.push((await rows.nth(i).getAttribute('data-order'))!);
      await rows.nth(i).getByTestId('order-select').check();
    }
    expect(await page.getByTestId('orders-selected').getAttribute('data-count')).toBe('3');
    const jobsOf = () =>
      query<{ id: string }>('SELECT id FROM print_jobs WHERE order_no IN (?, ?, ?)', ...picked).length;
    expect(jobsOf()).toBe(0);
    await page.getByTestId('batch-print').click();
    const panel = page.getByTestId('batch-panel');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await panel.getAttribute('data-printed')).toBe('3');
    expect(await page.getByTestId('batch-progress').evaluate((p) => (p as unknown as { value: number }).value)).toBe(3);
    expect(jobsOf()).toBe(3);
    const keys = query<{ idempotency_key: string; tracking_number: string }>(
      'SELECT idempotency_key, tracking_number FROM print_jobs WHERE order_no IN (?, ?, ?)',
      ...picked,
    );
    expect(new Set(keys.map((k) => k.idempotency_key)).size).toBe(3);
    expect(new Set(keys.map((k) => k.tracking_number)).size).toBe(3);
    await shootAll('orders-batch', async () => {
      await openOrders();
      await page.getByTestId('batch-panel').waitFor();
      await page.getByTestId('order-row').first().waitFor();
    });

    // The same orders again: all skipped, named, and nothing printed.
    await openOrders();
    await page.getByTestId('orders-filter-printed').click();
    for (const orderNo of picked) {
      const row = page.locator(`[data-testid="order-row"][data-order="${orderNo}"]`);
      await row.getByTestId('order-select').check();
    }
    await page.getByTestId('batch-print').click();
    await expect.poll(() => panel.getAttribute('data-skipped')).toBe('3');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('batch-nothing').isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('label already printed');
    expect(jobsOf()).toBe(3);
    await page.screenshot({ path: path.join(shots, 'orders-batch-repeat-en-1280.png') });
  });
});
