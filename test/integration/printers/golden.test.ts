import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelTemplateInput, RenderedLabel } from '../../../src-main/labels';
import { createLabelRenderer, parseTemplate } from '../../../src-main/labels';
import type { EncodeOptions, PrinterLanguage } from '../../../src-main/printers';
import { epl, escpos, pdf, tspl, zpl } from '../../../src-main/printers';
import { chineseOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir, repoRoot } from '../../helpers/paths';

// Golden bytes: a small deterministic label (50×30 mm at 203 dpi, CJK and Latin text and a Code 128, fixed print
// time) encoded in each language must equal the file in test/fixtures/printers byte for byte, so any change to what
// a printer receives shows up in review. After an intended change, regenerate and review the diff:
//   DOCKSIDE_UPDATE_GOLDEN=1 npx vitest run test/integration/printers/golden.test.ts

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'printers');
const UPDATE = process.env.DOCKSIDE_UPDATE_GOLDEN === '1';

const SMALL: LabelTemplateInput = {
  version: 1,
  name: 'golden-50x30',
  description: 'Small label for the printer-language golden files',
  widthMm: 50,
  heightMm: 30,
  elements: [
    { type: 'text', id: 'city', x: 2, y: 1.5, w: 46, h: 6, value: '上海 {receiver.city}', fontSize: 10 },
    {
      type: 'barcode',
      id: 'code',
      symbology: 'code128',
      x: 2,
      y: 9,
      w: 46,
      h: 12,
      value: '{trackingNumber}',
      moduleMm: 0.25,
      minModuleDots: 2,
    },
    { type: 'text', id: 'number', x: 2, y: 23, w: 46, h: 5, value: '{trackingNumber}', fontSize: 8, align: 'center' },
  ],
};

const cases: Array<[string, PrinterLanguage, EncodeOptions]> = [
  ['small.zpl', zpl, { copies: 2, darkness: 15, speed: 4 }],
  ['small.tspl', tspl, { copies: 2, darkness: 16, speed: 4 }],
  ['small.epl', epl, { copies: 2, darkness: 16, speed: 4 }],
  ['small.escpos', escpos, { cut: true }],
  ['small.pdf', pdf, {}],
];

let label: RenderedLabel;
beforeAll(async () => {
  const renderer = createLabelRenderer({ assetsDir, now: () => new Date(2025, 0, 2, 3, 4) });
  label = await renderer.render({
    order: chineseOrder,
    trackingNumber: trackingNumbers.chinese,
    template: parseTemplate(SMALL),
    dpi: 203,
  });
});

describe('printer language golden files', () => {
  it.each(cases)('%s matches byte for byte', (file, language, options) => {
    const bytes = Buffer.from(language.encode(label, options));
    const target = path.join(FIXTURES, file);
    if (UPDATE || !existsSync(target)) {
      if (!UPDATE) throw new Error(`${target} is missing; run with DOCKSIDE_UPDATE_GOLDEN=1 to create it`);
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(target, bytes);
    }
    const golden = readFileSync(target);
    expect(bytes.length).toBe(golden.length);
    expect(bytes.equals(golden)).toBe(true);
  });
});
