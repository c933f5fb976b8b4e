import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../src-main/domain';
import type { BarsItem, DisplayList, LabelTemplate, TextItem } from '../../../src-main/labels';
import { layoutLabel, parseTemplate } from '../../../src-main/labels';
import type { LabelFont } from '../../../src-main/labels/label-font';
import { loadLabelFont } from '../../../src-main/labels/label-font';
import { fitText } from '../../../src-main/labels/text-fit';
import { chineseOrder, latinOrder, thirtyLineOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir } from '../../helpers/paths';

let font: LabelFont;
let template: LabelTemplate;
const EPS = 1e-6;

beforeAll(() => {
  font = loadLabelFont(path.join(assetsDir, 'fonts', 'wqy-microhei.ttf'));
  template = parseTemplate(JSON.parse(readFileSync(path.join(assetsDir, 'templates', 'generic-100x150.json'), 'utf8')));
});

function layout(order: Order, dpi = 203, trackingNumber: string = trackingNumbers.chinese): DisplayList {
  return layoutLabel(template, { order, trackingNumber, now: new Date(2025, 10, 20, 9, 5) }, dpi, {
    font,
    imageSize: () => ({ width: 480, height: 144 }),
  });
}

function texts(list: DisplayList): TextItem[] {
  return list.items.filter((i): i is TextItem => i.kind === 'text');
}

function expectInsideBoxes(list: DisplayList): void {
  for (const t of texts(list)) {
    const { box } = t;
    const where = `"${t.text}" in box ${JSON.stringify(box)}`;
    expect(t.xMm, where).toBeGreaterThanOrEqual(box.xMm - EPS);
    expect(t.xMm + t.widthMm, where).toBeLessThanOrEqual(box.xMm + box.wMm + EPS);
    expect(t.baselineMm - font.ascentEm * t.sizeMm, where).toBeGreaterThanOrEqual(box.yMm - EPS);
    expect(t.baselineMm + font.descentEm * t.sizeMm, where).toBeLessThanOrEqual(box.yMm + box.hMm + EPS);
  }
}

const huge = '非常长的地址'.repeat(40) + ' Supercalifragilisticexpialidocious-Straße-'.repeat(10);
const overflowing: Order = {
  ...latinOrder,
  receiver: { ...latinOrder.receiver, name: 'Maximiliane Çelik-Øverbø '.repeat(8), address: huge },
  sender: { ...latinOrder.sender, address: huge },
  carrier: 'A carrier with an extraordinarily long marketing name that cannot fit',
  lines: [{ lineNo: 1, sku: 'X', name: '超长商品名称'.repeat(30), barcode: 'X', quantity: 12 }],
};

describe('layout', () => {
  it.each([
    ['Chinese', chineseOrder],
    ['Latin', latinOrder],
    ['30 lines', thirtyLineOrder],
    ['overflowing', overflowing],
  ])('keeps every line of the %s order inside its box', (_name, order) => {
    expectInsideBoxes(layout(order, 203));
    expectInsideBoxes(layout(order, 300));
  });

  it('shrinks and truncates text that is too long, with an ellipsis', () => {
    const list = texts(layout(overflowing));
    const address = list.filter((t) => t.elementId === 'receiver-address');
    expect(address.length).toBeGreaterThan(1);
    expect(address.at(-1)?.text.endsWith('…')).toBe(true);
    // Shrunk to the template's minimum (8 pt) before cutting.
    expect(address[0]?.sizePt).toBe(8);
    const item = list.find((t) => t.text.startsWith('超长'));
    expect(item?.text).toMatch(/… ×12$/);
  });

  it('wraps a Chinese address onto several lines at full size when it fits', () => {
    const address = texts(layout(chineseOrder)).filter((t) => t.elementId === 'receiver-address');
    expect(address.length).toBeGreaterThanOrEqual(2);
    expect(address.every((t) => t.sizePt === 11)).toBe(true);
    expect(address.map((t) => t.text).join('')).toContain('广东省 深圳市 南山区 粤海街道');
  });

  it('lists what fits of a 30-line order and says how many more', () => {
    const lines = texts(layout(thirtyLineOrder)).filter((t) => t.box.yMm === 102.5);
    const more = lines.at(-1)?.text ?? '';
    const n = Number(/\+(\d+) more/.exec(more)?.[1]);
    expect(more.startsWith('…')).toBe(true);
    expect(lines.length - 1 + n).toBe(30);
  });

  it('puts the Code 128 on whole dots: 3 at 203 dpi, 4 at 300, 9 at 600, quiet zones inside the box', () => {
    for (const [dpi, dots] of [
      [203, 3],
      [300, 4],
      [600, 9],
    ] as const) {
      const bars = layout(chineseOrder, dpi).items.find((i): i is BarsItem => i.kind === 'bars');
      expect(bars?.moduleDots).toBe(dots);
      expect(bars?.data).toBe(trackingNumbers.chinese);
      if (!bars) continue;
      const total = bars.pattern.reduce((a, b) => a + b, 0) * bars.moduleDots;
      const qz = 10 * bars.moduleDots;
      expect(bars.xDots - qz).toBeGreaterThanOrEqual(Math.floor((bars.box.xMm * dpi) / 25.4));
      expect(bars.xDots + total + qz).toBeLessThanOrEqual(Math.ceil(((bars.box.xMm + bars.box.wMm) * dpi) / 25.4));
      expect(bars.hMm).toBeCloseTo(15, 0);
    }
  });

  it('fitText never returns a line wider than the box', () => {
    for (const width of [3, 7, 20, 55]) {
      const fit = fitText(
        { text: huge, widthMm: width, heightMm: 12, fontSizeMm: 5, minFontSizeMm: 2.5, lineHeight: 1.2, wrap: true },
        font,
      );
      for (const l of fit.lines) expect(font.emWidth(l) * fit.fontSizeMm).toBeLessThanOrEqual(width + EPS);
      expect(fit.truncated).toBe(true);
    }
  });
});
