/**
 * The station's logger, as every layer sees it: the subset of pino's API the core uses, so a pino logger is one and
 * tests can pass a real pino instance writing to memory. Structured fields first, message second (pino's order).
 * Secrets never go in either: the production logger also redacts known secret paths, but callers must not rely on it.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** A logger whose every line carries `bindings` (e.g. `{ component: 'outbox' }`). */
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything: for tools and tests that have nowhere to log. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
