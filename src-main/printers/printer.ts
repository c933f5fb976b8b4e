import type { LabelRaster } from '../labels';
import type { PrinterProfile } from './profile';
import type { StatusReading } from './printer-status';

/** What a printer receives: the label as PDF and as the 1-bit raster (PNG) at the printer's dpi. */
export interface PrintableLabel {
  pdf: Uint8Array;
  png: Uint8Array;
  /** The raster a printer language encodes; required by raw printers (TCP, USB), unused by the file printer. */
  raster?: LabelRaster;
  widthMm?: number;
  heightMm?: number;
}

/**
 * How far a job got. `confirmed`: the device (or file) certainly holds it. `sent`: bytes left the station but the
 * printer cannot say whether it printed.
 */
export type PrintOutcome = { state: 'confirmed' | 'sent'; detail: string };

/** A configured printer: where labels go and at what resolution they must be rendered. */
export interface Printer {
  /** The URI it was configured with, e.g. `file:/var/labels`. */
  readonly uri: string;
  readonly dpi: number;
  /**
   * Prints one label once. Never retries by itself: once bytes may have reached a printer, a second copy is a
   * person's decision (a reprint).
   * @param job.baseName - a file-safe name for the job, e.g. `SO-100001_DS000000000017`
   */
  print(job: { jobId: string; baseName: string; label: PrintableLabel }): Promise<PrintOutcome>;
  /** The printer model's facts (language, dpi, status support); absent for the file printer without a profile. */
  readonly profile?: PrinterProfile | null;
  /** Asks the printer how it is; absent when the printer cannot be asked (file, EPL, PDF, USB). */
  readStatus?(): Promise<StatusReading>;
}

/**
 * Why a printer URI (with its profile) cannot make a printer, as facts the station turns into a refusal in the
 * person's language. `expected` is the URI's pattern, e.g. `tcp://HOST[:PORT]?profile=NAME`.
 */
export type PrinterUriProblem =
  | { kind: 'bad-uri'; uri: string; expected: string }
  | { kind: 'needs-profile'; uri: string }
  | { kind: 'unknown-profile'; uri: string; profile: string; known: readonly string[] }
  | { kind: 'bad-dpi'; uri: string }
  | { kind: 'no-languages'; uri: string };

/** A printer that could not take the job; `reason` says why in English (the CLI prints it, the log keeps it). */
export class PrintError extends Error {
  /** Set when the printer's URI or profile is what is wrong (a settings problem, not a printing one). */
  readonly problem: PrinterUriProblem | undefined;

  constructor(
    readonly reason: string,
    options?: { cause?: unknown; problem?: PrinterUriProblem },
  ) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrintError';
    this.problem = options?.problem;
  }
}
