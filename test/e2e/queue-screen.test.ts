import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNumberPoolRepository } from '../../src-main/carriers';
import { createOutbox, openStationDatabase } from '../../src-main/store';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// The Queue screen with a seeded queue (SYNC-10, docs/requirements.md), in the web shell in Debian's Chromium: counts,
// the stale and low-pool alerts, the drill-down, and a supervisor correcting and retrying a rejected item and
// discarding a conflict, against the demo ERP as its own process on loopback.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-queue-'));
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
const stationDir = path.join(tmp, 'station');
let erp: CliServer;
let erpUrl: string;
let serve: CliServer;
let browser: Browser;
let page: Page;

const payload = (orderNo: string, weightKg: number) => ({
  orderNo,
  trackingNumber: `DS0000000${orderNo.slice(-4)}0`,
  carrier: 'DSX',
  weightKg,
  shippedAt: new Date().toISOString(),
  lines: [],
  stationId: 'e2e',
});

/** Seeds the station's own SQLite file the way earlier uploads would have left it. */
function seedQueue(): void {
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  const db = openStationDatabase(stationDir);
  const outbox = createOutbox({ db, clock: () => twoHoursAgo });
  const add = (key: string, orderNo: string, weightKg: number) =>
    outbox.add({
      idempotencyKey: key,
      aggregate: orderNo,
      kind: 'shipment.confirm',
      payload: payload(orderNo, weightKg),
    });
  const rejected = add('e2e-rejected', 'SO-100004', 0);
  outbox.markFailed(rejected, 'rejected', 'POST /shipments answered 422: weightKg: must be more than 0 (invalid)');
  add('e2e-waiting', 'SO-100004', 0); // waits behind the rejected one: the oldest pending item, 2 h old
  const conflict = add('e2e-conflict', 'SO-100005', 1);
  outbox.markFailed(
    conflict,
    'conflict',
    'POST /shipments answered 409: order SO-100005 is cancelled (order-cancelled)',
  );
  createNumberPoolRepository(db).addRange({
    carrier: 'POST',
    scheme: 'upu-s10',
    prefix: 'RB',
    suffix: 'CN',
    from: 1,
    to: 40,
    source: 'supervisor',
    addedBy: 'e2e',
    now: new Date().toISOString(),
  });
  db.close();
}

const setLocale = async (locale: string) => {
  await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
  await page.reload();
  await page.getByTestId('nav-queue').click();
  await page.getByTestId('queue-rejected').waitFor();
};

beforeAll(async () => {
  erp = await startCliServer(
    ['demo-erp', '--port', '0', '--data', path.join(tmp, 'erp')],
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  erpUrl = erp.match[1]!;
  seedQueue();
  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', stationDir, '--printer', `file:${path.join(tmp, 'labels')}`],
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

describe('the queue screen', () => {
  it('shows counts, the stale and low-pool alerts, in English and Chinese', async () => {
    expect(await page.getByTestId('queue-rejected').textContent()).toBe('1');
    expect(await page.getByTestId('queue-conflict').textContent()).toBe('1');
    expect(await page.getByTestId('queue-oldest').getAttribute('data-stale')).toBe('true');
    expect(await page.getByTestId('queue-alert-stale').textContent()).toContain('more than 30 min');
    expect(await page.getByTestId('queue-alert-pool-POST').textContent()).toContain('40 left');
    await page.screenshot({ path: path.join(shots, 'queue-alerts-en.png') });
    // The Queue opens where attention is needed: conflicts first, with the first one open.
    expect(await page.getByTestId('queue-tab-conflict').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('queue-detail').getAttribute('data-state')).toBe('conflict');
    await page.getByTestId('queue-tab-rejected').click();
    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('queue-detail').waitFor();
    expect(await page.getByTestId('queue-detail').textContent()).toContain('weightKg: must be more than 0');
    await page.screenshot({ path: path.join(shots, 'queue-supervisor-en.png'), fullPage: true });
    await setLocale('zh-CN');
    expect(await page.getByTestId('queue-alert-stale').textContent()).toContain('超过 30 分钟');
    await page.screenshot({ path: path.join(shots, 'queue-alerts-zh-CN.png') });
    await page.getByTestId('queue-tab-rejected').click();
    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('queue-detail').waitFor();
    await page.screenshot({ path: path.join(shots, 'queue-supervisor-zh-CN.png'), fullPage: true });
    await setLocale('en');
  });

  it('a supervisor corrects and retries a rejected item, and discards a conflict with a reason', async () => {
    await page.getByTestId('queue-tab-rejected').click();
    await page.getByTestId('queue-item').first().click();
    await page.getByTestId('queue-edit-retry').click();
    expect(await page.getByTestId('queue-message').textContent()).toContain('Enter your name first');
    await page.getByTestId('queue-by').fill('Li Wei');
    await page.getByTestId('queue-edit-weightKg').fill('1.5');
    await page.getByTestId('queue-reason').fill('weighed again');
    await page.getByTestId('queue-edit-retry').click();
    await expect.poll(() => page.getByTestId('queue-audit').textContent()).toContain('Li Wei');
    expect(await page.getByTestId('queue-audit').textContent()).toContain('weightKg: 0 → 1.5');
    // The station uploads it by itself; the ERP records the corrected weight.
    await expect
      .poll(
        async () => {
          const order = (await (await fetch(`${erpUrl}/api/v1/orders/SO-100004`)).json()) as {
            shipments: { weightKg?: number }[];
          };
          return order.shipments[0]?.weightKg ?? null;
        },
        { timeout: 20_000 },
      )
      .toBe(1.5);

    await page.getByTestId('queue-tab-conflict').click();
    await page.locator('[data-testid="queue-item"][data-order="SO-100005"]').click();
    await expect.poll(() => page.getByTestId('queue-detail').textContent()).toContain('SO-100005');
    await page.getByTestId('queue-by').fill('Li Wei');
    await page.getByTestId('queue-discard').click();
    expect(await page.getByTestId('queue-message').textContent()).toContain('Say why');
    await page.getByTestId('queue-reason').fill('order cancelled in the ERP; parcel returned to stock');
    await page.getByTestId('queue-discard').click();
    await expect.poll(() => page.getByTestId('queue-tab-discarded').textContent()).toContain('(1)');
    await page.getByTestId('queue-tab-discarded').click();
    await expect.poll(() => page.getByTestId('queue-items').textContent()).toContain('SO-100005');
    // SO-100004's later item went after the corrected one; the ERP had it shipped by then, so it is a conflict
    // now, and SO-100005 is no longer among the conflicts.
    await page.getByTestId('queue-tab-conflict').click();
    await expect.poll(() => page.getByTestId('queue-items').textContent()).not.toContain('SO-100005');
  });
});
