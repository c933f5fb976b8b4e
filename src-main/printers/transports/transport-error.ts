import { PrintError } from '../printer';

/**
 * A transport that could not deliver a job. `mayHavePrinted` is the fact the print queue acts on: false means
 * no byte left the station (safe to offer the job again); true means some bytes may have reached the printer, so
 * the job's outcome is "unknown" and only a person may decide to print it again.
 */
export class TransportError extends PrintError {
  constructor(
    reason: string,
    readonly mayHavePrinted: boolean,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'TransportError';
  }
}

/** The error code of a Node system error (`ECONNREFUSED`, `EACCES`, ...), or its message. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
