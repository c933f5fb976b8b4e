import { ZodError } from 'zod';
import { ErpError } from '../erp';
import {
  DatabaseDamagedError,
  DataDirError,
  InstanceLockedError,
  MigrationMismatchError,
  RestoreRefusedError,
} from '../store';
import { PrintError } from '../printers';
import { StationError } from '../station';

/** A failure the CLI reports in one line and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The first problem of a zod error as `path: message`, for one-line reports. */
export function describeZodError(error: ZodError, source: string): string {
  const issue = error.issues[0];
  if (!issue) return `${source}: invalid`;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${source}: ${where}: ${issue.message}${more}`;
}

/**
 * Turns any failure into the one line a person sees. Known failures keep their own message; anything else says it
 * is unexpected, without a stack trace (set DOCKSIDE_DEBUG=1 to see it).
 */
export function describeFailure(error: unknown): string {
  if (error instanceof CliError || error instanceof DataDirError || error instanceof MigrationMismatchError)
    return error.message;
  if (
    error instanceof InstanceLockedError ||
    error instanceof DatabaseDamagedError ||
    error instanceof RestoreRefusedError
  )
    return error.message;
  if (error instanceof StationError || error instanceof PrintError) return error.message;
  if (error instanceof ErpError) return `ERP: ${error.message}`;
  if (error instanceof ZodError) return describeZodError(error, 'input');
  if (error instanceof Error && (error as { code?: unknown }).code === 'uncovered-character') return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
