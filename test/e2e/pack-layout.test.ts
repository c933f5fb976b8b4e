import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoErp } from '../../src-main/demo';
import { openDemoErpDb } from '../../src-main/demo/erp/demo-erp-db';
import { createDemoErpRepository } from '../../src-main/demo/erp/demo-erp-repository';
import { gs1Mod10, type Order } from '../../src-main/domain';
import { launchChromium } from '../helpers/browser';
import { startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// The functions given to evaluate() run in the page; the tests compile without the DOM's types, so the few page
// globals they use are declared here.
interface PageStyle {
  textOverflow: string;
  whiteSpace: string;
  overflowY: string;
  fontSize: string;
  imageRendering: string;
}
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  src: string;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: { elementFromPoint(x: number, y: number): unknown };
declare function getComputedStyle(element: unknown): PageStyle;
declare const devicePixelRatio: number;

// The Pack screen's layout at the bench's two screen sizes, in both languages, in the web shell in Debian's
// Chromium (built CLI + renderer, the demo ERP as its own process, the virtual file printer): an order of seven
// lines with long product names keeps the line just scanned in view, the label preview is large and zooms to the
// printed raster, nothing covers the manual-entry footer, and the footer tells the truth after a print failure and
// after shipping.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-pack-layout-'));
const erpDir = path.join(tmp, 'erp');
const labels = path.join(tmp, 'labels');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let erp: CliServer;
let erpUrl: string;
let serve: CliServer;
let browser: Browser;
let page: Page;

/** Long names as warehouses write them: both languages, then the variant that tells two products apart. */
const LONG_PRODUCTS = [
  { name: '儿童不锈钢保温杯 Kids Stainless Steel Insulated Bottle 500 ml — Dinosaur Print, Blue/Green', quantity: 1 },
  { name: '男士速干运动短袖T恤 Men’s Quick-Dry Sports T-Shirt, Crew Neck — Size XL, Navy Blue', quantity: 2 },
  { name: '无线降噪头戴式耳机 Wireless Noise-Cancelling Over-Ear Headphones — Matte Black', quantity: 1 },
  { name: '有机绿茶茶包 Organic Green Tea Bags 100 × 2 g — Jasmine, Family Pack', quantity: 1 },
  { name: 'USB-C 快充数据线 USB-C Fast Charging Cable 2 m Braided — 100 W, Space Grey', quantity: 2 },
  { name: '陶瓷不粘炒锅 Ceramic Non-Stick Wok 32 cm with Glass Lid — Induction Ready, Cream White', quantity: 1 },
  { name: '儿童益智拼图 Children’s Educational Jigsaw Puzzle 500 Pieces — World Map Edition', quantity: 1 },
];
/** One order of seven lines per screen size and language. */
const LONG_ORDERS = ['SO-900001', 'SO-900002', 'SO-900003', 'SO-900004'];

/**
 * The demo ERP's file as `dockside demo-erp` seeds it, plus this test's own orders of seven long-named lines
 * (the shared demo seed keeps its 1-4 short lines).
 */
async function seedErp(): Promise<void> {
  const dbPath = path.join(erpDir, 'demo-erp.sqlite');
  mkdirSync(erpDir, { recursive: true });
  await createDemoErp({ dbPath }).close();
  const repo = createDemoErpRepository(openDemoErpDb(dbPath));
  try {
    const stock = LONG_PRODUCTS.map((product, i) => {
      const data = `69${String(9_000_000_000 + i)}`;
      return { sku: `DS-L${i + 1}`, name: product.name, barcode: `${data}${gs1Mod10(data)}`, onHand: 500 };
    });
    for (const item of stock) repo.insertStock(item);
    const now = new Date().toISOString();
    for (const [i, orderNo] of LONG_ORDERS.entries()) {
      // Each its own receiver (from a demo order): the same receiver and items twice reads as a duplicate order.
      const template = repo.getOrder(`SO-${100_001 + i}`)!;
      const order: Order = {
        orderNo,
        status: 'pending',
        version: 1,
        createdAt: now,
        updatedAt: now,
        receiver: template.receiver,
        sender: template.sender,
        lines: stock.map((item, i) => ({
          lineNo: i + 1,
          sku: item.sku,
          name: item.name,
          barcode: item.barcode,
          quantity: LONG_PRODUCTS[i]!.quantity,
        })),
        carrier: template.carrier,
        weightKg: 4.2,
        trackingNumber: null,
        shipments: [],
      };
      repo.insertOrder(order);
    }
  } finally {
    repo.close();
  }
}

interface ErpOrder {
  orderNo: string;
  lines: { lineNo: number; name: string; barcode: string; quantity: number }[];
}
const erpOrder = async (orderNo: string) =>
  (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as ErpOrder;

/** A scanner: characters ~5 ms apart, then Enter. */
const scan = async (code: string) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};

/** Loads the screen afresh and waits until it is ready for scans: connected, idle, fonts loaded. */
async function reloadScreen(): Promise<void> {
  await page.reload();
  await waitPhase('idle');
  await page.locator('.station-name').waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
}

const waitPhase = async (wanted: string) => {
  try {
    await page.waitForSelector(`[data-testid="pack-phase"][data-phase="${wanted}"]`, {
      state: 'attached',
      timeout: 30_000,
    });
  } catch (failure) {
    // Say what the screen shows instead: a refusal, or a scan that arrived split.
    const shown = await page.evaluate(
      `[document.querySelector('[data-testid="pack-phase"]')?.dataset.phase, document.querySelector('.error-panel')?.textContent, document.querySelector('.last-scan')?.textContent].join(' | ')`,
    );
    throw new Error(`phase ${wanted} not reached; the screen shows: ${String(shown)}`, { cause: failure });
  }
};

/** The virtual printer stops working: its label folder is a plain file, so nothing can be written. */
const breakPrinter = () => {
  rmSync(labels, { recursive: true, force: true });
  writeFileSync(labels, 'not a folder');
};
const fixPrinter = () => {
  if (existsSync(labels)) unlinkSync(labels);
};

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  expect(box, 'element is laid out').not.toBeNull();
  return box!;
};
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** The element is on screen: inside the viewport and inside the visible part of the lines list that scrolls it. */
async function expectInView(locator: Locator): Promise<void> {
  const size = page.viewportSize()!;
  const box = await boxOf(locator);
  expect(inside(box, { x: 0, y: 0, ...size }), `${JSON.stringify(box)} inside the viewport`).toBe(true);
  const list = await boxOf(page.getByTestId('pack-lines'));
  expect(inside(box, list), `${JSON.stringify(box)} inside the lines list ${JSON.stringify(list)}`).toBe(true);
}

/** What is painted at the footer's own area is the footer: nothing else is drawn over it. */
async function expectFooterUncovered(): Promise<void> {
  const hits = await page.getByTestId('pack-footer').evaluate((footer) => {
    const r = footer.getBoundingClientRect();
    const points: [number, number][] = [];
    for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98])
      for (const fy of [0.1, 0.5, 0.9]) points.push([r.left + r.width * fx, r.top + r.height * fy]);
    return points.map(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && footer.contains(hit);
    });
  });
  expect(hits.every(Boolean), `footer points painted by the footer: ${JSON.stringify(hits)}`).toBe(true);
}

/** A full product name is shown whole: wrapped, never cut off with an ellipsis. */
async function expectWholeName(line: Locator, name: string): Promise<void> {
  const nameEl = line.getByTestId('line-name');
  expect(await nameEl.textContent()).toBe(name);
  const style = await nameEl.evaluate((el) => {
    const css = getComputedStyle(el);
    return {
      textOverflow: css.textOverflow,
      whiteSpace: css.whiteSpace,
      overflowY: css.overflowY,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
    };
  });
  expect(style.textOverflow).not.toBe('ellipsis');
  expect(style.whiteSpace).not.toBe('nowrap');
  expect(style.scrollWidth).toBeLessThanOrEqual(style.clientWidth);
  // Taller than its box is fine as long as nothing clips it (CJK glyphs reach past the line box by a pixel or two).
  if (style.scrollHeight > style.clientHeight + 1) expect(style.overflowY).toBe('visible');
}

beforeAll(async () => {
  await seedErp();
  erp = await startCliServer(['demo-erp', '--port', '0', '--data', erpDir], /http:\/\/127\.0\.0\.1:(\d+)/);
  erpUrl = `http://127.0.0.1:${erp.match[1]!}`;
  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', path.join(tmp, 'station'), '--printer', `file:${labels}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  // As in web-slice.test.ts, a supervisor's setting for a slow scanner: a loaded 2-core machine can stretch the
  // 5 ms key gaps of a simulated scan far past the default 50 ms while the page is still loading.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":300}')`);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const LOCALES = ['en', 'zh-CN'] as const;

describe('the Pack screen at the bench’s screen sizes', () => {
  let next = 0;
  for (const size of SIZES) {
    for (const locale of LOCALES) {
      const orderNo = LONG_ORDERS[next++]!;
      const first = next === 1;
      it(`packs ${orderNo} of seven long lines at ${size.width}x${size.height} in ${locale}`, async () => {
        await page.setViewportSize(size);
        await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
        await reloadScreen();
        const shot = (state: string) =>
          page.screenshot({ path: path.join(shots, `pack-${state}-${locale}-${size.width}.png`) });
        const order = await erpOrder(orderNo);
        expect(order.lines).toHaveLength(7);

        await scan(orderNo);
        await waitPhase('packing');
        // Lines 1-5 complete, then the sixth line's item: the line just scanned is on screen, the list scrolled.
        for (const line of order.lines.slice(0, 6)) {
          for (let unit = 0; unit < line.quantity; unit++) await scan(line.barcode);
        }
        const sixth = page.getByTestId('line-6');
        await expect.poll(() => sixth.getAttribute('data-scanned')).toBe('1');
        expect.soft(await sixth.getAttribute('data-current'), 'the sixth line is the current one').toBe('true');
        await expectInView(sixth);
        for (const fixed of ['order-no', 'next-action', 'pack-footer']) {
          expect(inside(await boxOf(page.getByTestId(fixed)), { x: 0, y: 0, ...size }), `${fixed} stays visible`).toBe(
            true,
          );
        }
        for (const line of order.lines) await expectWholeName(page.getByTestId(`line-${line.lineNo}`), line.name);
        await expectFooterUncovered();
        await shot('lines');

        // The last item goes in while the printer cannot print: the item counted, the print problem is the
        // print panel's, and nothing says "printing" any more.
        breakPrinter();
        const last = order.lines[6]!;
        await scan(last.barcode);
        await page.getByTestId('print-issue').waitFor({ timeout: 30_000 });
        await expect.poll(() => page.getByTestId('error-panel').isVisible()).toBe(true);
        expect(await page.getByTestId('line-7').getAttribute('data-scanned')).toBe('1');
        const lastScan = page.getByTestId('last-scan');
        expect(await lastScan.getAttribute('data-verdict')).toBe('accepted');
        expect(await lastScan.textContent()).toContain(last.barcode);
        expect(await lastScan.textContent()).not.toMatch(/Refused|拒收|拒绝/);
        expect(await page.getByTestId('next-action').getAttribute('data-next')).toBe('print-failed');
        expect(await page.getByTestId('next-action').textContent()).not.toMatch(/printing…|正在打印/);
        const footer = await boxOf(page.getByTestId('pack-footer'));
        expect(intersects(await boxOf(page.getByTestId('error-panel')), footer), 'error panel over the footer').toBe(
          false,
        );
        expect(intersects(await boxOf(page.getByTestId('print-issue')), footer), 'print panel over the footer').toBe(
          false,
        );
        await expectFooterUncovered();
        await shot('print-failed');

        // Acknowledged: the error goes, the print panel stays with its way out; the line stays readable.
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByTestId('error-panel').count()).toBe(0);
        expect(await page.getByTestId('print-issue').isVisible()).toBe(true);
        expect(intersects(await boxOf(page.getByTestId('print-issue')), footer)).toBe(false);
        await expectFooterUncovered();
        fixPrinter();
        await page.getByTestId('print-retry').click();
        await waitPhase('printed');
        await expect.poll(() => page.getByTestId('print-issue').count()).toBe(0);

        // A large preview, and it is the very raster the printer got.
        const preview = page.getByTestId('label-preview');
        // The picture as drawn (object-fit: contain may leave bars beside it), not the element's box.
        const shown = await preview.evaluate((el) => {
          const img = el as PageImage;
          const box = img.getBoundingClientRect();
          const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
          return { width: img.naturalWidth * scale, height: img.naturalHeight * scale };
        });
        expect(shown.width, 'preview width').toBeGreaterThanOrEqual(size.width >= 1920 ? 450 : 300);
        const tracking = (await preview.getAttribute('data-tracking'))!;
        const file = readdirSync(labels).find((f) => f.startsWith(`${orderNo}_${tracking}`) && f.endsWith('.png'));
        expect(file, 'label file written').toBeDefined();
        const src = (await preview.getAttribute('src'))!;
        expect(
          Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64').equals(
            readFileSync(path.join(labels, file!)),
          ),
        ).toBe(true);
        await expectInView(page.getByTestId('line-7'));
        for (const line of order.lines) await expectWholeName(page.getByTestId(`line-${line.lineNo}`), line.name);
        expect(
          await page
            .getByTestId('line-7')
            .getByTestId('line-name')
            .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
          'line names readable from arm’s length',
        ).toBeGreaterThanOrEqual(20);
        await expectFooterUncovered();
        await shot('printed');

        // Zoom: the raster at its own size, one image pixel to one device pixel, pixelated, scrollable.
        await preview.click();
        const zoomed = page.getByTestId('label-zoom-image');
        await zoomed.waitFor();
        await expect
          .poll(() => zoomed.evaluate((el) => (el as PageImage).complete && (el as PageImage).naturalWidth > 0))
          .toBe(true);
        const raster = await zoomed.evaluate((el) => {
          const img = el as PageImage;
          return {
            natural: [img.naturalWidth, img.naturalHeight],
            device: [
              Math.round(img.getBoundingClientRect().width * devicePixelRatio),
              Math.round(img.getBoundingClientRect().height * devicePixelRatio),
            ],
            rendering: getComputedStyle(img).imageRendering,
            same: img.src,
          };
        });
        expect(raster.device).toEqual(raster.natural);
        expect(raster.rendering).toBe('pixelated');
        expect(raster.same).toBe(src);
        const scroller = await page.getByTestId('label-zoom').evaluate((el) => ({
          overflowY: getComputedStyle(el).overflowY,
          scrolls: el.scrollHeight > el.clientHeight,
        }));
        expect(scroller.overflowY).toBe('auto');
        expect(scroller.scrolls, 'a 150 mm label at 203 dpi is taller than the screen').toBe(true);
        await shot('zoomed');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId('label-zoom').count()).toBe(0);
        await preview.click();
        await page.getByTestId('label-zoom').waitFor();
        await page.getByTestId('label-zoom').click();
        await expect.poll(() => page.getByTestId('label-zoom').count()).toBe(0);
        await waitPhase('printed');

        if (first) {
          // A refused scan while the label waits for its confirm, acknowledged: after shipping, no stale red footer.
          await scan('SO-999999');
          await expect.poll(() => page.getByTestId('error-panel').isVisible()).toBe(true);
          expect(await lastScan.getAttribute('data-verdict')).toBe('refused');
          await page.keyboard.press('Enter');
          await expect.poll(() => page.getByTestId('error-panel').count()).toBe(0);
        }
        await page.keyboard.press('Enter');
        await waitPhase('idle');
        await expect.poll(() => page.getByTestId('last-shipped').textContent()).toContain(tracking);
        expect(await page.locator('.last-scan.verdict-refused').count(), 'red footer next to "Shipped"').toBe(0);
        expect(await lastScan.textContent()).not.toMatch(/Refused|拒收|拒绝/);
        await expectFooterUncovered();
        await shot('shipped');
      });
    }
  }
});
