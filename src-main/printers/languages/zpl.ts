import type { EncodeInput, EncodeOptions, LanguageCapabilities, PrinterLanguage } from './language';
import { checkOptions } from './check-options';
import { PrinterEncodeError } from './printer-language-errors';
import { ascii, checkRaster, printBytes } from './raster-bytes';
import { z64 } from './z64';

/** How the ^GFA graphic is written: Z64 (compressed, the default) or plain ASCII hex (2 characters a byte). */
export type ZplGraphicEncoding = 'z64' | 'hex';

const CAPABILITIES: LanguageCapabilities = {
  copies: true,
  darkness: true,
  speed: true,
  cut: false,
  text: false,
  status: true,
};

/**
 * ZPL II (Zebra and its clones): the whole label as one ^GFA graphic at the origin, sized with ^PW/^LL.
 *
 * Darkness goes out as `~SD` (absolute 0-30) rather than `^MD` (relative to the stored setting), so the same
 * profile prints the same on a printer whose stored darkness someone changed. Speed is `^PR` in inches/second.
 */
export function createZplLanguage(options: { graphics?: ZplGraphicEncoding } = {}): PrinterLanguage {
  const graphics = options.graphics ?? 'z64';
  return {
    name: 'zpl',
    capabilities: CAPABILITIES,
    encode(label: EncodeInput, encodeOptions?: EncodeOptions): Uint8Array {
      const opts = checkOptions('zpl', CAPABILITIES, encodeOptions);
      if (opts.speed !== undefined && !Number.isInteger(opts.speed)) {
        throw new PrinterEncodeError('zpl', `^PR takes whole inches per second, got ${opts.speed}`);
      }
      const r = label.raster;
      checkRaster('zpl', r);
      const bytes = printBytes(r);
      const data = graphics === 'z64' ? z64(bytes) : Buffer.from(bytes).toString('hex').toUpperCase();
      const lines: string[] = [];
      // ~SD is a tilde command: it takes effect when received, so it goes before the format.
      if (opts.darkness !== undefined) lines.push(`~SD${String(opts.darkness).padStart(2, '0')}`);
      lines.push('^XA', `^PW${r.width}`, `^LL${r.height}`, '^LH0,0');
      if (opts.speed !== undefined) lines.push(`^PR${opts.speed}`);
      lines.push(`^FO0,0^GFA,${bytes.length},${bytes.length},${r.bytesPerRow},${data}^FS`);
      lines.push(`^PQ${opts.copies}`, '^XZ', '');
      return ascii(lines.join('\n'));
    },
  };
}

/** ZPL with Z64 graphics. */
export const zpl: PrinterLanguage = createZplLanguage();
