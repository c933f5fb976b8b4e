import bwipjs from 'bwip-js';
import { code128Pattern } from './code128';
import { LabelError } from './label-error';
import type { Symbology } from './template-schema';

/** A linear symbol: bar/space widths in modules, starting with a bar (no quiet zones). */
export interface LinearSymbol {
  kind: 'linear';
  pattern: number[];
}

/** A 2D symbol: `cols` × `rows` cells, row by row, 1 = dark (no quiet zones). */
export interface MatrixSymbol {
  kind: 'matrix';
  cols: number;
  rows: number;
  bits: Uint8Array;
}

/** An encoded barcode, ready to be placed on whole dots. */
export type EncodedSymbol = LinearSymbol | MatrixSymbol;

/** Options of the 2D symbologies. */
export interface SymbolOptions {
  ecLevel?: 'L' | 'M' | 'Q' | 'H';
  /** PDF417: rows are this many modules high. */
  rowModules?: number;
  /** PDF417: data columns (0 = automatic). */
  columns?: number;
}

const NAMES: Record<Symbology, string> = {
  code128: 'Code 128',
  'gs1-128': 'GS1-128',
  qrcode: 'QR code',
  datamatrix: 'Data Matrix',
  pdf417: 'PDF417',
};

/** The bytes of `text` in UTF-8 as a binary string (what bwip-js encodes for 2D codes). */
function utf8Binary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function fail(symbology: Symbology, data: string, err: unknown): never {
  const why = err instanceof Error ? err.message : String(err);
  throw new LabelError(
    'barcode',
    `${NAMES[symbology]} of "${data}" cannot be encoded: ${why.replace(/^bwipp\.\w+#\d+: /, '')}`,
  );
}

const cache = new Map<string, EncodedSymbol>();

/**
 * Encodes `data` with bwip-js (cached: the same data on the next label costs a map look-up). GS1-128 takes the
 * AI parentheses form, e.g. `(00)106141411234567897`; bwip-js checks the AI's format and check digit.
 * @throws LabelError('barcode') when the data cannot be encoded
 */
export function encodeSymbol(symbology: Symbology, data: string, options: SymbolOptions = {}): EncodedSymbol {
  const key = `${symbology}|${options.ecLevel ?? ''}|${options.rowModules ?? ''}|${options.columns ?? ''}|${data}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const symbol = encodeUncached(symbology, data, options);
  if (cache.size > 2000) cache.clear();
  cache.set(key, symbol);
  return symbol;
}

function encodeUncached(symbology: Symbology, data: string, options: SymbolOptions): EncodedSymbol {
  if (data === '') throw new LabelError('barcode', `${NAMES[symbology]} has no data to encode`);
  if (symbology === 'code128') return { kind: 'linear', pattern: code128Pattern(data) };
  if (symbology === 'gs1-128') {
    if (!/^(\(\d{2,4}\)[\x20-\x7e]+)+$/.test(data)) {
      throw new LabelError('barcode', `GS1-128 data "${data}" must be AIs in parentheses followed by their data`);
    }
    let out: ReturnType<typeof bwipjs.raw>;
    try {
      out = bwipjs.raw('gs1-128', data, {});
    } catch (err) {
      fail(symbology, data, err);
    }
    const first = out[0];
    if (!first || !('sbs' in first))
      throw new LabelError('barcode', `bwip-js returned no GS1-128 pattern for "${data}"`);
    return { kind: 'linear', pattern: first.sbs };
  }
  const opts: Record<string, string | number | boolean> = {};
  if (symbology === 'qrcode') opts.eclevel = options.ecLevel ?? 'M';
  if (symbology === 'pdf417') {
    opts.rowmult = options.rowModules ?? 3;
    if (options.columns) opts.columns = options.columns;
  }
  let out: ReturnType<typeof bwipjs.raw>;
  try {
    out = bwipjs.raw(symbology, utf8Binary(data), opts);
  } catch (err) {
    fail(symbology, data, err);
  }
  const first = out[0];
  if (!first || !('pixs' in first))
    throw new LabelError('barcode', `bwip-js returned no ${NAMES[symbology]} for "${data}"`);
  return { kind: 'matrix', cols: first.pixx, rows: first.pixy, bits: Uint8Array.from(first.pixs) };
}

/** Default quiet zone in modules: 10 for linear codes, 4 for QR, 2 for Data Matrix and PDF417. */
export function defaultQuietZone(symbology: Symbology): number {
  if (symbology === 'code128' || symbology === 'gs1-128') return 10;
  return symbology === 'qrcode' ? 4 : 2;
}

/** Human name of a symbology, for messages. */
export function symbologyName(symbology: Symbology): string {
  return NAMES[symbology];
}
