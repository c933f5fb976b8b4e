import type { OrderLine } from '../../domain';
import { StationError } from '../station-error';
import type { OpenOrder } from './pack-state';

/** Lines of this many units or more open the quantity prompt (when the station's setting has it on). */
export const QUANTITY_PROMPT_MIN_UNITS = 10;

/** Whether the prompt is on, and from how many units of a line. */
export interface QuantityPromptSetting {
  enabled: boolean;
  minUnits: number;
}

const lineOf = (cur: OpenOrder, lineNo: number): OrderLine => cur.stored.order.lines.find((l) => l.lineNo === lineNo)!;
const scannedOf = (cur: OpenOrder, lineNo: number): number =>
  cur.progress.find((p) => p.lineNo === lineNo)?.scanned ?? 0;

/** True when `code` is the item of `line` (its barcode or its SKU, as item scans match). */
export function isItemOf(line: OrderLine, code: string): boolean {
  return line.barcode === code || line.sku === code;
}

/** The line the open prompt is for, or null when none is open. */
export function promptLine(cur: OpenOrder): OrderLine | null {
  return cur.quantityPrompt ? lineOf(cur, cur.quantityPrompt.lineNo) : null;
}

/**
 * True when an accepted scan of line `lineNo` opens the prompt instead of counting one unit: the setting is on, the
 * line asks for `minUnits` or more, at least two units are still missing (one more is just a scan), and the packer
 * did not choose to scan this line one at a time.
 */
export function opensPrompt(cur: OpenOrder, lineNo: number, setting: QuantityPromptSetting): boolean {
  if (!setting.enabled || cur.oneByOne.has(lineNo)) return false;
  const line = lineOf(cur, lineNo);
  return line.quantity >= setting.minUnits && line.quantity - scannedOf(cur, lineNo) >= 2;
}

/**
 * Adds the typed count to the prompt's line and closes the prompt.
 * @throws StationError `quantity-required` when nothing was typed, `quantity-invalid` when the count is not between
 *   1 and what the line still needs (the prompt stays open for a corrected count)
 * @returns the count applied
 */
export function applyPromptCount(cur: OpenOrder): number {
  const prompt = cur.quantityPrompt!;
  const line = lineOf(cur, prompt.lineNo);
  const remaining = line.quantity - scannedOf(cur, line.lineNo);
  if (prompt.count === null) {
    throw new StationError('quantity-required', `type how many of ${line.sku} go in, then scan the item again`, {
      sku: line.sku,
    });
  }
  if (prompt.count < 1 || prompt.count > remaining) {
    throw new StationError(
      'quantity-invalid',
      `${prompt.count} of ${line.sku} is not possible: between 1 and ${remaining} are still missing`,
      { sku: line.sku, count: prompt.count, remaining },
    );
  }
  addUnits(cur, line.lineNo, prompt.count);
  cur.quantityPrompt = null;
  return prompt.count;
}

/**
 * Closes the prompt without a count: the scan that opened it counts as the one unit it was, and the line is scanned
 * one at a time from now on (no prompt again on this order). Nothing the packer scanned is lost.
 */
export function closePromptOneByOne(cur: OpenOrder): void {
  const prompt = cur.quantityPrompt;
  if (!prompt) return;
  addUnits(cur, prompt.lineNo, 1);
  cur.oneByOne.add(prompt.lineNo);
  cur.quantityPrompt = null;
}

function addUnits(cur: OpenOrder, lineNo: number, count: number): void {
  cur.progress = cur.progress.map((p) => (p.lineNo === lineNo ? { ...p, scanned: p.scanned + count } : p));
}
