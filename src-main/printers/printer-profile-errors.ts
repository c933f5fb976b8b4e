/** A profile name that is not one of the built-in profiles. */
export class UnknownPrinterProfileError extends Error {
  constructor(
    readonly profileName: string,
    readonly known: readonly string[],
  ) {
    super(`unknown printer profile "${profileName}"; use one of: ${known.join(', ')}`);
    this.name = 'UnknownPrinterProfileError';
  }
}

/** Why a profile refused a label: rendered for another resolution, or wider than the head prints. */
export type ProfileRefusalCode = 'DPI_MISMATCH' | 'TOO_WIDE';

/**
 * A label a printer profile cannot print as rendered. Never fixed by scaling: a label rendered at 203 dpi and
 * scaled to 300 loses whole-dot barcode bars, so the fix is to render it again at the profile's dpi.
 */
export class PrinterProfileRefusalError extends Error {
  constructor(
    readonly code: ProfileRefusalCode,
    readonly profileName: string,
    message: string,
  ) {
    super(`printer profile ${profileName}: ${message}`);
    this.name = 'PrinterProfileRefusalError';
  }
}
