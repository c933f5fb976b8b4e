import type { LanguageName } from './language';

/** The job options a language may be asked for (the keys of `EncodeOptions` that need a capability). */
export type CapabilityOption = 'copies' | 'darkness' | 'speed' | 'cut' | 'text' | 'invertBitmap';

/**
 * A job asked a printer language for something it cannot do (copies from ESC/POS, a cut from ZPL, ...). Thrown
 * before any byte is encoded: silently dropping the option would print something other than what was asked.
 */
export class PrinterCapabilityError extends Error {
  constructor(
    readonly language: LanguageName,
    readonly option: CapabilityOption,
    detail?: string,
  ) {
    super(
      `the ${language.toUpperCase()} printer language cannot do "${option}"${detail ? ` (${detail})` : ''}; ` +
        'remove the option or choose a printer profile whose language supports it',
    );
    this.name = 'PrinterCapabilityError';
  }
}

/**
 * Input a printer language cannot encode: a malformed raster, an option value out of range, a PDF that is not
 * one, slip text the printer's code page cannot hold. The message says what and where.
 */
export class PrinterEncodeError extends Error {
  constructor(
    readonly language: LanguageName,
    message: string,
  ) {
    super(`${language.toUpperCase()}: ${message}`);
    this.name = 'PrinterEncodeError';
  }
}

/** A language name (from settings, a profile or the command line) that is not one the station speaks. */
export class UnknownPrinterLanguageError extends Error {
  constructor(
    readonly languageName: string,
    known: readonly string[],
  ) {
    super(`unknown printer language "${languageName}"; use one of: ${known.join(', ')}`);
    this.name = 'UnknownPrinterLanguageError';
  }
}
