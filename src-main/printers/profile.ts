import type { LanguageName } from './languages/language';

/** A printer model's facts: which language it speaks, at what resolution, how wide it prints. */
export interface PrinterProfile {
  /** `zebra-zd420-203`, `generic-zpl-203`, ... */
  name: string;
  /** Human name: `Zebra ZD420 (203 dpi)`. */
  model: string;
  language: LanguageName;
  /** Dots per inch; 180 for Epson's receipt printers (TM-T88: 180 × 180 dpi). */
  dpi: 203 | 300 | 600 | 180;
  /** Widest printable line in dots. */
  printableWidthDots: number;
  /** Default darkness (0-30) and speed (ips) sent with each job where the language supports them. */
  darkness?: number;
  speed?: number;
  /** Whether the printer answers status queries (and the station checks before each job). */
  statusSupport: boolean;
  /** TSPL clones that print BITMAP inverted. */
  invertBitmap?: boolean;
  /** Has a paper cutter (sends a cut after each job when the language can). */
  cutter?: boolean;
}
