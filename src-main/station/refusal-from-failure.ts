import { ErpError } from '../erp';
import { codePointLabel, LabelError } from '../labels';
import { PrintError, type PrinterUriProblem } from '../printers';
import { NumberRangeError, PoolExhaustedError } from '../carriers';
import { OutboxActionError } from '../store';
import type { CommandHandlers } from './station-api';
import { StationError } from './station-error';

/** Error codes of a full disk: SQLite's own, and the file system's (no space, quota exceeded). */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/**
 * The refusal a lower layer's failure means to the person at the station, with the parameters its message needs;
 * null when it is not a refusal at all (a bug, a damaged file, a path that does not exist: an `internal` failure
 * that the dispatcher logs and never shows). The one place where label, printer, pool, outbox, ERP and disk errors
 * become refusal codes.
 */
export function toStationError(failure: unknown): StationError | null {
  if (failure instanceof StationError) return failure;
  if (isDiskFull(failure)) {
    return new StationError(
      'disk-full',
      "the station's disk is full: free space on this PC (old label files, backups), then try again",
      {},
      { cause: failure },
    );
  }
  if (failure instanceof LabelError) return fromLabelError(failure);
  if (failure instanceof PrintError) {
    return failure.problem
      ? fromPrinterUriProblem(failure.problem, failure)
      : new StationError(
          'print-failed',
          `printing failed: ${failure.reason}`,
          { reason: failure.reason },
          { cause: failure },
        );
  }
  if (failure instanceof PoolExhaustedError) {
    return new StationError('pool-exhausted', failure.message, { carrier: failure.carrier }, { cause: failure });
  }
  if (failure instanceof NumberRangeError) {
    return new StationError(
      'invalid-range',
      failure.message,
      { problems: failure.problems.join('; ') },
      { cause: failure },
    );
  }
  if (failure instanceof OutboxActionError) {
    return failure.code === 'not-found'
      ? new StationError('outbox-item-not-found', failure.message, { id: failure.itemId }, { cause: failure })
      : new StationError(
          'outbox-item-not-parked',
          failure.message,
          { id: failure.itemId, state: failure.state ?? '' },
          { cause: failure },
        );
  }
  if (failure instanceof ErpError) return fromErpError(failure);
  return null;
}

/**
 * The handlers with every failure passed through {@link toStationError}: a refusal leaves as a {@link StationError},
 * anything else unchanged (the dispatcher turns it into `internal`).
 */
export function withRefusals(handlers: CommandHandlers): CommandHandlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    wrapped[name] = async (input) => {
      try {
        return await handler(input);
      } catch (failure) {
        throw toStationError(failure) ?? failure;
      }
    };
  }
  return wrapped as CommandHandlers;
}

/** True when `failure`, or an error it was caused by, says the disk is full. */
export function isDiskFull(failure: unknown): boolean {
  let current: unknown = failure;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function fromLabelError(failure: LabelError): StationError {
  switch (failure.code) {
    case 'uncovered-character':
      return new StationError(
        'label-uncovered-character',
        failure.message,
        {
          character: failure.character ?? '',
          codePoint: failure.character ? codePointLabel(failure.character) : '',
          field: failure.field ?? '',
        },
        { cause: failure },
      );
    case 'unknown-template':
      return new StationError('template-not-found', failure.message, {}, { cause: failure });
    case 'bad-template':
      return new StationError('bad-template', failure.message, { problems: failure.message }, { cause: failure });
    case 'barcode':
      return new StationError(
        'label-barcode-invalid',
        failure.message,
        { reason: failure.message },
        { cause: failure },
      );
  }
}

function fromPrinterUriProblem(problem: PrinterUriProblem, failure: PrintError): StationError {
  const options = { cause: failure };
  switch (problem.kind) {
    case 'bad-uri':
      return new StationError(
        'printer-uri-invalid',
        failure.reason,
        { uri: problem.uri, expected: problem.expected },
        options,
      );
    case 'needs-profile':
      return new StationError('printer-profile-missing', failure.reason, { uri: problem.uri }, options);
    case 'unknown-profile':
      return new StationError(
        'printer-profile-unknown',
        failure.reason,
        { uri: problem.uri, profile: problem.profile, known: problem.known.join(', ') },
        options,
      );
    case 'bad-dpi':
      return new StationError('printer-dpi-invalid', failure.reason, { uri: problem.uri }, options);
    case 'no-languages':
      return new StationError('printer-unsupported', failure.reason, { uri: problem.uri }, options);
  }
}

function fromErpError(failure: ErpError): StationError {
  const options = { cause: failure };
  const message = `ERP: ${failure.message}`;
  const status = failure.status ?? '';
  switch (failure.kind) {
    case 'network':
    case 'server':
    case 'rate-limited':
      return new StationError('erp-unreachable', message, { status, reason: failure.message }, options);
    case 'auth':
      return new StationError('erp-auth-refused', message, { status, reason: failure.message }, options);
    case 'rejected':
      return new StationError('erp-rejected', message, { status, reason: failure.message }, options);
    case 'conflict':
      return new StationError('erp-conflict', message, { reason: failure.message }, options);
    case 'not-found':
      return new StationError('erp-not-found', message, { reason: failure.message }, options);
  }
}
