/**
 * Tryton's JSON encoding of values that JSON has no type for: `{"__class__": "datetime", "year": …}`,
 * `{"__class__": "Decimal", "decimal": "10.00"}`, and so on. These helpers turn them into plain JavaScript values.
 */

interface EncodedDate {
  __class__: 'date' | 'datetime';
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  microsecond?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Milliseconds since the epoch of a Tryton `date` or `datetime` (Tryton stores naive UTC datetimes), or undefined
 * for anything else. Microseconds are kept as a fraction.
 */
export function trytonTimeMs(value: unknown): number | undefined {
  if (!isObject(value) || (value.__class__ !== 'datetime' && value.__class__ !== 'date')) return undefined;
  const v = value as unknown as EncodedDate;
  const ms = Date.UTC(v.year, v.month - 1, v.day, v.hour ?? 0, v.minute ?? 0, v.second ?? 0);
  return Number.isFinite(ms) ? ms + (v.microsecond ?? 0) / 1000 : undefined;
}

/** ISO 8601 text of a Tryton `date`/`datetime`, or undefined. */
export function trytonIso(value: unknown): string | undefined {
  const ms = trytonTimeMs(value);
  return ms === undefined ? undefined : new Date(Math.floor(ms)).toISOString();
}

/** A number from a Tryton Decimal (`{"__class__":"Decimal","decimal":"1.5"}`) or a plain JSON number. */
export function trytonNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (isObject(value) && value.__class__ === 'Decimal' && typeof value.decimal === 'string') {
    const n = Number(value.decimal);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A Tryton Decimal for a request. */
export function toTrytonDecimal(value: number | string): { __class__: 'Decimal'; decimal: string } {
  return { __class__: 'Decimal', decimal: String(value) };
}
