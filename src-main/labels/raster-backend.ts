import { blankRaster, clearDots, fillDots } from './bit-raster';
import type { DisplayList, TextItem } from './display-list';
import type { GlyphCache } from './glyph-cache';
import type { ImageAsset } from './image-asset';
import { ditheredMask } from './image-asset';
import type { LabelRaster } from './types';
import { mmToDots, mmToDotsExact } from './units';

/** Reusable per-renderer raster state: the glyph masks of the label font. */
export interface RasterContext {
  glyphs: GlyphCache;
  /** Advance width of one character in ems (the layout's measure). */
  emWidth(character: string): number;
}

function drawText(r: LabelRaster, t: TextItem, ctx: RasterContext): void {
  const sizePx = mmToDotsExact(t.sizeMm, r.dpi);
  const startX = mmToDotsExact(t.xMm, r.dpi);
  const baseline = Math.round(mmToDotsExact(t.baselineMm, r.dpi));
  // Clip to the text's box: the layout keeps advances inside it; this also holds any overhanging ink.
  const clipX0 = Math.max(0, Math.floor(mmToDotsExact(t.box.xMm, r.dpi)));
  const clipX1 = Math.min(r.width, Math.ceil(mmToDotsExact(t.box.xMm + t.box.wMm, r.dpi)));
  const clipY0 = Math.max(0, Math.floor(mmToDotsExact(t.box.yMm, r.dpi)));
  const clipY1 = Math.min(r.height, Math.ceil(mmToDotsExact(t.box.yMm + t.box.hMm, r.dpi)));
  const white = t.white === true;
  let advanceEm = 0;
  for (const ch of t.text) {
    const mask = ctx.glyphs.get(ch, sizePx);
    // Each pen position is rounded from the exact sum, so rounding never accumulates along the line.
    const penX = Math.round(startX + advanceEm * sizePx);
    advanceEm += ctx.emWidth(ch);
    for (let y = 0; y < mask.height; y++) {
      const ry = baseline + mask.top + y;
      if (ry < clipY0 || ry >= clipY1) continue;
      const rowOut = ry * r.bytesPerRow;
      const rowIn = y * mask.width;
      for (let x = 0; x < mask.width; x++) {
        if (mask.bits[rowIn + x] === 0) continue;
        const rx = penX + mask.left + x;
        if (rx < clipX0 || rx >= clipX1) continue;
        const k = rowOut + (rx >> 3);
        if (white) r.data[k] = (r.data[k] ?? 0) & ~(0x80 >> (rx & 7));
        else r.data[k] = (r.data[k] ?? 0) | (0x80 >> (rx & 7));
      }
    }
  }
}

/**
 * The raster back end: draws a display list as a 1-bit raster at the list's dpi. Text glyphs are drawn by
 * @napi-rs/canvas with the label font and thresholded (cached per size, placed at whole-dot pen positions);
 * rules, boxes and barcode bars are set directly on whole dots; images are dithered.
 */
export function rasterize(list: DisplayList, ctx: RasterContext, images: ReadonlyMap<string, ImageAsset>): LabelRaster {
  const { dpi } = list;
  const r = blankRaster(mmToDots(list.widthMm, dpi), mmToDots(list.heightMm, dpi), dpi);
  for (const item of list.items) {
    switch (item.kind) {
      case 'text':
        drawText(r, item, ctx);
        break;
      case 'rect': {
        const x0 = mmToDots(item.xMm, dpi);
        const y0 = mmToDots(item.yMm, dpi);
        const x1 = Math.max(x0 + 1, mmToDots(item.xMm + item.wMm, dpi));
        const y1 = Math.max(y0 + 1, mmToDots(item.yMm + item.hMm, dpi));
        if (item.white) clearDots(r, x0, y0, x1, y1);
        else fillDots(r, x0, y0, x1, y1);
        break;
      }
      case 'matrix': {
        // Every cell is moduleDots × rowDots whole dots: the 2D code is drawn, never scaled.
        for (let row = 0; row < item.rows; row++) {
          const y0 = item.yDots + row * item.rowDots;
          for (let col = 0; col < item.cols; col++) {
            if (item.bits[row * item.cols + col] !== 1) continue;
            const x0 = item.xDots + col * item.moduleDots;
            fillDots(r, x0, y0, x0 + item.moduleDots, y0 + item.rowDots);
          }
        }
        break;
      }
      case 'bars': {
        const y0 = mmToDots(item.yMm, dpi);
        const y1 = mmToDots(item.yMm + item.hMm, dpi);
        let x = item.xDots;
        item.pattern.forEach((modules, i) => {
          const w = modules * item.moduleDots;
          if (i % 2 === 0) fillDots(r, x, y0, x + w, y1);
          x += w;
        });
        break;
      }
      case 'image': {
        const asset = images.get(item.src);
        if (!asset) break;
        const x0 = mmToDots(item.xMm, dpi);
        const y0 = mmToDots(item.yMm, dpi);
        const w = Math.max(1, mmToDots(item.xMm + item.wMm, dpi) - x0);
        const h = Math.max(1, mmToDots(item.yMm + item.hMm, dpi) - y0);
        const mask = ditheredMask(asset, w, h);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            if (mask.bits[y * w + x]) fillDots(r, x0 + x, y0 + y, x0 + x + 1, y0 + y + 1);
          }
        }
        break;
      }
    }
  }
  return r;
}
