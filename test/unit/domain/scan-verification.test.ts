import { describe, expect, it } from 'vitest';
import {
  applyItemScan,
  isFullyScanned,
  parseScanCommand,
  scanCommandBarcode,
  type OrderLine,
} from '../../../src-main/domain';

const lines: OrderLine[] = [
  { lineNo: 1, sku: 'SKU-A', name: 'A', barcode: '6901234567892', quantity: 2 },
  { lineNo: 2, sku: 'SKU-B', name: 'B', barcode: '4006381333931', quantity: 1 },
];

describe('item scan verification', () => {
  it('counts a line up and reports completion only when every line is full', () => {
    let progress = lines.map((l) => ({ lineNo: l.lineNo, scanned: 0 }));
    const first = applyItemScan(lines, progress, '6901234567892');
    expect(first.result).toEqual({ kind: 'accepted', lineNo: 1, scanned: 1, required: 2, complete: false });
    progress = first.progress;
    progress = applyItemScan(lines, progress, '6901234567892').progress;
    const last = applyItemScan(lines, progress, '4006381333931');
    expect(last.result).toMatchObject({ kind: 'accepted', lineNo: 2, complete: true });
    expect(isFullyScanned(lines, last.progress)).toBe(true);
  });

  it('refuses a barcode that is not in the order, without changing progress', () => {
    const progress = [{ lineNo: 1, scanned: 1 }];
    const { result, progress: next } = applyItemScan(lines, progress, '0000000000000');
    expect(result).toEqual({ kind: 'wrong-item', barcode: '0000000000000' });
    expect(next).toEqual(progress);
  });

  it('refuses an extra unit of a full line', () => {
    const progress = [
      { lineNo: 1, scanned: 2 },
      { lineNo: 2, scanned: 0 },
    ];
    expect(applyItemScan(lines, progress, '6901234567892').result).toEqual({
      kind: 'over-scan',
      lineNo: 1,
      required: 2,
    });
  });

  it('accepts the SKU as well as the product barcode, and trims scanner whitespace', () => {
    expect(applyItemScan(lines, [], ' SKU-B\n').result).toMatchObject({ kind: 'accepted', lineNo: 2 });
  });

  it('fills split lines with the same barcode in order', () => {
    const split: OrderLine[] = [
      { lineNo: 1, sku: 'X', name: 'X', barcode: '111', quantity: 1 },
      { lineNo: 2, sku: 'X', name: 'X', barcode: '111', quantity: 1 },
    ];
    const a = applyItemScan(split, [], '111');
    const b = applyItemScan(split, a.progress, '111');
    expect([a.result, b.result]).toMatchObject([{ lineNo: 1 }, { lineNo: 2, complete: true }]);
  });
});

describe('command barcodes', () => {
  it('round-trips every command and ignores ordinary codes', () => {
    for (const command of ['confirm', 'reprint', 'cancel'] as const) {
      expect(parseScanCommand(scanCommandBarcode(command))).toBe(command);
      // A scanner with Caps Lock on sends the code in lower case.
      expect(parseScanCommand(scanCommandBarcode(command).toLowerCase())).toBe(command);
    }
    expect(parseScanCommand('SO-100001')).toBeNull();
    expect(parseScanCommand('%DS%EXPLODE')).toBeNull();
    // NEXT did the same as CANCEL and no screen named it: it is no longer a command.
    expect(parseScanCommand('%DS%NEXT')).toBeNull();
  });
});
