import path from 'node:path';
import type { BoxMm, DisplayList, LabelRaster, LabelTemplate, TextItem } from '../../src-main/labels';
import { layoutLabel } from '../../src-main/labels';
import type { LabelFont } from '../../src-main/labels/label-font';
import { loadLabelFont } from '../../src-main/labels/label-font';
import type { Order } from '../../src-main/domain';
import { assetsDir } from './paths';

const EPS = 1e-6;
let font: LabelFont | undefined;

/** The shipped label font, parsed once per test process. */
export function labelFont(): LabelFont {
  font ??= loadLabelFont(path.join(assetsDir, 'fonts', 'wqy-microhei.ttf'));
  return font;
}

/** Lays out a label the way the renderer does (images measured as the shipped logo's 480×144). */
export function layoutFor(
  template: LabelTemplate,
  order: Order,
  trackingNumber: string,
  dpi = 203,
  now = new Date(2025, 10, 20, 9, 5),
): DisplayList {
  return layoutLabel(template, { order, trackingNumber, now }, dpi, {
    font: labelFont(),
    imageSize: () => ({ width: 480, height: 144 }),
  });
}

/** Every text line whose measured extent leaves its element box, described (empty when all fit). */
export function textOutsideBoxes(list: DisplayList): string[] {
  const f = labelFont();
  const problems: string[] = [];
  for (const t of list.items.filter((i): i is TextItem => i.kind === 'text')) {
    const { box } = t;
    const width = f.emWidth(t.text) * t.sizeMm;
    const top = t.baselineMm - f.ascentEm * t.sizeMm;
    const bottom = t.baselineMm + f.descentEm * t.sizeMm;
    if (
      t.xMm < box.xMm - EPS ||
      t.xMm + width > box.xMm + box.wMm + EPS ||
      top < box.yMm - EPS ||
      bottom > box.yMm + box.hMm + EPS
    ) {
      problems.push(`${t.elementId}: "${t.text}" (${width.toFixed(2)} mm) leaves ${JSON.stringify(box)}`);
    }
  }
  return problems;
}

/** Elements that show a truncation marker ("…") without a warning for them (empty when every cut is reported). */
export function cutsWithoutWarning(list: DisplayList): string[] {
  const warned = new Set(list.warnings.map((w) => w.elementId));
  const cut = new Set(
    list.items.filter((i): i is TextItem => i.kind === 'text' && i.text.includes('…')).map((t) => t.elementId),
  );
  return [...cut].filter((id) => !warned.has(id));
}

/**
 * What zbarimg prints for a whole label: each distinct symbol once (zbar merges a symbol repeated in one image;
 * Code 128 and GS1-128 are both CODE-128 to it), sorted.
 */
export function distinctDecodes(list: DisplayList): string[] {
  const seen = new Map<string, string>();
  for (const code of barcodesOf(list)) seen.set(`${code.family}|${code.expected}`, code.expected);
  return [...seen.values()].sort();
}

/**
 * What zbarimg --raw prints for each barcode of a label: the data, GS1-128 without the AI parentheses (zbar
 * drops the leading FNC1 and shows a separating FNC1 as GS).
 */
export function expectedDecodes(list: DisplayList): string[] {
  return list.items
    .flatMap((i) => (i.kind === 'bars' || i.kind === 'matrix' ? [i] : []))
    .map((i) => (i.symbology === 'gs1-128' ? i.data.replace(/\((\d{2,4})\)/g, '$1') : i.data))
    .sort();
}

/** The dots of `r` inside `box` (mm) grown by `marginMm` on every side, clipped to the label. */
export function cropRaster(r: LabelRaster, box: BoxMm, marginMm = 1): LabelRaster {
  const toDots = (mm: number): number => Math.round((mm * r.dpi) / 25.4);
  const x0 = Math.max(0, toDots(box.xMm - marginMm));
  const y0 = Math.max(0, toDots(box.yMm - marginMm));
  const x1 = Math.min(r.width, toDots(box.xMm + box.wMm + marginMm));
  const y1 = Math.min(r.height, toDots(box.yMm + box.hMm + marginMm));
  const width = x1 - x0;
  const height = y1 - y0;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x0 + x;
      const bit = ((r.data[(y0 + y) * r.bytesPerRow + (sx >> 3)] ?? 0) >> (7 - (sx & 7))) & 1;
      if (bit) data[y * bytesPerRow + (x >> 3)] = (data[y * bytesPerRow + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { width, height, dpi: r.dpi, bytesPerRow, data };
}

/** Each barcode of a display list: its element, its box and what zbarimg --raw prints for it. */
export function barcodesOf(
  list: DisplayList,
): Array<{ elementId: string; box: BoxMm; expected: string; family: string }> {
  return list.items.flatMap((i) =>
    i.kind === 'bars' || i.kind === 'matrix'
      ? [
          {
            elementId: i.elementId,
            box: i.box,
            family: i.kind === 'bars' ? 'code128' : i.symbology,
            expected: i.symbology === 'gs1-128' ? i.data.replace(/\((\d{2,4})\)/g, '$1') : i.data,
          },
        ]
      : [],
  );
}

export { encodeRasterPng } from '../../src-main/labels/png-encode';
