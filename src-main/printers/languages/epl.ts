import type { EncodeInput, EncodeOptions, LanguageCapabilities, PrinterLanguage } from './language';
import { checkOptions } from './check-options';
import { PrinterEncodeError } from './printer-language-errors';
import { ascii, checkRaster, concatBytes, printBytes } from './raster-bytes';

const CAPABILITIES: LanguageCapabilities = {
  copies: true,
  darkness: true,
  speed: true,
  cut: false,
  text: false,
  status: false,
};

/** The gap between labels in mm, sent with `Q` (converted to dots at the raster's dpi). */
const GAP_MM = 3;

/**
 * EPL2 (older Zebra/Eltron desktops, and the EPL mode of many clones): the label as one GW graphic. In GW data a
 * 0 bit prints black, so bits are inverted. Darkness 0-30 maps to `D` 0-15; speed goes out as `S` with whole
 * inches per second (1-6), which is what the GK/GX series document (older LP/TLP models number speeds differently).
 * A line feed comes first so a half-sent previous command cannot swallow `N`.
 */
export const epl: PrinterLanguage = {
  name: 'epl',
  capabilities: CAPABILITIES,
  encode(label: EncodeInput, encodeOptions?: EncodeOptions): Uint8Array {
    const opts = checkOptions('epl', CAPABILITIES, encodeOptions);
    if (opts.speed !== undefined && (!Number.isInteger(opts.speed) || opts.speed > 6)) {
      throw new PrinterEncodeError('epl', `S takes whole inches per second from 1 to 6, got ${opts.speed}`);
    }
    const r = label.raster;
    checkRaster('epl', r);
    const gapDots = Math.round((GAP_MM * r.dpi) / 25.4);
    const lines = ['', 'N', `q${r.width}`, `Q${r.height},${gapDots}`];
    if (opts.darkness !== undefined) lines.push(`D${Math.round(opts.darkness / 2)}`);
    if (opts.speed !== undefined) lines.push(`S${opts.speed}`);
    lines.push(`GW0,0,${r.bytesPerRow},${r.height},`);
    return concatBytes([ascii(lines.join('\n')), printBytes(r, true), ascii(`\nP${opts.copies}\n`)]);
  },
};
