import type { PrinterLanguage } from '../../src-main/printers';
import type { LabelRaster } from '../../src-main/labels';

/**
 * A small, real ZPL encoder for the print-path tests: the whole label as one `^GFA` hex graphic. It stands in for
 * the station's full encoders where a test is about delivery, not about encoding.
 */
export const minimalZpl: PrinterLanguage = {
  name: 'zpl',
  capabilities: { copies: false, darkness: false, speed: false, cut: false, text: false, status: true },
  encode({ raster }) {
    const total = raster.bytesPerRow * raster.height;
    const hex = Buffer.from(raster.data).toString('hex').toUpperCase();
    return Buffer.from(
      `^XA^PW${raster.width}^LL${raster.height}^FO0,0^GFA,${total},${total},${raster.bytesPerRow},${hex}^FS^XZ`,
      'latin1',
    );
  },
};

/** A blank raster of `width` x `height` dots with a black first row, at `dpi`. */
export function testRaster(width = 64, height = 32, dpi = 203): LabelRaster {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  data.fill(0xff, 0, bytesPerRow);
  return { width, height, dpi, bytesPerRow, data };
}
