import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoErpDb } from '../../src-main/demo/erp/demo-erp-db';
import { createDemoErpRepository } from '../../src-main/demo/erp/demo-erp-repository';
import { launchChromium } from '../helpers/browser';
import { BULK_ORDER_NO, seedDemoErpWithBulkOrder } from '../helpers/bulk-orders';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// A shift at the bench, scripted: 50 orders of mixed sizes (two with lines of 12 and 10 units), two wrong items
// scanned on the way, and one order cancelled in the ERP while the station packed it offline. The packer only
// scans: the order, its items, the label back. The only other keys are the typed counts of the quantity prompts.
// Real parts: the built CLI serving the built renderer, the demo ERP as its own process, SQLite, the file printer,
// Debian's Chromium. Timings (per scan, last item → label on screen) go to test-results/scripted-shift.json; they
// are reported, not asserted (speed is measured by benchmarks).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-shift-run-'));
const labels = path.join(tmp, 'labels');
const erpDir = path.join(tmp, 'erp');
const erpDb = path.join(erpDir, 'demo-erp.sqlite');
const results = path.resolve(repoRoot, 'test-results');
const SECOND_BULK = 'SO-190002';
const CONFLICT_ORDER = 'SO-100050';
let erp: CliServer;
let erpPort = '0';
let erpUrl = '';
let serve: CliServer;
let browser: Browser;
let page: Page;

interface ErpOrder {
  orderNo: string;
  status: string;
  lines: { barcode: string; quantity: number }[];
}
const erpOrder = async (orderNo: string) =>
  (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as ErpOrder;

/** Orders in the station's own file, read beside the running station (WAL readers never block it). */
const localOrders = (): number => {
  const db = new Database(path.join(tmp, 'station', 'station.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const startErp = async () => {
  erp = await startCliServer(['demo-erp', '--port', erpPort, '--data', erpDir], /http:\/\/127\.0\.0\.1:(\d+)/);
  erpPort = erp.match[1]!;
  erpUrl = `http://127.0.0.1:${erpPort}`;
};

/** Keys beyond scans the packer pressed: only the quantity prompts' digits may appear here. */
const otherKeys: string[] = [];
let scans = 0;
/** A scanner: characters ~5 ms apart, then Enter. */
const scan = async (code: string) => {
  scans++;
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};
/** A person typing a count into the quantity prompt: keys well apart, so the capture gives them to the field. */
const typeCount = async (count: number) => {
  await page.getByTestId('quantity-input').waitFor();
  for (const digit of String(count)) {
    otherKeys.push(digit);
    await page.keyboard.type(digit);
    await page.waitForTimeout(400);
  }
  await expect.poll(() => page.getByTestId('quantity-input').inputValue()).toBe(String(count));
};
const waitPhase = async (phase: string) => {
  try {
    await page.waitForSelector(`[data-testid="pack-phase"][data-phase="${phase}"]`, {
      state: 'attached',
      timeout: 45_000,
    });
  } catch (error) {
    throw new Error(`not in phase ${phase}; the screen shows: ${await page.locator('main').textContent()}`, {
      cause: error,
    });
  }
};

// In the page: each Enter's time, and the first change of the screen after it.
const TIMING_PROBE = `(() => {
  const w = window;
  w.__scanMs = [];
  let pending = null;
  window.addEventListener('keydown', (e) => { if (e.key === 'Enter') pending = performance.now(); w.__lastEnter = performance.now(); }, true);
  new MutationObserver(() => {
    if (pending !== null) { w.__scanMs.push(performance.now() - pending); pending = null; }
  }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

/** Milliseconds from the last Enter until the label's raster is decoded and on screen. */
const labelVisibleMs = () =>
  page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const img = document.querySelector('[data-testid="label-preview"]');
      if (img && img.complete && img.naturalWidth > 0) resolve(performance.now() - window.__lastEnter);
      else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

beforeAll(async () => {
  mkdirSync(erpDir, { recursive: true });
  const bulk = await seedDemoErpWithBulkOrder(erpDb, 12);
  // A second big line: ten units, the threshold of the quantity prompt.
  const repo = createDemoErpRepository(openDemoErpDb(erpDb));
  try {
    repo.insertOrder({ ...bulk, orderNo: SECOND_BULK, lines: [{ ...bulk.lines[0]!, quantity: 10 }] });
  } finally {
    repo.close();
  }
  await startErp();
  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', path.join(tmp, 'station'), '--printer', `file:${labels}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
  // As in the other e2e tests: a wide gap so a loaded CI machine cannot split a 5 ms-a-key scan.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":300}')`);
  await page.reload();
  await waitPhase('idle');
  await page.evaluate(TIMING_PROBE);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a scripted shift of 50 orders', () => {
  it('packs them with scans only (and the typed counts), refuses two wrong items, and shows the one conflict', async () => {
    const seeded = [];
    for (let n = 100_001; n <= 100_050; n++) {
      const order = await erpOrder(`SO-${n}`);
      if (order.status === 'pending') seeded.push(order);
    }
    const shift = [...seeded, await erpOrder(BULK_ORDER_NO), await erpOrder(SECOND_BULK)];
    expect(shift).toHaveLength(50);
    // The station's own pull has every order locally before the ERP goes away for the offline part of the shift.
    await expect.poll(() => localOrders(), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(50);

    const foreign = shift[0]!.lines[0]!.barcode;
    const labelMs: number[] = [];
    let wrongItems = 0;
    let quantityPrompts = 0;
    for (const [index, order] of shift.entries()) {
      if (order.orderNo === CONFLICT_ORDER) {
        // The ERP goes down; meanwhile the order is cancelled there. The station packs it from its own copy.
        await erp.stop();
        const db = new Database(erpDb);
        db.prepare("UPDATE orders SET status = 'cancelled', version = version + 1 WHERE order_no = ?").run(
          CONFLICT_ORDER,
        );
        db.close();
      }
      await scan(order.orderNo);
      await waitPhase('packing');
      for (const [lineIndex, line] of order.lines.entries()) {
        // Two wrong items on the way: refused, and the next right scan goes on (a scan acknowledges).
        if ((index === 10 || index === 30) && lineIndex === 0) {
          const wrong = order.lines.some((l) => l.barcode === foreign) ? shift[1]!.lines[0]!.barcode : foreign;
          await scan(wrong);
          await page.getByTestId('error-panel').waitFor();
          wrongItems++;
        }
        if (line.quantity >= 10) {
          await scan(line.barcode);
          await page.getByTestId('quantity-prompt').waitFor();
          await typeCount(line.quantity);
          await scan(line.barcode);
          await expect.poll(() => page.getByTestId('quantity-prompt').count()).toBe(0);
          quantityPrompts++;
          continue;
        }
        for (let unit = 0; unit < line.quantity; unit++) await scan(line.barcode);
      }
      await waitPhase('printed');
      labelMs.push(await labelVisibleMs());
      // The label scanned back confirms the parcel: the packer reads it off the label in hand.
      const tracking = (await page.getByTestId('label-preview').getAttribute('data-tracking'))!;
      await scan(tracking);
      await waitPhase('idle');
      await expect.poll(() => page.getByTestId('last-shipped').textContent()).toContain(tracking);
      if (order.orderNo === CONFLICT_ORDER) await startErp();
    }

    // The conflict shows in the header, without opening the Queue, once the outbox has drained.
    const badge = page.getByTestId('queue-attention');
    await expect.poll(() => badge.count(), { timeout: 60_000, interval: 500 }).toBe(1);
    expect(await badge.textContent()).toMatch(/Conflicts\s*1/);
    await expect
      .poll(() => page.getByTestId('queue-depth').getAttribute('data-depth'), { timeout: 60_000, interval: 500 })
      .toBe('0');
    for (const order of shift) {
      if (order.orderNo === CONFLICT_ORDER) continue;
      expect((await erpOrder(order.orderNo)).status, order.orderNo).toBe('shipped');
    }
    expect((await erpOrder(CONFLICT_ORDER)).status).toBe('cancelled');

    expect(wrongItems).toBe(2);
    expect(quantityPrompts).toBe(2);
    // Zero keys beyond scans, except the digits of "12" and "10".
    expect(otherKeys.join('')).toBe('1210');
    const scanMs = (await page.evaluate('window.__scanMs')) as number[];
    const report = {
      orders: shift.length,
      scans,
      otherKeys: otherKeys.length,
      scanMs: {
        n: scanMs.length,
        p50: percentile(scanMs, 50),
        p95: percentile(scanMs, 95),
        max: percentile(scanMs, 100),
      },
      lastScanToLabelMs: {
        n: labelMs.length,
        p50: percentile(labelMs, 50),
        p95: percentile(labelMs, 95),
        max: percentile(labelMs, 100),
      },
    };
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'scripted-shift.json'), `${JSON.stringify(report)}\n`);
    console.log(`scripted shift: ${JSON.stringify(report)}`);
  });
});
