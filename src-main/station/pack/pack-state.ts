import type { PackError, PackState } from '../../contract';
import { isFullyScanned, type LineProgress } from '../../domain';
import type { LabelTemplate } from '../../labels';
import type { PrintJob, StoredOrder } from '../../store';
import type { StationError } from '../station-error';

/** The order on the bench and how far packing it got. */
export interface OpenOrder {
  stored: StoredOrder;
  progress: LineProgress[];
  /** The order's first print job, which holds its tracking number; null until one was recorded. */
  job: PrintJob | null;
  /** The last job tried for this label (the first, a retry or a reprint): what a retry continues from. */
  attempt: string | null;
  /** The label that is out (or may be): set once a print went to the printer. */
  label: NonNullable<PackState['label']> | null;
  /** The template version the order prints with, fixed when it was opened. */
  template: { ref: string; template: LabelTemplate };
  /** The last attempt could not render the label: the next one takes the active template again. */
  renderFailed: boolean;
  /** The quantity prompt open on this order: the line, the scan that opened it and the count typed so far. */
  quantityPrompt: { lineNo: number; code: string; count: number | null } | null;
  /** Lines the packer chose to scan one at a time (cancelled their prompt): no prompt again on this order. */
  oneByOne: Set<number>;
  /** The waybill was printed in a batch before the order was opened: `job` is that label; none prints again. */
  preprinted: boolean;
}

/**
 * What the pack screen shows, kept between scans: the state machine idle → packing → printed → (confirm) idle.
 * The pack service moves it; {@link BenchState.snapshot} is what the contract publishes.
 */
export interface BenchState {
  current: OpenOrder | null;
  error: PackError | null;
  lastScan: PackState['lastScan'];
  lastShipped: PackState['lastShipped'];
  printIssue: NonNullable<PackState['printIssue']> | null;
  /** The last explicit reprint of the parcel shipped last. */
  lastReprint: NonNullable<PackState['lastReprint']> | null;
  /** What the scan log records as the reason of the scan being applied (a quantity, a prompt), when it says more. */
  scanNote: string | null;
  phase(): PackState['phase'];
  /**
   * Every item is scanned and no label is out: an attempt to print failed with nothing sent. The next scan of
   * one of the order's items, REPRINT or confirm prints it; nothing here is an over-scan.
   */
  awaitingLabel(): boolean;
  /** Opens an order: items to scan, nothing printed yet. */
  open(stored: StoredOrder, template: OpenOrder['template']): void;
  /** Lets the open order go (cancelled before anything printed, or changed in the ERP). */
  drop(): void;
  /** Shows a refusal until it is acknowledged. */
  refuse(failure: StationError): void;
  snapshot(): PackState;
}

/** Creates the bench's state: idle, nothing scanned. */
export function createBenchState(): BenchState {
  const bench: BenchState = {
    current: null,
    error: null,
    lastScan: null,
    lastShipped: null,
    printIssue: null,
    lastReprint: null,
    scanNote: null,
    phase() {
      if (!bench.current) return 'idle';
      return bench.current.label ? 'printed' : 'packing';
    },
    awaitingLabel() {
      const cur = bench.current;
      return cur !== null && cur.label === null && isFullyScanned(cur.stored.order.lines, cur.progress);
    },
    open(stored, template) {
      bench.current = {
        stored,
        progress: stored.order.lines.map((line) => ({ lineNo: line.lineNo, scanned: 0 })),
        job: null,
        attempt: null,
        label: null,
        template,
        renderFailed: false,
        quantityPrompt: null,
        oneByOne: new Set(),
        preprinted: false,
      };
      bench.lastShipped = null;
      bench.lastReprint = null;
      bench.printIssue = null;
    },
    drop() {
      bench.current = null;
      bench.printIssue = null;
    },
    refuse(failure) {
      bench.error = { code: failure.code, message: failure.message, params: failure.params };
    },
    snapshot: () => snapshotOf(bench),
  };
  return bench;
}

function snapshotOf(bench: BenchState): PackState {
  const cur = bench.current;
  const order = cur?.stored.order;
  return {
    phase: bench.phase(),
    order:
      order && cur
        ? {
            orderNo: order.orderNo,
            version: order.version,
            receiver: {
              name: order.receiver.name,
              phone: order.receiver.phone,
              country: order.receiver.country,
              province: order.receiver.province,
              city: order.receiver.city,
              district: order.receiver.district,
              address: order.receiver.address,
            },
            lines: order.lines.map((line) => ({
              lineNo: line.lineNo,
              sku: line.sku,
              name: line.name,
              barcode: line.barcode,
              quantity: line.quantity,
              scanned: cur.progress.find((p) => p.lineNo === line.lineNo)?.scanned ?? 0,
            })),
            note: order.note,
          }
        : null,
    error: bench.error,
    lastScan: bench.lastScan,
    label: cur?.label ?? null,
    lastShipped: bench.lastShipped,
    printIssue: bench.printIssue,
    quantityPrompt: quantityPromptOf(cur),
    preprinted: cur?.preprinted && cur.job ? { trackingNumber: cur.job.trackingNumber, jobId: cur.job.id } : null,
    lastReprint: bench.lastReprint,
  };
}

function quantityPromptOf(cur: OpenOrder | null): PackState['quantityPrompt'] {
  const prompt = cur?.quantityPrompt;
  const line = prompt && cur.stored.order.lines.find((l) => l.lineNo === prompt.lineNo);
  if (!prompt || !line) return null;
  return {
    lineNo: line.lineNo,
    sku: line.sku,
    name: line.name,
    barcode: line.barcode,
    required: line.quantity,
    scanned: cur.progress.find((p) => p.lineNo === line.lineNo)?.scanned ?? 0,
    count: prompt.count,
  };
}
