import type { RefusalCode, RefusalParams } from '../contract';

/**
 * The one error type a station refusal is raised with: a code declared in the contract (contract/refusals), the
 * parameters its translation needs (only the names the code declares) and the English message the CLI prints and
 * the log keeps. The dispatcher lets these through to the screen and nothing else; lower layers' errors become one
 * through `toStationError` (refusal-from-failure.ts).
 */
export class StationError<C extends RefusalCode = RefusalCode> extends Error {
  /** The parameters as they cross the boundary. */
  readonly params: Record<string, string | number>;

  constructor(
    readonly code: C,
    message: string,
    params: RefusalParams<C> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StationError';
    const defined: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params) as [string, string | number | undefined][]) {
      if (value !== undefined) defined[name] = value;
    }
    this.params = defined;
  }
}
