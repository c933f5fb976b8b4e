import { epl } from './epl';
import { escpos } from './escpos';
import type { LanguageName, PrinterLanguage } from './language';
import { pdf } from './pdf';
import { UnknownPrinterLanguageError } from './printer-language-errors';
import { tspl } from './tspl';
import { zpl } from './zpl';

export type { EncodeInput, EncodeOptions, LanguageCapabilities, LanguageName, PrinterLanguage } from './language';
export {
  PrinterCapabilityError,
  PrinterEncodeError,
  UnknownPrinterLanguageError,
  type CapabilityOption,
} from './printer-language-errors';
export { MAX_COPIES } from './check-options';
export { createZplLanguage, type ZplGraphicEncoding } from './zpl';
export { crc16Xmodem, z64 } from './z64';
export { createEscposLanguage, MAX_BAND_ROWS } from './escpos';
export { encodeEscposSlip, type Slip, type SlipLine, type SlipOptions, type SlipTextLine } from './escpos-slip';
export { zpl, tspl, epl, escpos, pdf };

/** Every printer language the station speaks, in a stable order. */
export const LANGUAGES: readonly PrinterLanguage[] = [zpl, tspl, epl, escpos, pdf];

/** The names of {@link LANGUAGES}. */
export const LANGUAGE_NAMES: readonly LanguageName[] = LANGUAGES.map((l) => l.name);

/**
 * The language of that name.
 * @throws UnknownPrinterLanguageError listing the known names when `name` is not one (it may come from settings)
 */
export function languageByName(name: string): PrinterLanguage {
  const found = LANGUAGES.find((l) => l.name === name);
  if (!found) throw new UnknownPrinterLanguageError(name, LANGUAGE_NAMES);
  return found;
}
