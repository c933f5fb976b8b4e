import { uncoveredCharacterError } from './label-error';
import type { FieldPart } from './order-fields';
import { sanitizeText } from './order-fields';

/**
 * Checks that the font covers every character of every part; throws `LabelError('uncovered-character')` naming
 * the first character it lacks and the field that holds it.
 */
export function assertCovered(parts: readonly FieldPart[], covers: (codePoint: number) => boolean): void {
  for (const part of parts) {
    for (const ch of sanitizeText(part.value)) {
      if (ch === '\n') continue;
      if (!covers(ch.codePointAt(0) ?? 0)) throw uncoveredCharacterError(ch, part.field);
    }
  }
}
