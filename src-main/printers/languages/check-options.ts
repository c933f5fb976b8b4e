import type { EncodeOptions, LanguageCapabilities, LanguageName } from './language';
import { PrinterCapabilityError, PrinterEncodeError } from './printer-language-errors';

/** Options after the check: numbers validated, only what the job actually asks for. */
export interface CheckedOptions {
  copies: number;
  darkness?: number;
  speed?: number;
  cut: boolean;
  invertBitmap: boolean;
}

/** Copies one job may ask for (ZPL ^PQ allows 99,999,999; no packing bench needs more than this). */
export const MAX_COPIES = 999;

/**
 * Validates job options against a language's capabilities before anything is encoded. An option left out, or one
 * that asks for the default (`copies: 1`, `cut: false`), needs no capability.
 * @throws PrinterCapabilityError when an option needs a capability the language lacks
 * @throws PrinterEncodeError when a value is out of range
 */
export function checkOptions(
  language: LanguageName,
  capabilities: LanguageCapabilities,
  options: EncodeOptions = {},
): CheckedOptions {
  const { copies = 1, darkness, speed, cut = false, invertBitmap = false } = options;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
    throw new PrinterEncodeError(language, `copies must be a whole number from 1 to ${MAX_COPIES}, got ${copies}`);
  }
  if (copies > 1 && !capabilities.copies) {
    throw new PrinterCapabilityError(language, 'copies', `${copies} copies asked; print the label ${copies} times`);
  }
  if (darkness !== undefined) {
    if (!capabilities.darkness) throw new PrinterCapabilityError(language, 'darkness');
    if (!Number.isInteger(darkness) || darkness < 0 || darkness > 30) {
      throw new PrinterEncodeError(language, `darkness must be a whole number from 0 to 30, got ${darkness}`);
    }
  }
  if (speed !== undefined) {
    if (!capabilities.speed) throw new PrinterCapabilityError(language, 'speed');
    if (!Number.isFinite(speed) || speed < 1 || speed > 14) {
      throw new PrinterEncodeError(language, `speed must be 1 to 14 inches per second, got ${speed}`);
    }
  }
  if (cut && !capabilities.cut) throw new PrinterCapabilityError(language, 'cut');
  if (invertBitmap && capabilities.invertBitmap !== true) throw new PrinterCapabilityError(language, 'invertBitmap');
  return { copies, darkness, speed, cut, invertBitmap };
}
