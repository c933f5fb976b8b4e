import type { PackLine } from '../../../src-main/contract';

/** What the lines list remembers of the state it showed last, to tell which line a new state's scan went to. */
export interface LineMemory {
  orderNo: string;
  /** Scanned count per line number. */
  counts: ReadonlyMap<number, number>;
  /** The line the packer is on; null only for an order without lines. */
  current: number | null;
}

/** The first line that still misses units, or null when every line is complete. */
export function nextExpectedLine(lines: readonly PackLine[]): number | null {
  return lines.find((line) => line.scanned < line.quantity)?.lineNo ?? null;
}

/**
 * The line the packer is on, from the state shown before (`prev`) and the new one: the line whose count just went
 * up (the item just scanned); else the same line as before (a refusal, a reprint: nothing was counted); else, for
 * an order just opened, the first line still missing units. Pure, so the rule is tested without a browser.
 */
export function currentLine(prev: LineMemory | null, orderNo: string, lines: readonly PackLine[]): LineMemory {
  const counts = new Map(lines.map((line) => [line.lineNo, line.scanned]));
  const sameOrder = prev !== null && prev.orderNo === orderNo;
  const scanned = sameOrder ? lines.find((line) => line.scanned > (prev.counts.get(line.lineNo) ?? 0)) : undefined;
  const kept = sameOrder && prev.current !== null && counts.has(prev.current) ? prev.current : null;
  const current = scanned?.lineNo ?? kept ?? nextExpectedLine(lines) ?? lines[0]?.lineNo ?? null;
  return { orderNo, counts, current };
}

/** True when two memories say the same (so keeping the older one changes nothing on screen). */
export function sameMemory(a: LineMemory | null, b: LineMemory): boolean {
  if (a === null || a.orderNo !== b.orderNo || a.current !== b.current || a.counts.size !== b.counts.size) return false;
  for (const [lineNo, count] of b.counts) if (a.counts.get(lineNo) !== count) return false;
  return true;
}
