import { randomBytes } from 'node:crypto';
import type { Logger } from '../platform';
import { StationError } from './station-error';

/** A short id a person can read out over the phone and a supporter can grep the log for. */
export function newCorrelationId(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/**
 * Turns a failure no refusal code names (a bug, a Node or SQLite error) into what a person may see: it is logged
 * with its stack and a fresh correlation id, and only that id travels on, as the `internal` refusal. The failure's
 * own text (paths, SQL) stays in the log.
 */
export function internalFailure(
  failure: unknown,
  logger: Logger,
  context: { command?: string; scan?: string; action?: string },
  newId: () => string = newCorrelationId,
): StationError<'internal'> {
  const correlationId = newId();
  const what = context.command ?? context.action ?? 'scan';
  const logged = context.command
    ? `command ${context.command}`
    : context.action
      ? `action ${context.action}`
      : `scan ${context.scan ?? ''}`;
  try {
    logger.error({ err: failure, correlationId, ...context }, `${logged} failed`);
  } catch {
    // A failing logger must not turn a handled failure into an escaping one.
  }
  return new StationError(
    'internal',
    `The station could not run "${what}" (error ${correlationId}). Try again; if it keeps failing, restart the station and give a supervisor this code.`,
    { correlationId },
  );
}
