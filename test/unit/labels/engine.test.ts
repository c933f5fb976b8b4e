import bwipjs from 'bwip-js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelRenderer, LabelTemplate, MatrixItem } from '../../../src-main/labels';
import {
  BUILT_IN_TEMPLATE_NAMES,
  LabelError,
  createLabelRenderer,
  listBuiltInTemplates,
  loadBuiltInTemplate,
  parseTemplate,
} from '../../../src-main/labels';
import { dotAt } from '../../../src-main/labels/bit-raster';
import { fitText } from '../../../src-main/labels/text-fit';
import { chineseOrder, latinOrder, thirtyLineOrder, trackingNumbers } from '../../fixtures/orders';
import { labelFont, layoutFor } from '../../helpers/label-checks';
import { assetsDir } from '../../helpers/paths';

let renderer: LabelRenderer;
const now = new Date(2025, 10, 20, 9, 5);

beforeAll(() => {
  renderer = createLabelRenderer({ assetsDir, now: () => now });
});

const logoDataUrl = `data:image/png;base64,${readFileSync(path.join(assetsDir, 'logo.png')).toString('base64')}`;

function small(elements: unknown[], extra: Record<string, unknown> = {}): LabelTemplate {
  return parseTemplate({ version: 1, name: 'unit', widthMm: 60, heightMm: 40, elements, ...extra });
}

describe('built-in templates', () => {
  it('lists the five built-in templates with their sizes', () => {
    expect(listBuiltInTemplates(assetsDir)).toEqual([
      expect.objectContaining({ name: 'cn-76x130', widthMm: 76, heightMm: 130 }),
      expect.objectContaining({ name: 'cn-100x180', widthMm: 100, heightMm: 180 }),
      expect.objectContaining({ name: 'generic-100x150', widthMm: 100, heightMm: 150 }),
      expect.objectContaining({ name: 'intl-4x6-sscc', widthMm: 101.6, heightMm: 152.4 }),
      expect.objectContaining({ name: 'a6-on-a4', widthMm: 210, heightMm: 297 }),
    ]);
    for (const t of listBuiltInTemplates(assetsDir)) expect(t.description.length).toBeGreaterThan(20);
  });

  it.each(BUILT_IN_TEMPLATE_NAMES)('%s: the PDF MediaBox equals the template size within 0.1 pt', async (name) => {
    const template = loadBuiltInTemplate(assetsDir, name);
    const label = await renderer.render({
      order: chineseOrder,
      trackingNumber: trackingNumbers.chinese,
      template: name,
      dpi: 203,
    });
    const doc = await PDFDocument.load(label.pdf);
    expect(doc.getPageCount()).toBe(1);
    const box = doc.getPage(0).getMediaBox();
    expect([box.x, box.y]).toEqual([0, 0]);
    expect(Math.abs(box.width - (template.widthMm * 72) / 25.4)).toBeLessThan(0.1);
    expect(Math.abs(box.height - (template.heightMm * 72) / 25.4)).toBeLessThan(0.1);
  });

  it('intl-4x6-sscc puts the SSCC GS1-128 lowest, at 4 dots per module at 203 dpi and at least 32 mm high', () => {
    const list = layoutFor(loadBuiltInTemplate(assetsDir, 'intl-4x6-sscc'), latinOrder, 'DS123456789012');
    const codes = list.items.filter((i) => i.kind === 'bars' || i.kind === 'matrix');
    const sscc = codes.find((i) => i.kind === 'bars' && i.symbology === 'gs1-128');
    expect(sscc && sscc.kind === 'bars' ? sscc.moduleDots : 0).toBe(4);
    expect(sscc && sscc.kind === 'bars' ? sscc.hMm : 0).toBeGreaterThanOrEqual(32);
    expect(sscc?.data).toMatch(/^\(00\)16901234\d{9}\d$/);
    for (const other of codes) if (other !== sscc) expect(other.box.yMm).toBeLessThan(sscc?.box.yMm ?? 0);
  });

  it('cn-100x180 repeats the tracking barcode on the receiver stub below the dashed tear line at 110 mm', () => {
    const list = layoutFor(loadBuiltInTemplate(assetsDir, 'cn-100x180'), chineseOrder, trackingNumbers.chinese);
    const bars = list.items.filter((i) => i.kind === 'bars');
    expect(bars.map((b) => b.data)).toEqual([trackingNumbers.chinese, trackingNumbers.chinese]);
    expect(bars[1]?.box.yMm).toBeGreaterThan(110);
    const tear = list.items.filter((i) => i.kind === 'rect' && Math.abs(i.yMm + i.hMm / 2 - 110) < 0.01);
    expect(tear.length).toBeGreaterThan(20);
  });
});

describe('fit rule', () => {
  const font = (): ReturnType<typeof labelFont> => labelFont();
  const req = { widthMm: 30, heightMm: 10, fontSizeMm: 4, minFontSizeMm: 2.5, lineHeight: 1.2, wrap: true };

  it('wraps first when the text fits at full size', () => {
    const fit = fitText({ ...req, text: '广东省深圳市南山区科技园南区' }, font());
    expect(fit).toMatchObject({ fontSizeMm: 4, truncated: false });
    expect(fit.lines.length).toBe(2);
  });

  it('then shrinks towards the minimum size', () => {
    const fit = fitText({ ...req, text: '广东省深圳市南山区科技园南区深南大道9988号华润置地大厦' }, font());
    expect(fit.truncated).toBe(false);
    expect(fit.fontSizeMm).toBeLessThan(4);
    expect(fit.fontSizeMm).toBeGreaterThanOrEqual(2.5);
  });

  it('then truncates with a visible "…" and the render reports a warning naming the element and the field', async () => {
    const fit = fitText({ ...req, text: '很长的地址'.repeat(30) }, font());
    expect(fit).toMatchObject({ fontSizeMm: 2.5, truncated: true });
    expect(fit.lines.at(-1)?.endsWith('…')).toBe(true);

    const template = small([
      {
        type: 'text',
        id: 'addr',
        x: 2,
        y: 2,
        w: 30,
        h: 8,
        value: '地址：{receiver.fullAddress}',
        fontSize: 10,
        minFontSize: 8,
      },
      { type: 'text', id: 'name', x: 2, y: 12, w: 50, h: 8, value: '{receiver.name}', fontSize: 10 },
    ]);
    const label = await renderer.render({ order: chineseOrder, trackingNumber: 'X1', template, dpi: 203 });
    expect(label.warnings).toEqual([
      {
        elementId: 'addr',
        field: 'receiver.address',
        code: 'text-cut',
        params: { sizePt: 8, widthMm: 30, heightMm: 8, text: expect.stringContaining('地址：广东省') },
        message: expect.stringMatching(/^text cut to fit 30×8 mm at 8\.0 pt/),
      },
    ]);
  });

  it('warns when an item list leaves order lines out', async () => {
    const label = await renderer.render({
      order: thirtyLineOrder,
      trackingNumber: trackingNumbers.thirtyLines,
      dpi: 203,
    });
    expect(label.warnings).toContainEqual(
      expect.objectContaining({
        elementId: 'items',
        field: 'lines',
        message: expect.stringMatching(/of 30 order lines shown/),
      }),
    );
  });
});

describe('template validation', () => {
  const message = (json: unknown): string => {
    try {
      parseTemplate(json, 'bad');
    } catch (err) {
      expect(err).toBeInstanceOf(LabelError);
      return (err as LabelError).message;
    }
    throw new Error('expected a validation error');
  };
  const base = { version: 1, name: 'bad', widthMm: 50, heightMm: 30 };

  it('names unknown fields and filters with the element path', () => {
    expect(
      message({
        ...base,
        elements: [{ type: 'text', x: 0, y: 0, w: 10, h: 5, value: '{receiver.mobile|mask}', fontSize: 8 }],
      }),
    ).toMatch(/elements\.0\.value: unknown field \{receiver\.mobile\}/);
    expect(
      message({
        ...base,
        elements: [{ type: 'text', x: 0, y: 0, w: 10, h: 5, value: '{receiver.phone|hide}', fontSize: 8 }],
      }),
    ).toMatch(/elements\.0\.value: unknown filter \|hide\|/);
    expect(
      message({
        ...base,
        elements: [{ type: 'custom', x: 0, y: 0, w: 40, h: 20, text: 'hi', qr: '{shopUrl}', fontSize: 8 }],
      }),
    ).toMatch(/elements\.0\.qr: unknown field \{shopUrl\}/);
  });

  it('rejects GS1-128 data without an AI, unknown symbologies, bad image sources and duplicate ids', () => {
    const bc = { type: 'barcode', x: 0, y: 0, w: 50, h: 20 };
    expect(message({ ...base, elements: [{ ...bc, symbology: 'gs1-128', value: '{trackingNumber}' }] })).toMatch(
      /AI in parentheses/,
    );
    expect(message({ ...base, elements: [{ ...bc, symbology: 'aztec' }] })).toMatch(/symbology/);
    expect(message({ ...base, elements: [{ type: 'image', x: 0, y: 0, w: 5, h: 5, src: '../secret.png' }] })).toMatch(
      /src/,
    );
    expect(
      message({ ...base, elements: [{ type: 'image', x: 0, y: 0, w: 5, h: 5, src: 'data:text/html;base64,AAAA' }] }),
    ).toMatch(/src/);
    const box = { type: 'box', id: 'a', x: 0, y: 0, w: 5, h: 5 };
    expect(message({ ...base, elements: [box, box] })).toMatch(/duplicate id a/);
  });

  it('renders a template object (the editor’s unsaved template) and rejects an invalid one', async () => {
    const template = small([
      { type: 'text', id: 't', x: 1, y: 1, w: 58, h: 8, value: '{receiver.name|upper}', fontSize: 12 },
    ]);
    const label = await renderer.render({ order: latinOrder, trackingNumber: 'X', template, dpi: 300 });
    expect(label).toMatchObject({ template: 'unit', widthMm: 60, heightMm: 40, warnings: [] });
    const bad = { ...template, elements: [{ ...template.elements[0], value: '{nope}' }] } as LabelTemplate;
    await expect(renderer.render({ order: latinOrder, trackingNumber: 'X', template: bad, dpi: 203 })).rejects.toThrow(
      /unknown field \{nope\}/,
    );
  });
});

describe('barcodes on whole dots', () => {
  it.each([
    ['qrcode', 'https://shop.example.com/s/SO-1', 'qrcode', {}],
    ['datamatrix', 'DS000000000017', 'datamatrix', {}],
    ['pdf417', 'DS000000000017', 'pdf417', { rowmult: 3 }],
  ] as const)(
    '%s: every cell is a whole number of dots and the raster matches bwip-js cell for cell',
    async (symbology, data, bcid, opts) => {
      const template = small([
        { type: 'barcode', id: 'code', symbology, x: 2, y: 2, w: 56, h: 36, value: data, moduleMm: 0.5 },
      ]);
      for (const dpi of [203, 300, 600]) {
        const list = layoutFor(template, chineseOrder, 'X', dpi);
        const item = list.items.find((i): i is MatrixItem => i.kind === 'matrix');
        expect(item?.moduleDots).toBe(Math.round((0.5 * dpi) / 25.4));
        const label = await renderer.render({ order: chineseOrder, trackingNumber: 'X', template, dpi });
        const ref = bwipjs.raw(bcid, data, symbology === 'qrcode' ? { eclevel: 'M' } : opts)[0];
        if (!item || !ref || !('pixs' in ref)) throw new Error('no matrix');
        expect([item.cols, item.rows]).toEqual([ref.pixx, ref.pixy]);
        for (let r = 0; r < item.rows; r++) {
          for (let c = 0; c < item.cols; c++) {
            const dark = ref.pixs[r * ref.pixx + c] === 1;
            // Both corners of each cell carry the cell's colour: no cell is split or blurred.
            const x0 = item.xDots + c * item.moduleDots;
            const y0 = item.yDots + r * item.rowDots;
            expect(dotAt(label.raster, x0, y0)).toBe(dark);
            expect(dotAt(label.raster, x0 + item.moduleDots - 1, y0 + item.rowDots - 1)).toBe(dark);
          }
        }
      }
    },
  );

  it('refuses a barcode that does not fit its box at the minimum module size', async () => {
    const template = small([
      { type: 'barcode', id: 'code', symbology: 'code128', x: 0, y: 0, w: 10, h: 10, minModuleDots: 2 },
    ]);
    const err = await renderer
      .render({ order: chineseOrder, trackingNumber: trackingNumbers.chinese, template, dpi: 203 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'barcode', message: expect.stringMatching(/box is 10×10 mm/) });
  });
});

describe('images, custom area and batches', () => {
  it('draws an uploaded logo from a data: URL, dithered in the raster', async () => {
    const template = small([{ type: 'image', id: 'logo', x: 0, y: 0, w: 60, h: 20, src: logoDataUrl }]);
    const label = await renderer.render({ order: chineseOrder, trackingNumber: 'X', template, dpi: 203 });
    const black = label.raster.data.reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0);
    expect(black).toBeGreaterThan(1000);
    expect(label.pdf.length).toBeLessThan(100_000);
  });

  it('lays out a custom area with text and a QR side by side inside it', () => {
    const template = small([
      {
        type: 'custom',
        id: 'c',
        x: 2,
        y: 2,
        w: 56,
        h: 20,
        text: '售后：{orderNo}',
        qr: 'https://shop.example.com/{orderNo}',
        fontSize: 9,
      },
    ]);
    const list = layoutFor(template, chineseOrder, 'X');
    const qr = list.items.find((i): i is MatrixItem => i.kind === 'matrix');
    const text = list.items.find((i) => i.kind === 'text');
    expect(qr?.data).toBe('https://shop.example.com/SO-2025-000117');
    expect(text && text.kind === 'text' ? text.xMm + text.widthMm : 99).toBeLessThan(((qr?.xDots ?? 0) * 25.4) / 203);
  });

  it('renders a batch into one PDF, one page per label, with progress and warnings per label', async () => {
    const orders = Array.from({ length: 25 }, (_, i) => ({
      order: i % 5 === 4 ? thirtyLineOrder : i % 2 ? latinOrder : chineseOrder,
      trackingNumber: `DS${String(100_000_000_000 + i)}`,
    }));
    const progress: number[] = [];
    const batch = await renderer.renderBatch({
      orders,
      template: 'cn-76x130',
      onProgress: (done) => progress.push(done),
    });
    expect(batch.pages).toBe(25);
    expect(progress).toEqual(Array.from({ length: 26 }, (_, i) => i));
    const doc = await PDFDocument.load(batch.pdf);
    expect(doc.getPageCount()).toBe(25);
    for (const page of doc.getPages()) expect(Math.abs(page.getWidth() - (76 * 72) / 25.4)).toBeLessThan(0.1);
    expect(batch.warnings.filter((w) => w.field === 'lines').map((w) => w.index)).toEqual([4, 9, 14, 19, 24]);
    // One font subset and one logo for the whole document.
    const text = Buffer.from(batch.pdf).toString('latin1');
    expect(text.match(/\/FontFile2/g)).toHaveLength(1);
    expect(text.match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('names the order of a batch label that cannot be rendered', async () => {
    const bad = { ...chineseOrder, orderNo: 'SO-BAD', receiver: { ...chineseOrder.receiver, name: '张𠀀' } };
    const err = await renderer
      .renderBatch({
        orders: [
          { order: chineseOrder, trackingNumber: 'DS1' },
          { order: bad, trackingNumber: 'DS2' },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'uncovered-character', character: '𠀀', field: 'receiver.name' });
    expect((err as Error).message).toMatch(/label 2 of 2 \(order SO-BAD\)/);
  });
});
