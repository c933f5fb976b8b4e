import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRaster, LabelRenderer, RenderedLabel } from '../../../src-main/labels';
import { createLabelRenderer } from '../../../src-main/labels';
import { encodeRasterPng } from '../../../src-main/labels/png-encode';
import type { EncodeInput } from '../../../src-main/printers';
import { createZplLanguage, epl, escpos, tspl } from '../../../src-main/printers';
import { chineseOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir } from '../../helpers/paths';
import { decodeEpl, decodeEscpos, decodeTspl, decodeZpl, differingDots } from '../../helpers/printer-decoders';

// Real labels (CJK orders on the generic 100×150 and the Chinese 76×130 waybill, at 203 and 300 dpi) encoded in
// every raster language, decoded back by independent decoders, compared dot for dot with what was rendered, then
// written as PNG and scanned with zbarimg: the Code 128 must read exactly the tracking number.

const run = promisify(execFile);
const TRACKING = trackingNumbers.chinese;
let dir: string;
let renderer: LabelRenderer;
const labels = new Map<string, Promise<RenderedLabel>>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dockside-printers-'));
  renderer = createLabelRenderer({ assetsDir, now: () => new Date(2025, 10, 20, 9, 5) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Each template and dpi is rendered once and shared by the languages. */
function label(template: string, dpi: number): Promise<RenderedLabel> {
  const key = `${template}@${dpi}`;
  let pending = labels.get(key);
  if (!pending) {
    pending = renderer.render({ order: chineseOrder, trackingNumber: TRACKING, template, dpi });
    labels.set(key, pending);
  }
  return pending;
}

/** The Code 128 symbols zbarimg finds in a PNG (QR codes on the label are left out: they hold other data). */
async function code128In(png: string): Promise<string[]> {
  const { stdout } = await run('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Scode128.enable', png]);
  return stdout.split('\n').filter((line) => line !== '');
}

type RoundTrip = (input: EncodeInput) => LabelRaster;
const zplHex = createZplLanguage({ graphics: 'hex' });
const languages: Array<[string, RoundTrip]> = [
  ['zpl-z64', (i) => decodeZpl(createZplLanguage().encode(i), i.raster.dpi).raster],
  ['zpl-hex', (i) => decodeZpl(zplHex.encode(i), i.raster.dpi).raster],
  ['tspl', (i) => decodeTspl(tspl.encode(i), i.raster.dpi).raster],
  [
    'tspl-1-is-black',
    (i) => decodeTspl(tspl.encode(i, { invertBitmap: true }), i.raster.dpi, { oneIsBlack: true }).raster,
  ],
  ['epl', (i) => decodeEpl(epl.encode(i), i.raster.dpi).raster],
  ['escpos', (i) => decodeEscpos(escpos.encode(i), i.raster.width, i.raster.dpi).raster],
];

const cases = ['generic-100x150', 'cn-76x130'].flatMap((template) =>
  [203, 300].flatMap((dpi) => languages.map(([name, roundTrip]) => [template, dpi, name, roundTrip] as const)),
);

describe('printer languages round-trip real labels', () => {
  it.each(cases)(
    '%s at %i dpi through %s: same dots, barcode reads the tracking number',
    async (template, dpi, name, roundTrip) => {
      const rendered = await label(template, dpi);
      const input: EncodeInput = {
        raster: rendered.raster,
        pdf: rendered.pdf,
        widthMm: rendered.widthMm,
        heightMm: rendered.heightMm,
      };
      const decoded = roundTrip(input);
      expect(decoded.width).toBe(rendered.raster.width);
      expect(decoded.height).toBe(rendered.raster.height);
      // The label has ink (a blank decode would trivially "match" a blank render).
      expect(rendered.raster.data.some((b) => b !== 0)).toBe(true);
      expect(differingDots(decoded, rendered.raster)).toBe(0);

      const png = path.join(dir, `${template}-${dpi}-${name}.png`);
      await writeFile(png, encodeRasterPng(decoded));
      expect([...new Set(await code128In(png))]).toEqual([TRACKING]);
    },
  );
});
