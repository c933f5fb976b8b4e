import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelRenderer } from '../../../src-main/labels';
import { LabelError, createLabelRenderer } from '../../../src-main/labels';
import { chineseOrder, latinOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir } from '../../helpers/paths';

let renderer: LabelRenderer;

beforeAll(() => {
  renderer = createLabelRenderer({ assetsDir, now: () => new Date(2025, 10, 20, 9, 5) });
});

async function errorOf(p: Promise<unknown>): Promise<LabelError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabelError);
  return err as LabelError;
}

describe('render', () => {
  it.each([203, 300, 600])('makes a raster of round(mm * %i / 25.4) dots, 1 bit per dot', async (dpi) => {
    const label = await renderer.render({ order: chineseOrder, trackingNumber: trackingNumbers.chinese, dpi });
    const { raster } = label;
    expect(raster.width).toBe(Math.round((100 * dpi) / 25.4));
    expect(raster.height).toBe(Math.round((150 * dpi) / 25.4));
    expect(raster.dpi).toBe(dpi);
    expect(raster.bytesPerRow).toBe(Math.ceil(raster.width / 8));
    expect(raster.data.length).toBe(raster.bytesPerRow * raster.height);
    const black = raster.data.reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0);
    expect(black / (raster.width * raster.height)).toBeGreaterThan(0.03);
    expect(black / (raster.width * raster.height)).toBeLessThan(0.4);
    expect([...label.png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('makes a one-page PDF whose MediaBox is 100x150 mm within 0.1 pt', async () => {
    const label = await renderer.render({ order: latinOrder, trackingNumber: trackingNumbers.latin, dpi: 203 });
    expect(label).toMatchObject({ template: 'generic-100x150', widthMm: 100, heightMm: 150 });
    const doc = await PDFDocument.load(label.pdf);
    expect(doc.getPageCount()).toBe(1);
    const box = doc.getPage(0).getMediaBox();
    expect(box.x).toBe(0);
    expect(box.y).toBe(0);
    expect(Math.abs(box.width - (100 * 72) / 25.4)).toBeLessThan(0.1);
    expect(Math.abs(box.height - (150 * 72) / 25.4)).toBeLessThan(0.1);
    expect(label.pdf.length).toBeLessThan(200_000);
  });

  it('names the character and the field the font does not cover', async () => {
    const order = { ...chineseOrder, receiver: { ...chineseOrder.receiver, address: '科技园𠀀号' } };
    const err = await errorOf(renderer.render({ order, trackingNumber: trackingNumbers.chinese, dpi: 203 }));
    expect(err.code).toBe('uncovered-character');
    expect(err.character).toBe('𠀀');
    expect(err.field).toBe('receiver.address');
    expect(err.message).toContain('"𠀀"');
    expect(err.message).toContain('U+20000');
    expect(err.message).toContain('receiver.address');
  });

  it('checks item names and emoji too', async () => {
    const order = {
      ...latinOrder,
      lines: [...latinOrder.lines, { lineNo: 3, sku: 'E', name: 'Gift 🎁', barcode: 'E', quantity: 1 }],
    };
    const err = await errorOf(renderer.render({ order, trackingNumber: trackingNumbers.latin, dpi: 203 }));
    expect(err).toMatchObject({ code: 'uncovered-character', character: '🎁', field: 'lines[2].name' });
  });

  it('refuses a tracking number Code 128 cannot carry', async () => {
    const err = await errorOf(renderer.render({ order: latinOrder, trackingNumber: '运单12345', dpi: 203 }));
    expect(err.code).toBe('barcode');
  });
});
