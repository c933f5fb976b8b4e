import type { LabelRaster } from '../../labels';
import { PrinterEncodeError } from './printer-language-errors';
import type { LanguageName } from './language';

/** The largest raster side any language here accepts (ZPL ^PW/^LL and TSPL stop at 32000 dots). */
const MAX_DOTS = 32_000;

/**
 * Checks that a raster is what {@link LabelRaster} promises (sizes agree with the data), so a malformed one is
 * refused with a clear message instead of sending a printer a graphic of the wrong length.
 * @throws PrinterEncodeError naming the language and the inconsistency
 */
export function checkRaster(language: LanguageName, r: LabelRaster): void {
  const fail = (what: string): never => {
    throw new PrinterEncodeError(language, `the label raster is malformed: ${what}`);
  };
  if (!Number.isInteger(r.width) || r.width < 1 || r.width > MAX_DOTS) fail(`width ${r.width} dots`);
  if (!Number.isInteger(r.height) || r.height < 1 || r.height > MAX_DOTS) fail(`height ${r.height} dots`);
  if (r.bytesPerRow !== Math.ceil(r.width / 8)) {
    fail(`${r.bytesPerRow} bytes per row for ${r.width} dots (expected ${Math.ceil(r.width / 8)})`);
  }
  if (r.data.length !== r.bytesPerRow * r.height) {
    fail(`${r.data.length} data bytes, expected ${r.bytesPerRow} × ${r.height} = ${r.bytesPerRow * r.height}`);
  }
}

/**
 * The raster's bytes, 1 = black, with the padding bits at the end of each row forced white: the padding is
 * outside the label, and a stray bit there would print a dot at the edge.
 * @param invert - flip every bit (for languages where a 0 bit prints black); padding stays white either way
 */
export function printBytes(r: LabelRaster, invert = false): Uint8Array {
  const out = new Uint8Array(r.data);
  const padBits = r.bytesPerRow * 8 - r.width;
  const keep = padBits > 0 ? (0xff << padBits) & 0xff : 0xff;
  if (invert) {
    for (let i = 0; i < out.length; i++) out[i] = ~out[i]! & 0xff;
  }
  if (padBits > 0) {
    for (let row = r.bytesPerRow - 1; row < out.length; row += r.bytesPerRow) {
      // White is 0 in the raster's polarity and 1 once inverted.
      out[row] = invert ? out[row]! | (~keep & 0xff) : out[row]! & keep;
    }
  }
  return out;
}

/** ASCII text as bytes (commands are ASCII; anything else is a bug caught by the tests). */
export function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/** Joins byte chunks into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  // A Buffer is a Uint8Array; no second copy.
  return Buffer.concat(parts);
}

/** A millimetre size for a command line: at most 2 decimals, no trailing zeros (`100`, `76.5`). */
export function mmText(mm: number): string {
  return String(Math.round(mm * 100) / 100);
}
