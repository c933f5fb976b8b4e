import type { OrderLine } from './order';

/** How far one line of the order has been scanned. */
export interface LineProgress {
  lineNo: number;
  scanned: number;
}

/** The outcome of scanning one item barcode against an order. */
export type ItemScanResult =
  | { kind: 'accepted'; lineNo: number; scanned: number; required: number; complete: boolean }
  | { kind: 'wrong-item'; barcode: string }
  | { kind: 'over-scan'; lineNo: number; required: number };

/**
 * Applies one item scan to the order's progress. Pure: returns the verdict and the new progress, never mutates.
 * A barcode matches a line by its product barcode or its SKU; when several lines share a barcode the first line
 * that still needs units takes it, so split lines fill in order.
 */
export function applyItemScan(
  lines: readonly OrderLine[],
  progress: readonly LineProgress[],
  rawBarcode: string,
): { result: ItemScanResult; progress: LineProgress[] } {
  const barcode = rawBarcode.trim();
  const scannedOf = (lineNo: number): number => progress.find((p) => p.lineNo === lineNo)?.scanned ?? 0;
  const matching = lines.filter((line) => line.barcode === barcode || line.sku === barcode);
  if (matching.length === 0) {
    return { result: { kind: 'wrong-item', barcode }, progress: [...progress] };
  }
  const open = matching.find((line) => scannedOf(line.lineNo) < line.quantity);
  if (!open) {
    const full = matching[0]!;
    return { result: { kind: 'over-scan', lineNo: full.lineNo, required: full.quantity }, progress: [...progress] };
  }
  const scanned = scannedOf(open.lineNo) + 1;
  const next = lines.map((line) => ({
    lineNo: line.lineNo,
    scanned: line.lineNo === open.lineNo ? scanned : scannedOf(line.lineNo),
  }));
  const complete = lines.every((line) => (next.find((p) => p.lineNo === line.lineNo)?.scanned ?? 0) >= line.quantity);
  return {
    result: { kind: 'accepted', lineNo: open.lineNo, scanned, required: open.quantity, complete },
    progress: next,
  };
}

/** True when every line has all its units scanned. */
export function isFullyScanned(lines: readonly OrderLine[], progress: readonly LineProgress[]): boolean {
  return lines.every((line) => (progress.find((p) => p.lineNo === line.lineNo)?.scanned ?? 0) >= line.quantity);
}
