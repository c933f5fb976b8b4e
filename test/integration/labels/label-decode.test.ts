import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../src-main/domain';
import type { LabelRenderer } from '../../../src-main/labels';
import { createLabelRenderer } from '../../../src-main/labels';
import { chineseOrder, latinOrder, thirtyLineOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir } from '../../helpers/paths';

const run = promisify(execFile);
let dir: string;
let renderer: LabelRenderer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dockside-labels-'));
  renderer = createLabelRenderer({ assetsDir });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Decodes every barcode zbar finds in an image (one per line). */
async function zbar(file: string): Promise<string[]> {
  const { stdout } = await run('zbarimg', ['--raw', '-q', file]);
  return stdout.split('\n').filter((l) => l !== '');
}

const cases: Array<[string, number, Order, string]> = [
  ['chinese', 203, chineseOrder, trackingNumbers.chinese],
  ['chinese', 300, chineseOrder, trackingNumbers.chinese],
  ['latin', 203, latinOrder, trackingNumbers.latin],
  ['latin', 300, latinOrder, trackingNumbers.latin],
  ['thirty', 203, thirtyLineOrder, trackingNumbers.thirtyLines],
];

describe('labels decode with zbar', () => {
  it.each(cases)(
    '%s order at %i dpi: the PNG and the PDF (pdftoppm -r 203) decode to the tracking number',
    async (name, dpi, order, tracking) => {
      const label = await renderer.render({ order, trackingNumber: tracking, dpi });
      const png = path.join(dir, `${name}-${dpi}.png`);
      const pdf = path.join(dir, `${name}-${dpi}.pdf`);
      await writeFile(png, label.png);
      await writeFile(pdf, label.pdf);

      expect(await zbar(png)).toEqual([tracking]);

      const prefix = path.join(dir, `${name}-${dpi}-pdf`);
      await run('pdftoppm', ['-r', '203', '-png', pdf, prefix]);
      const pages = (await readdir(dir)).filter((f) => f.startsWith(`${name}-${dpi}-pdf`) && f.endsWith('.png'));
      expect(pages).toHaveLength(1);
      expect(await zbar(path.join(dir, pages[0] ?? ''))).toEqual([tracking]);
    },
  );

  it('embeds the label font as a subset (pdffonts shows an ABCDEF+ name, emb yes, sub yes)', async () => {
    const label = await renderer.render({ order: chineseOrder, trackingNumber: trackingNumbers.chinese, dpi: 203 });
    const pdf = path.join(dir, 'fonts.pdf');
    await writeFile(pdf, label.pdf);
    const { stdout } = await run('pdffonts', [pdf]);
    const rows = stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows).toHaveLength(1);
    const [fontName, ...rest] = rows[0]?.trim().split(/\s+/) ?? [];
    expect(fontName).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    // type "CID TrueType", encoding, then emb / sub / uni columns.
    expect(rest.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    expect(label.pdf.length).toBeLessThan(100_000);
  });

  it('renders the same PDF and raster twice (deterministic, cached font)', async () => {
    const fixed = createLabelRenderer({ assetsDir, now: () => new Date(2025, 0, 2, 3, 4) });
    const a = await fixed.render({ order: latinOrder, trackingNumber: trackingNumbers.latin, dpi: 203 });
    const b = await fixed.render({ order: latinOrder, trackingNumber: trackingNumbers.latin, dpi: 203 });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(Buffer.from(a.raster.data).equals(Buffer.from(b.raster.data))).toBe(true);
  });
});
