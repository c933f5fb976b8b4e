import type { LabelRaster } from './types';

/** A blank (white) 1-bit raster. */
export function blankRaster(width: number, height: number, dpi: number): LabelRaster {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, dpi, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

/** Sets dots `[x0, x1)` × `[y0, y1)` black, clipped to the raster. */
export function fillDots(r: LabelRaster, x0: number, y0: number, x1: number, y1: number): void {
  const xa = Math.max(0, x0);
  const xb = Math.min(r.width, x1);
  const ya = Math.max(0, y0);
  const yb = Math.min(r.height, y1);
  if (xa >= xb || ya >= yb) return;
  for (let y = ya; y < yb; y++) {
    const row = y * r.bytesPerRow;
    for (let x = xa; x < xb; x++) {
      const k = row + (x >> 3);
      r.data[k] = (r.data[k] ?? 0) | (0x80 >> (x & 7));
    }
  }
}

/** Whether the dot at (x, y) is black. */
export function dotAt(r: LabelRaster, x: number, y: number): boolean {
  return (((r.data[y * r.bytesPerRow + (x >> 3)] ?? 0) << (x & 7)) & 0x80) !== 0;
}

/** Sets dots `[x0, x1)` × `[y0, y1)` white, clipped to the raster. */
export function clearDots(r: LabelRaster, x0: number, y0: number, x1: number, y1: number): void {
  const xa = Math.max(0, x0);
  const xb = Math.min(r.width, x1);
  const ya = Math.max(0, y0);
  const yb = Math.min(r.height, y1);
  for (let y = ya; y < yb; y++) {
    const row = y * r.bytesPerRow;
    for (let x = xa; x < xb; x++) {
      const k = row + (x >> 3);
      r.data[k] = (r.data[k] ?? 0) & ~(0x80 >> (x & 7));
    }
  }
}
