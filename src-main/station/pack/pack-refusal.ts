import { StationError } from '../station-error';

/** SQLite's "database or disk is full" and the file system's "no space left on device". */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC']);

function isDiskFull(failure: unknown): boolean {
  for (let cause = failure, depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
    cause = cause.cause;
  }
  return false;
}

/**
 * The one place packing maps a failure from a lower layer to the refusal the packer sees: a refusal stays as it
 * is, a full disk becomes `disk-full` (a local problem, never "the ERP is offline"). Null: not a failure packing
 * names; the caller treats it as unexpected.
 */
export function packRefusalOf(failure: unknown): StationError | null {
  if (failure instanceof StationError) return failure;
  if (isDiskFull(failure)) {
    return new StationError(
      'disk-full',
      "the station's disk is full: free space on it, then scan again; nothing scanned or printed is lost",
    );
  }
  return null;
}
