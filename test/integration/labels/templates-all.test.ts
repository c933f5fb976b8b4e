import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRenderer, LabelTemplate } from '../../../src-main/labels';
import { BUILT_IN_TEMPLATE_NAMES, createLabelRenderer, loadBuiltInTemplate } from '../../../src-main/labels';
import { variedOrders } from '../../fixtures/varied-orders';
import {
  barcodesOf,
  cropRaster,
  cutsWithoutWarning,
  encodeRasterPng,
  distinctDecodes,
  layoutFor,
  textOutsideBoxes,
} from '../../helpers/label-checks';
import { assetsDir } from '../../helpers/paths';
import { decodeBarcodes, pdfToPng } from '../../helpers/zbar';
import { decodeMany } from '../../helpers/zbar-batch';

const orders = variedOrders();
/** 24 of the 240 (orders 3, 9, 13, 19, …): Chinese and Latin, 30-line, sparse and long ones all come round. */
const sample = orders.filter((_, i) => i % 10 === 3 || i % 10 === 9).slice(0, 24);
const now = new Date(2025, 10, 20, 9, 5);
let dir: string;
let renderer: LabelRenderer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dockside-templates-'));
  renderer = createLabelRenderer({ assetsDir, now: () => now });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Labels that carried a cut warning, per built-in (a roomy layout such as intl-4x6-sscc may have none). */
const warnedLabels = new Map<string, number>();

describe.each(BUILT_IN_TEMPLATE_NAMES)('built-in template %s', (name) => {
  let template: LabelTemplate;
  beforeAll(() => {
    template = loadBuiltInTemplate(assetsDir, name);
  });

  it(`renders all ${orders.length} varied orders at 203 dpi (PDF and raster), text inside its boxes, every cut warned`, async () => {
    expect(orders.length).toBeGreaterThanOrEqual(200);
    let warned = 0;
    for (const { order, trackingNumber, kind } of orders) {
      const label = await renderer.render({ order, trackingNumber, template: name, dpi: 203 });
      expect(label.pdf.length, kind).toBeGreaterThan(1000);
      expect(label.raster.width).toBe(Math.round((template.widthMm * 203) / 25.4));
      const list = layoutFor(template, order, trackingNumber);
      expect(textOutsideBoxes(list), `${order.orderNo} (${kind})`).toEqual([]);
      expect(cutsWithoutWarning(list), `${order.orderNo} (${kind})`).toEqual([]);
      expect(label.warnings).toEqual(list.warnings);
      if (label.warnings.length > 0) warned++;
    }
    warnedLabels.set(name, warned);
  });

  it.each([203, 300])(
    `decodes every barcode of ${sample.length} sample labels at %i dpi with zbarimg back to exactly its data`,
    async (dpi) => {
      // zbar reports a symbol repeated in one image once: the whole label must give its distinct symbols, and
      // each barcode, cut out with its quiet zone, must decode on its own to exactly its data.
      const checks: Array<{ what: string; file: string; expected: string[] }> = [];
      for (const { order, trackingNumber } of sample) {
        const label = await renderer.render({ order, trackingNumber, template: name, dpi });
        const list = layoutFor(template, order, trackingNumber, dpi);
        const codes = barcodesOf(list);
        expect(codes.length, order.orderNo).toBeGreaterThan(0);
        const whole = path.join(dir, `${name}-${order.orderNo}-${dpi}.png`);
        await writeFile(whole, label.png);
        checks.push({ what: `${order.orderNo} whole label`, file: whole, expected: distinctDecodes(list) });
        for (const code of codes) {
          const crop = path.join(dir, `${name}-${order.orderNo}-${dpi}-${code.elementId}.png`);
          await writeFile(crop, encodeRasterPng(cropRaster(label.raster, code.box)));
          checks.push({ what: `${order.orderNo} ${code.elementId}`, file: crop, expected: [code.expected] });
        }
      }
      const decoded = await decodeMany(checks.map((c) => c.file));
      for (const c of checks) expect((decoded.get(c.file) ?? []).sort(), c.what).toEqual(c.expected);
    },
  );

  it('the PDF rasterized by poppler (pdftoppm -r 203) decodes too', async () => {
    const { order, trackingNumber } = sample[0] ?? orders[0]!;
    const label = await renderer.render({ order, trackingNumber, template: name, dpi: 203 });
    const pdf = path.join(dir, `${name}-vector.pdf`);
    await writeFile(pdf, label.pdf);
    const png = await pdfToPng(pdf, path.join(dir, `${name}-vector`), 203);
    expect((await decodeBarcodes(png)).sort()).toEqual(distinctDecodes(layoutFor(template, order, trackingNumber)));
  });
});

// After every built-in ran (tests run in file order): the fixtures hold 30-line orders and overlong fields, so some
// labels must have been cut somewhere, and each of those said so (checked above, label by label).
it('cuts some of the varied orders on some built-in, always with a warning', () => {
  expect(warnedLabels.size).toBe(BUILT_IN_TEMPLATE_NAMES.length);
  expect([...warnedLabels.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
});
