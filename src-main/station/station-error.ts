import type { PackErrorCode } from '../contract';

/**
 * A refusal or failure the packer must see. Carries a stable code (translated in the renderer) and the English
 * message the CLI prints; `code` also crosses the shell boundary unchanged.
 */
export class StationError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'StationError';
  }
}
