import type { CommandInput, PackState } from '../../contract';
import { applyItemScan, isCommandBarcode, parseScanCommand } from '../../domain';
import type { ShipmentConfirmation } from '../../erp';
import type { PrintJob, ScanLog, ScanLookup, ShippingStore } from '../../store';
import type { ClaimService } from '../claim-service';
import type { Logger } from '../../platform';
import { internalFailure } from '../internal-failure';
import { isDiskFull, toStationError } from '../refusal-from-failure';
import { StationError } from '../station-error';
import { createOrderRefresh, type OrderRefreshDeps } from './order-refresh';
import { createPackPrinting, resolvePackTemplate, type PackPrintingDeps } from './pack-printing';
import { createBenchState, type OpenOrder } from './pack-state';
import { idleScanRefusal, packingScanRefusal, unknownCommandBarcode } from './scan-classification';
import {
  applyPromptCount,
  closePromptOneByOne,
  isItemOf,
  opensPrompt,
  promptLine,
  type QuantityPromptSetting,
} from './quantity-entry';

/** The packer's use cases: scan an order, scan its items, print, confirm. */
export interface PackService {
  state(): PackState;
  /** Applies one scan: an order number, an item barcode or a command barcode. Scans are handled strictly in order. */
  scan(code: string): Promise<PackState>;
  confirm(): Promise<PackState>;
  cancel(): Promise<PackState>;
  acknowledge(): Promise<PackState>;
  /**
   * Prints the label that failed with nothing sent again, on the primary printer (after fixing it) or on the
   * station's backup printer. Refused when the last job may have printed: that takes an explicit reprint.
   */
  retryPrint(target: 'primary' | 'backup'): Promise<PackState>;
  /** An explicit second copy of the printed label, logged with who asked and why. */
  reprint(input: { reason: string; requestedBy?: string }): Promise<PackState>;
  /** Re-reads whether the last shipment still waits in the outbox (after an upload) and publishes the change. */
  refreshLastShipped(): void;
  /** The quantity prompt: the packer's typed count (`set`), Enter (`apply`), or scanning one at a time (`cancel`). */
  quantity(input: CommandInput<'pack:quantity'>): Promise<PackState>;
}

/** Everything the pack service works with. Time and ids are dependencies so tests control them. */
export interface PackServiceDeps extends OrderRefreshDeps, PackPrintingDeps {
  shipping: Pick<ShippingStore, 'queuePrint' | 'confirm' | 'findShipment'>;
  scanLog: ScanLog;
  /** What a scan is when it is not what the bench expects: another order, a shipped parcel's label, an item. */
  lookup: ScanLookup;
  /** Claims each order in the ERP when it is opened (a renewed lease while packing). */
  claims: ClaimService;
  stationId: string;
  /** Called after every state change, with the new state. */
  onChange: (state: PackState) => void;
  /** Called after a shipment was queued for the ERP; the caller decides when to upload. */
  onShipmentQueued: (orderNo: string, idempotencyKey: string) => void;
  /** True while the order's shipment still waits in the outbox. */
  isShipmentQueued: (orderNo: string) => boolean;
  /** Where a scan's unexpected failure is logged with its stack; the packer sees only its correlation id. */
  logger: Logger;
  /** The quantity prompt for lines of many units, as the station's settings have it now; absent: off. */
  quantityPrompt?: (() => QuantityPromptSetting) | undefined;
  /**
   * The label a batch printed for this order while it was at `version` (still out: sent, confirmed or unknown);
   * null when none did. Packing such an order prints nothing: the packer scans the items and confirms.
   */
  batchLabelOf?: ((orderNo: string, version: number) => PrintJob | null) | undefined;
}

/**
 * Creates the pack service: the bench's state machine (pack-state), its one print path through the print queue
 * (pack-printing) and the order refresh against the ERP (order-refresh), driven by scans in arrival order.
 */
export function createPackService(deps: PackServiceDeps): PackService {
  const bench = createBenchState();
  const refresh = createOrderRefresh(deps);
  const printing = createPackPrinting(deps, bench);
  // Scans arrive faster than the work they cause; a chain keeps them strictly in order.
  let queue: Promise<unknown> = Promise.resolve();
  const now = () => deps.clock().toISOString();

  function log(code: string, verdict: string, reason: string | null): void {
    try {
      deps.scanLog.record({ at: now(), code, orderNo: bench.current?.stored.order.orderNo ?? null, verdict, reason });
    } catch (failure) {
      // A full disk must not stop the bench on top: what the scan did (or the disk-full refusal) is what counts.
      if (!isDiskFull(failure)) throw failure;
    }
  }

  function refuse(code: string, failure: StationError): void {
    bench.refuse(failure);
    bench.lastScan = { code, verdict: 'refused', at: now() };
    bench.scanNote = null;
    log(code, 'refused', failure.code);
  }

  function accept(code: string, verdict: 'accepted' | 'command'): void {
    bench.lastScan = { code, verdict, at: now() };
    // A scan that did more than count one unit (opened the quantity prompt, applied a count) says so in the log.
    log(code, verdict, bench.scanNote);
    bench.scanNote = null;
  }

  /**
   * The order a scan names: the local one, ignoring case; else, when the code is a shipped parcel's label or an
   * item here, that refusal; else the ERP's (as scanned, then in capitals, since order numbers are upper case).
   */
  async function loadScannedOrder(code: string) {
    const local = deps.lookup.orderNumber(code);
    if (local) return refresh.load(local);
    const refusal = idleScanRefusal(code, deps.lookup);
    if (refusal) throw refusal;
    const upper = code.toUpperCase();
    if (upper === code) return refresh.load(code);
    try {
      return await refresh.load(code);
    } catch (failure) {
      if (!(failure instanceof StationError) || failure.code !== 'order-not-found') throw failure;
      return refresh.load(upper);
    }
  }

  async function openOrder(code: string): Promise<void> {
    const stored = await loadScannedOrder(code);
    const order = stored.order;
    const shipment = deps.shipping.findShipment(order.orderNo);
    if (shipment || stored.localState === 'shipped' || order.status === 'shipped') {
      const trackingNumber = shipment?.trackingNumber ?? stored.trackingNumber ?? order.trackingNumber ?? '';
      throw new StationError(
        'order-already-shipped',
        `order ${order.orderNo} is already shipped with tracking number ${trackingNumber}; use reprint for a new copy`,
        { orderNo: order.orderNo, trackingNumber },
      );
    }
    if (order.status === 'cancelled') {
      throw new StationError('order-cancelled', `order ${order.orderNo} is cancelled in the ERP; do not ship it`, {
        orderNo: order.orderNo,
      });
    }
    if (stored.issues.length > 0) {
      const reasons = stored.issues.map((issue) => issue.message).join('; ');
      throw new StationError('order-invalid', `order ${order.orderNo} cannot be printed: ${reasons}`, {
        orderNo: order.orderNo,
        reasons,
      });
    }
    // Before anything is printed: another station's live claim stops the packer here, not at upload time.
    await deps.claims.claim(order.orderNo);
    bench.open(stored, await resolvePackTemplate(deps.resolveTemplate));
    await recallBatchLabel(bench.current!);
  }

  /** An order whose waybill a batch printed packs against that label: no second one prints. */
  async function recallBatchLabel(cur: OpenOrder): Promise<void> {
    const job = deps.batchLabelOf?.(cur.stored.order.orderNo, cur.stored.order.version) ?? null;
    if (!job || !deps.templateByRef) return;
    cur.job = job;
    cur.attempt = job.id;
    cur.preprinted = true;
    cur.template = { ref: job.template, template: await deps.templateByRef(job.template) };
  }

  /** Drops the open order when the ERP cancelled or changed it since it was opened. */
  async function recheck(cur: OpenOrder): Promise<void> {
    const refusal = await refresh.recheck(cur);
    if (!refusal) return;
    bench.drop();
    throw refusal;
  }

  /** Prints the label of an order whose items are all scanned: the first time, or again after nothing printed. */
  async function printScanned(cur: OpenOrder, target: 'primary' | 'backup' = 'primary'): Promise<void> {
    await recheck(cur);
    if (cur.preprinted && !cur.label) return printing.showPreprinted(cur);
    await printing.print(cur, target);
  }

  async function scanItem(code: string, cur: OpenOrder): Promise<void> {
    await deps.claims.renew(cur.stored.order.orderNo);
    const prompted = promptLine(cur);
    if (prompted && isItemOf(prompted, code)) {
      // The item scanned again confirms the typed count.
      const count = applyPromptCount(cur);
      bench.scanNote = `quantity ${count} of ${prompted.sku}, confirmed by scanning the item again`;
      accept(code, 'accepted');
      if (bench.awaitingLabel()) await printAfterScan(code, cur);
      return;
    }
    // Anything else closes the prompt first; the scan that opened it counts as the one unit it was.
    if (prompted) closePromptOneByOne(cur);
    const { result, progress } = applyItemScan(cur.stored.order.lines, cur.progress, code);
    if (result.kind === 'wrong-item') {
      const refusal = packingScanRefusal(code, cur.stored.order.orderNo, deps.lookup);
      if (refusal) throw refusal;
      throw new StationError('wrong-item', `${code} is not part of order ${cur.stored.order.orderNo}; put it aside`, {
        barcode: code,
      });
    }
    if (result.kind === 'over-scan') {
      // Every item is in and no label came out: an item of the order scanned again asks for the label.
      if (bench.awaitingLabel()) {
        accept(code, 'accepted');
        return printAfterScan(code, cur);
      }
      const line = cur.stored.order.lines.find((l) => l.lineNo === result.lineNo)!;
      throw new StationError(
        'over-scan',
        `order ${cur.stored.order.orderNo} needs only ${result.required} of ${line.sku}; put the extra one aside`,
        {
          sku: line.sku,
          required: result.required,
        },
      );
    }
    if (deps.quantityPrompt && opensPrompt(cur, result.lineNo, deps.quantityPrompt())) {
      cur.quantityPrompt = { lineNo: result.lineNo, code, count: null };
      bench.scanNote = 'quantity prompt opened; nothing counted until the count is confirmed';
      accept(code, 'accepted');
      return;
    }
    cur.progress = progress;
    // The item is in the parcel and counted, whatever the printer does next.
    accept(code, 'accepted');
    if (bench.awaitingLabel()) await printAfterScan(code, cur);
  }

  /**
   * Prints after an item scan that already counted. A print that fails is shown as the bench's error (and its
   * print issue); it is not a refusal of that scan, which stays accepted in the footer and the scan log.
   */
  async function printAfterScan(code: string, cur: OpenOrder): Promise<void> {
    try {
      await printScanned(cur);
    } catch (failure) {
      bench.refuse(toStationError(failure) ?? internalFailure(failure, deps.logger, { scan: code }));
    }
  }

  /** The quantity prompt's actions from the screen (typing, Enter, Escape). */
  async function quantity(input: CommandInput<'pack:quantity'>): Promise<void> {
    const cur = bench.current;
    const line = cur && promptLine(cur);
    // No prompt open (it closed meanwhile): nothing to do, the screen follows the state it gets back.
    if (!cur || !line) return;
    if (input.action === 'set') {
      cur.quantityPrompt!.count = input.count;
      return;
    }
    if (input.action === 'cancel') {
      closePromptOneByOne(cur);
      bench.lastScan = { code: line.barcode, verdict: 'accepted', at: now() };
      log(line.barcode, 'accepted', `quantity prompt of ${line.sku} closed: the scan counts as one unit`);
    } else {
      cur.quantityPrompt!.count = input.count;
      const count = applyPromptCount(cur);
      bench.lastScan = { code: line.barcode, verdict: 'accepted', at: now() };
      log(line.barcode, 'accepted', `quantity ${count} of ${line.sku}, confirmed by Enter`);
    }
    if (bench.awaitingLabel()) await printScanned(cur);
  }

  /** Ships the printed parcel; before a label is out, prints it instead (the packer confirms that one next). */
  async function confirmParcel(): Promise<void> {
    const cur = bench.current;
    if (cur) await recheck(cur);
    if (cur && bench.awaitingLabel()) return printing.print(cur, 'primary');
    if (!cur || !cur.label || !cur.job) {
      throw new StationError('not-ready-to-confirm', 'nothing is printed yet: scan an order and all its items first');
    }
    const order = cur.stored.order;
    const idempotencyKey = deps.newId();
    const carrier = deps.carrierFor(order);
    const confirmation: ShipmentConfirmation = {
      orderNo: order.orderNo,
      orderVersion: order.version,
      trackingNumber: cur.job.trackingNumber,
      carrier,
      weightKg: order.weightKg,
      shippedAt: now(),
      lines: order.lines.map((line) => ({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity })),
      stationId: deps.stationId,
    };
    // One transaction: when it fails (a full disk) nothing is written and the label and the order stay as they are.
    deps.shipping.confirm({
      id: deps.newId(),
      orderNo: order.orderNo,
      trackingNumber: cur.job.trackingNumber,
      carrier,
      weightKg: order.weightKg ?? null,
      orderVersion: order.version,
      printJobId: cur.job.id,
      now: now(),
      outbox: { idempotencyKey, payload: confirmation },
    });
    bench.lastShipped = { orderNo: order.orderNo, trackingNumber: cur.job.trackingNumber, queued: true };
    // The parcel is out: a refused scan before it (already acknowledged) is history, not news next to "Shipped".
    if (bench.lastScan?.verdict === 'refused') bench.lastScan = null;
    bench.drop();
    deps.claims.release(order.orderNo);
    deps.onShipmentQueued(order.orderNo, idempotencyKey);
  }

  /** Another label for the order: the one that did not print (nothing sent), or an explicit second copy. */
  async function printAgain(target: 'primary' | 'backup', why?: { reason: string; requestedBy?: string }) {
    const cur = bench.current;
    if (cur && (bench.printIssue?.state === 'failed' || bench.awaitingLabel())) return printing.print(cur, target);
    // Nothing on the bench: REPRINT (or the button) repeats the label of the parcel just confirmed; a copy of it
    // that failed with nothing sent may be tried again (or on the backup printer).
    const last = bench.lastShipped;
    if (!cur && last && (why || bench.printIssue?.state === 'failed')) {
      const issue = bench.printIssue;
      const reason = why ?? {
        reason: `copy ${issue!.jobId} not printed (${issue!.condition ?? 'failed'}); printing on the ${target} printer`,
      };
      const copy = await printing.reprintShipped(last.orderNo, target, reason);
      bench.lastReprint = { orderNo: last.orderNo, trackingNumber: copy.trackingNumber, jobId: copy.jobId, at: now() };
      return;
    }
    if (why) return printing.reprint(cur, why);
    throw new StationError(
      'nothing-to-retry',
      'there is no failed label to print again; a label that may have printed needs an explicit reprint',
    );
  }

  /** CANCEL scanned: lets the open order go; says why when there is none, or when its label is out. */
  function cancelByScan(): void {
    const cur = bench.current;
    if (!cur) throw new StationError('nothing-to-cancel', 'no order is open, so there is nothing to cancel');
    // A printed label stays until confirmed: dropping it here would orphan a waybill already on a parcel.
    if (cur.label) {
      throw new StationError(
        'confirm-first',
        `the label of order ${cur.stored.order.orderNo} is printed: confirm the parcel (Enter or scan its label)`,
        { orderNo: cur.stored.order.orderNo },
      );
    }
    bench.drop();
  }

  async function handleScan(rawCode: string): Promise<void> {
    const code = rawCode.trim();
    // A scan also acknowledges a refusal on screen: the packer has seen it and acts.
    bench.error = null;
    const command = parseScanCommand(code);
    try {
      if (command) {
        accept(code, 'command');
        if (command === 'confirm') await confirmParcel();
        // After a failed print (nothing sent) REPRINT is the scanner's way to try the fixed printer again.
        else if (command === 'reprint') await printAgain('primary', { reason: 'REPRINT command scanned' });
        else cancelByScan();
        return;
      }
      // A command barcode this station does not know is never looked up as an order or an item.
      if (isCommandBarcode(code)) throw unknownCommandBarcode(code);
      const cur = bench.current;
      if (!cur) {
        await openOrder(code);
        accept(code, 'accepted');
        return;
      }
      if (cur.label) {
        if (code === cur.label.trackingNumber) {
          accept(code, 'command');
          await confirmParcel();
          return;
        }
        throw new StationError(
          'confirm-first',
          `confirm the printed parcel of order ${cur.stored.order.orderNo} first (Enter or scan its label)`,
          {
            orderNo: cur.stored.order.orderNo,
          },
        );
      }
      await scanItem(code, cur);
    } catch (failure) {
      // Whatever went wrong, the scan ends as a visible refusal: nothing is dropped without the packer seeing it.
      refuse(code, toStationError(failure) ?? internalFailure(failure, deps.logger, { scan: code }));
    }
  }

  /** Runs `work` after everything queued before it, then publishes the new state. */
  function serial(work: () => Promise<void> | void): Promise<PackState> {
    const next = queue.then(async () => {
      await work();
      const state = bench.snapshot();
      deps.onChange(state);
      return state;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  /** Runs a button's action: a refusal shows on the bench; anything else is the caller's unexpected failure. */
  const action = (work: () => Promise<void> | void) =>
    serial(async () => {
      bench.error = null;
      try {
        await work();
      } catch (failure) {
        const refusal = toStationError(failure);
        if (!refusal) throw failure;
        bench.refuse(refusal);
      }
    });

  return {
    state: () => bench.snapshot(),
    scan: (code) => serial(() => handleScan(code)),
    confirm: () => action(confirmParcel),
    cancel: () =>
      serial(() => {
        bench.error = null;
        // A printed label stays until confirmed or explicitly voided: cancelling it here would orphan a waybill.
        if (bench.current && !bench.current.label) bench.drop();
      }),
    acknowledge: () =>
      serial(() => {
        bench.error = null;
      }),
    retryPrint: (target) => action(() => printAgain(target)),
    quantity: (input) => action(() => quantity(input)),
    reprint: (why) => action(() => printAgain('primary', why)),
    refreshLastShipped() {
      const last = bench.lastShipped;
      if (!last) return;
      const queued = deps.isShipmentQueued(last.orderNo);
      if (queued !== last.queued) {
        bench.lastShipped = { ...last, queued };
        const state = bench.snapshot();
        deps.onChange(state);
      }
    },
  };
}
