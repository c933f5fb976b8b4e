import { cleanText } from './text';

/** Weight units intake understands, with their size in kilograms. */
const KG_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1,
  kgs: 1,
  kilo: 1,
  kilos: 1,
  kilogram: 1,
  kilograms: 1,
  公斤: 1,
  千克: 1,
  g: 0.001,
  gr: 0.001,
  gram: 0.001,
  grams: 0.001,
  克: 0.001,
  mg: 0.000001,
  t: 1000,
  吨: 1000,
  lb: 0.45359237,
  lbs: 0.45359237,
  pound: 0.45359237,
  pounds: 0.45359237,
  oz: 0.028349523125,
  ounce: 0.028349523125,
  ounces: 0.028349523125,
  斤: 0.5,
  两: 0.05,
};

/** Length units intake understands, with their size in centimetres. */
const CM_PER_UNIT: Readonly<Record<string, number>> = {
  cm: 1,
  厘米: 1,
  公分: 1,
  mm: 0.1,
  毫米: 0.1,
  m: 100,
  米: 100,
  in: 2.54,
  inch: 2.54,
  inches: 2.54,
  '"': 2.54,
  ft: 30.48,
  feet: 30.48,
};

/** Rounds to `digits` decimals without float noise (0.1 + 0.2 style). */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Converts a weight to kilograms (3 decimals, i.e. whole grams). Null when the unit is unknown or the value is not
 * a finite non-negative number.
 */
export function toKg(value: number, unit: string): number | null {
  const factor = KG_PER_UNIT[cleanText(unit).toLowerCase()];
  if (factor === undefined || !Number.isFinite(value) || value < 0) return null;
  return round(value * factor, 3);
}

/** Converts a length to centimetres (1 decimal). Null when the unit is unknown or the value is unusable. */
export function toCm(value: number, unit: string): number | null {
  const factor = CM_PER_UNIT[cleanText(unit).toLowerCase()];
  if (factor === undefined || !Number.isFinite(value) || value < 0) return null;
  return round(value * factor, 1);
}

/**
 * Reads a weight as ERPs send it: `1.2`, `"1.2 kg"`, `"500g"`, `"１．５ｋｇ"`, `"2 lb"`, `"3斤"`, `{ value: 500, unit: 'g' }`.
 * A bare number is taken in `defaultUnit` (kg). Null when it cannot be read; undefined when nothing was given.
 */
export function parseWeightKg(raw: unknown, defaultUnit = 'kg'): number | null | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (typeof raw === 'number') return toKg(raw, defaultUnit);
  if (typeof raw === 'object') {
    const { value, unit } = raw as { value?: unknown; unit?: unknown };
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(cleanText(value)) : NaN;
    return toKg(number, typeof unit === 'string' ? unit : defaultUnit);
  }
  if (typeof raw !== 'string') return null;
  const match = /^(\d+(?:[.,]\d+)?)\s*([^\d\s].*)?$/.exec(cleanText(raw).replace('．', '.'));
  if (!match) return null;
  return toKg(Number(match[1]!.replace(',', '.')), match[2] ?? defaultUnit);
}

/** Length, width and height in centimetres. */
export interface DimensionsCm {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

/**
 * Reads parcel dimensions: `"30x20x10 cm"`, `"300*200*100mm"`, `"12 × 8 × 4 in"`, or
 * `{ length, width, height, unit }`. Null when they cannot be read; undefined when nothing was given.
 */
export function parseDimensionsCm(raw: unknown, defaultUnit = 'cm'): DimensionsCm | null | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  let values: number[];
  let unit = defaultUnit;
  if (typeof raw === 'object') {
    const d = raw as { length?: unknown; width?: unknown; height?: unknown; unit?: unknown };
    values = [d.length, d.width, d.height].map((v) => (typeof v === 'number' ? v : Number(v)));
    if (typeof d.unit === 'string') unit = d.unit;
  } else if (typeof raw === 'string') {
    const match = /^(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*([^\d\s].*)?$/i.exec(
      cleanText(raw),
    );
    if (!match) return null;
    values = [Number(match[1]), Number(match[2]), Number(match[3])];
    unit = match[4] ?? defaultUnit;
  } else {
    return null;
  }
  const cm = values.map((value) => toCm(value, unit));
  if (cm.some((value) => value === null || value === 0)) return null;
  return { lengthCm: cm[0]!, widthCm: cm[1]!, heightCm: cm[2]! };
}
