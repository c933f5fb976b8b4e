import type { LabelRaster } from '../../labels';

/** The printer languages the station speaks. */
export type LanguageName = 'zpl' | 'tspl' | 'epl' | 'escpos' | 'pdf';

/** What a language can do; checked before encoding, so a missing one is an error and never a silent no-op. */
export interface LanguageCapabilities {
  /** Prints N copies of one job by itself (ZPL ^PQ, TSPL PRINT 1,N). */
  copies: boolean;
  /** Darkness / density setting. */
  darkness: boolean;
  /** Print speed setting. */
  speed: boolean;
  /** Cuts the paper after the job (ESC/POS GS V). */
  cut: boolean;
  /** Plain text in the printer's own fonts (ESC/POS slips, GBK). */
  text: boolean;
  /** Answers a status query over a two-way transport (ZPL ~HS, TSPL ESC ! ?, ESC/POS DLE EOT). */
  status: boolean;
  /** Takes the per-model BITMAP polarity flag (TSPL only; see {@link EncodeOptions.invertBitmap}). */
  invertBitmap?: boolean;
}

/** Job options a language turns into commands. Each one set must be in the language's capabilities. */
export interface EncodeOptions {
  copies?: number;
  /** 0-30 (ZPL ~SD scale); each language maps it to its own range. */
  darkness?: number;
  /** Inches per second. */
  speed?: number;
  cut?: boolean;
  /**
   * TSPL only: some clones print BITMAP inverted; the profile says which. Unset, a 0 bit prints black as TSC's
   * manual says; set, a 1 bit prints black.
   */
  invertBitmap?: boolean;
}

/** One label as the printer receives it. */
export interface EncodeInput {
  raster: LabelRaster;
  /** The label as PDF (the `pdf` language sends it as is). */
  pdf: Uint8Array;
  widthMm: number;
  heightMm: number;
}

/** A printer language: a rendered label in, the bytes for the printer out. */
export interface PrinterLanguage {
  readonly name: LanguageName;
  readonly capabilities: LanguageCapabilities;
  /**
   * @throws PrinterCapabilityError when an option asks for something the language cannot do
   */
  encode(label: EncodeInput, options?: EncodeOptions): Uint8Array;
}
