/**
 * The template expression syntax: literal text with `{field|filter:arg|filter}` placeholders. It is parsed, never
 * evaluated as code: a field is one of {@link FIELD_NAMES}, a filter one of {@link FILTER_NAMES}; anything else is
 * a template validation error naming it. `{{` and `}}` print literal braces.
 *
 * Examples: `{receiver.phone|mask}`, `{createdAt|date:YYYY-MM-DD}`, `{weightKg|weight}`, `{fee|money:CNY}`,
 * `{receiver.name|upper}`, `(00){trackingNumber|sscc:1:6901234}`.
 */

/** One filter applied to a field's value: its name and the text after the first `:` (or undefined). */
export interface FilterCall {
  name: string;
  arg: string | undefined;
}

/** A parsed expression part: literal text, or a field with its filters. */
export type ExpressionPart =
  { kind: 'literal'; text: string } | { kind: 'field'; field: string; filters: FilterCall[] };

/** A malformed expression: `message` says what is wrong and where. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/**
 * Parses an expression into literal and field parts. Only syntax is checked here; {@link checkExpression}
 * checks the names.
 * @throws ExpressionError on an unclosed `{`, a stray `}` or an empty placeholder
 */
export function parseExpression(source: string): ExpressionPart[] {
  const parts: ExpressionPart[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '{' && source[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && source[i + 1] === '}') {
      literal += '}';
      i += 2;
      continue;
    }
    if (ch === '}') throw new ExpressionError(`stray "}" at position ${i + 1} (write "}}" for a literal brace)`);
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const end = source.indexOf('}', i + 1);
    if (end < 0) throw new ExpressionError(`unclosed "{" at position ${i + 1}`);
    const body = source.slice(i + 1, end);
    if (body.includes('{')) throw new ExpressionError(`"{" inside a placeholder at position ${i + 1}`);
    const [fieldRaw = '', ...filterTexts] = body.split('|');
    const field = fieldRaw.trim();
    if (field === '') throw new ExpressionError(`empty placeholder at position ${i + 1}`);
    const filters = filterTexts.map((text): FilterCall => {
      const colon = text.indexOf(':');
      const name = (colon < 0 ? text : text.slice(0, colon)).trim();
      if (name === '') throw new ExpressionError(`empty filter in {${body}}`);
      return { name, arg: colon < 0 ? undefined : text.slice(colon + 1) };
    });
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
    parts.push({ kind: 'field', field, filters });
    i = end + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

/**
 * Every problem of an expression, as messages naming the unknown field or filter (empty when it is valid).
 * @param fields - the field names the expression may use
 * @param filterCheck - returns an error message for a bad filter call, or undefined when it is fine
 */
export function checkExpression(
  source: string,
  fields: readonly string[],
  filterCheck: (call: FilterCall) => string | undefined,
): string[] {
  let parts: ExpressionPart[];
  try {
    parts = parseExpression(source);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  for (const part of parts) {
    if (part.kind !== 'field') continue;
    if (!fields.includes(part.field)) problems.push(`unknown field {${part.field}}`);
    for (const call of part.filters) {
      const problem = filterCheck(call);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}
