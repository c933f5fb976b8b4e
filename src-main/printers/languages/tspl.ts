import type { EncodeInput, EncodeOptions, LanguageCapabilities, PrinterLanguage } from './language';
import { checkOptions } from './check-options';
import { ascii, checkRaster, concatBytes, mmText, printBytes } from './raster-bytes';

const CAPABILITIES: LanguageCapabilities = {
  copies: true,
  darkness: true,
  speed: true,
  cut: false,
  text: false,
  status: true,
  invertBitmap: true,
};

/** The gap between die-cut labels most stock has; `GAP 0,0` would mean continuous media. */
const GAP = 'GAP 2 mm,0 mm';

/**
 * TSPL/TSPL2 (TSC and most Chinese label printers): the label as one BITMAP at the origin. Every job sends SIZE,
 * GAP, DIRECTION, REFERENCE, DENSITY (when set) and CLS, because a printer keeps whatever the previous job left.
 *
 * BITMAP polarity: TSC's manual says a 0 bit prints black, the reverse of our raster, so bits are inverted; a
 * profile whose model prints a 1 bit black sets `invertBitmap` and the raster goes out as is. Darkness 0-30 maps to
 * DENSITY 0-15 (half, rounded).
 */
export const tspl: PrinterLanguage = {
  name: 'tspl',
  capabilities: CAPABILITIES,
  encode(label: EncodeInput, encodeOptions?: EncodeOptions): Uint8Array {
    const opts = checkOptions('tspl', CAPABILITIES, encodeOptions);
    const r = label.raster;
    checkRaster('tspl', r);
    const lines = [
      `SIZE ${mmText(label.widthMm)} mm,${mmText(label.heightMm)} mm`,
      GAP,
      'DIRECTION 1,0',
      'REFERENCE 0,0',
    ];
    if (opts.darkness !== undefined) lines.push(`DENSITY ${Math.round(opts.darkness / 2)}`);
    if (opts.speed !== undefined) lines.push(`SPEED ${opts.speed}`);
    lines.push('CLS', `BITMAP 0,0,${r.bytesPerRow},${r.height},0,`);
    return concatBytes([
      ascii(lines.join('\r\n')),
      printBytes(r, !opts.invertBitmap),
      ascii(`\r\nPRINT 1,${opts.copies}\r\n`),
    ]);
  },
};
