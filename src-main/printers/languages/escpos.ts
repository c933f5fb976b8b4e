import type { LabelRaster } from '../../labels';
import { ESC_INIT, builtBytes, escposBuilder } from './escpos-builder';
import type { EncodeInput, EncodeOptions, LanguageCapabilities, PrinterLanguage } from './language';
import { checkOptions } from './check-options';
import { PrinterEncodeError } from './printer-language-errors';
import { checkRaster, printBytes } from './raster-bytes';

const CAPABILITIES: LanguageCapabilities = {
  copies: false,
  darkness: false,
  speed: false,
  cut: true,
  text: true,
  status: true,
};

/** Rows per `GS v 0` band: taller images garble on many printers, whose buffers are small. */
export const MAX_BAND_ROWS = 256;

/** `GS v 0 m xL xH yL yH` for one band, m = 0 (normal density). */
function bandHeader(bytesPerRow: number, rows: number): Buffer {
  return Buffer.from([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
}

/** The raster as `GS v 0` bands of at most `maxRows` rows each (MSB left, 1 = black, as the raster already is). */
export function rasterBands(r: LabelRaster, maxRows = MAX_BAND_ROWS): Buffer[] {
  const bytes = printBytes(r);
  const bands: Buffer[] = [];
  for (let y = 0; y < r.height; y += maxRows) {
    const rows = Math.min(maxRows, r.height - y);
    const body = bytes.subarray(y * r.bytesPerRow, (y + rows) * r.bytesPerRow);
    bands.push(Buffer.concat([bandHeader(r.bytesPerRow, rows), body]));
  }
  return bands;
}

/**
 * ESC/POS raster: `ESC @`, the label in `GS v 0` bands of at most {@link MAX_BAND_ROWS} rows, then a cut when
 * asked. node-thermal-printer builds the buffer (init, cut); the bands are written here because the library's
 * image path takes an RGBA PNG, thresholds it again and sends it as one unbanded block.
 * @param options.maxBandRows - a smaller band for printers with tiny buffers (1-256)
 */
export function createEscposLanguage(options: { maxBandRows?: number } = {}): PrinterLanguage {
  const maxBandRows = options.maxBandRows ?? MAX_BAND_ROWS;
  if (!Number.isInteger(maxBandRows) || maxBandRows < 1 || maxBandRows > MAX_BAND_ROWS) {
    throw new PrinterEncodeError('escpos', `maxBandRows must be 1 to ${MAX_BAND_ROWS}, got ${maxBandRows}`);
  }
  return {
    name: 'escpos',
    capabilities: CAPABILITIES,
    encode(label: EncodeInput, encodeOptions?: EncodeOptions): Uint8Array {
      const opts = checkOptions('escpos', CAPABILITIES, encodeOptions);
      checkRaster('escpos', label.raster);
      if (label.raster.bytesPerRow > 0xffff) {
        throw new PrinterEncodeError('escpos', `a raster row of ${label.raster.bytesPerRow} bytes is too wide`);
      }
      const builder = escposBuilder();
      builder.add(ESC_INIT);
      builder.add(Buffer.concat(rasterBands(label.raster, maxBandRows)));
      // The library's cut feeds (ESC d 4, twice) so the label's end passes the blade, cuts (GS V 0) and re-initializes.
      if (opts.cut) builder.cut();
      return builtBytes(builder);
    },
  };
}

/** ESC/POS raster in bands of 256 rows. */
export const escpos: PrinterLanguage = createEscposLanguage();
