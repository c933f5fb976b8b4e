import bwipjs from 'bwip-js';
import { LabelError } from './label-error';
import { MM_PER_INCH } from './units';

/**
 * The Code 128 pattern of `text` as alternating bar/space widths in modules, starting with a bar (start, data,
 * check and stop characters; no quiet zones). Computed by bwip-js; the back ends draw it on whole dots.
 */
export function code128Pattern(text: string): number[] {
  if (text === '' || !/^[\x20-\x7e]+$/.test(text)) {
    throw new LabelError('barcode', `"${text}" cannot be printed as Code 128: use printable ASCII only`);
  }
  let symbols: ReturnType<typeof bwipjs.raw>;
  try {
    symbols = bwipjs.raw('code128', text, {});
  } catch (err) {
    throw new LabelError(
      'barcode',
      `Code 128 of "${text}" failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const first = symbols[0];
  if (!first || !('sbs' in first))
    throw new LabelError('barcode', `bwip-js returned no Code 128 pattern for "${text}"`);
  return first.sbs;
}

/** Total width of a pattern in modules. */
export function patternModules(pattern: readonly number[]): number {
  return pattern.reduce((a, b) => a + b, 0);
}

/** The module width in whole dots for a target width in mm: 0.375 mm → 3 dots @203, 4 @300, 9 @600. */
export function moduleDotsFor(moduleMm: number, dpi: number, minDots: number): number {
  return Math.max(minDots, Math.round((moduleMm * dpi) / MM_PER_INCH));
}
