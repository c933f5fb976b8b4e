import { describe, expect, it } from 'vitest';
import type { PackLine } from '../../../src-main/contract';
import { currentLine, nextExpectedLine, sameMemory } from '../../../src-renderer/features/pack/current-line';

const line = (lineNo: number, scanned: number, quantity = 2): PackLine => ({
  lineNo,
  sku: `SKU-${lineNo}`,
  name: `Product ${lineNo}`,
  barcode: `690000000000${lineNo}`,
  quantity,
  scanned,
});

describe('the current line of the pack screen', () => {
  it('starts on the first line still missing units when an order opens', () => {
    expect(currentLine(null, 'SO-1', [line(1, 0), line(2, 0)]).current).toBe(1);
    // A reloaded screen on an order packed half-way: the first line that still misses units.
    expect(currentLine(null, 'SO-1', [line(1, 2), line(2, 1), line(3, 0)]).current).toBe(2);
  });

  it('follows the line whose count just went up, in whatever order the items are scanned', () => {
    const opened = currentLine(null, 'SO-1', [line(1, 0), line(2, 0), line(3, 0), line(4, 0)]);
    const fourth = currentLine(opened, 'SO-1', [line(1, 0), line(2, 0), line(3, 0), line(4, 1)]);
    expect(fourth.current).toBe(4);
    const second = currentLine(fourth, 'SO-1', [line(1, 0), line(2, 1), line(3, 0), line(4, 1)]);
    expect(second.current).toBe(2);
  });

  it('stays on its line when nothing was counted (a refusal, a reprint), and starts afresh for another order', () => {
    const scanned = currentLine(currentLine(null, 'SO-1', [line(1, 0), line(2, 0), line(3, 0)]), 'SO-1', [
      line(1, 0),
      line(2, 0),
      line(3, 1),
    ]);
    const refused = currentLine(scanned, 'SO-1', [line(1, 0), line(2, 0), line(3, 1)]);
    expect(refused.current).toBe(3);
    expect(sameMemory(scanned, refused)).toBe(true);
    const next = currentLine(refused, 'SO-2', [line(1, 1), line(2, 0)]);
    expect(next.current).toBe(1);
    expect(sameMemory(refused, next)).toBe(false);
  });

  it('names the next line to scan, or none when every line is complete', () => {
    expect(nextExpectedLine([line(1, 2), line(2, 1), line(3, 0)])).toBe(2);
    expect(nextExpectedLine([line(1, 2), line(2, 2)])).toBeNull();
  });
});
