/** What went wrong while rendering a label. */
export type LabelErrorCode = 'uncovered-character' | 'unknown-template' | 'bad-template' | 'barcode';

/** Details of an uncovered character: the character and the order field it came from. */
export interface UncoveredCharacter {
  character: string;
  field: string;
}

/**
 * A label could not be rendered. `code` says why; for `uncovered-character`, `character` and `field` say which
 * character of which order field the label font cannot draw (the message names both).
 */
export class LabelError extends Error {
  override readonly name = 'LabelError';
  /** Why the label could not be rendered. */
  readonly code: LabelErrorCode;
  /** The character the font lacks (only for `uncovered-character`). */
  readonly character: string | undefined;
  /** The order field holding that character, e.g. `receiver.address` (only for `uncovered-character`). */
  readonly field: string | undefined;

  constructor(code: LabelErrorCode, message: string, uncovered?: UncoveredCharacter) {
    super(message);
    this.code = code;
    this.character = uncovered?.character;
    this.field = uncovered?.field;
  }
}

/** Formats a code point as `U+XXXX` (at least four hex digits). */
export function codePointLabel(character: string): string {
  const cp = character.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The error for a character the label font cannot draw, naming the character and the field. */
export function uncoveredCharacterError(character: string, field: string): LabelError {
  return new LabelError(
    'uncovered-character',
    `character "${character}" (${codePointLabel(character)}) in ${field} is not in the label font; ` +
      'correct the order in the ERP or use a template whose font covers it',
    { character, field },
  );
}
