import type { PackError, PackState } from '../contract';
import { applyItemScan, isFullyScanned, parseScanCommand, type LineProgress, type Order } from '../domain';
import { ErpError, type ShipmentConfirmation } from '../erp';
import type { LabelRaster, LabelTemplate } from '../labels';
import type { Printer, PrintQueue, PrintResult } from '../printers';
import type { OrdersRepository, PrintJob, ScanLog, ShippingStore, StoredOrder } from '../store';
import type { OrderPuller, Connectivity } from '../sync';
import type { ClaimService } from './claim-service';
import { StationError } from './station-error';

/** The part of the label engine packing needs: one order in, the PDF and the raster that will print out. */
export interface LabelRendering {
  render(input: { order: Order; trackingNumber: string; dpi: number; template?: string | LabelTemplate }): Promise<{
    template: string;
    widthMm: number;
    heightMm: number;
    pdf: Uint8Array;
    png: Uint8Array;
    /** The raster a printer language encodes (raw printers need it; the file printer writes the PNG). */
    raster?: LabelRaster;
  }>;
}

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
}

/** Everything the pack service works with. Time and ids are dependencies so tests control them. */
export interface PackServiceDeps {
  orders: OrdersRepository;
  shipping: ShippingStore;
  scanLog: ScanLog;
  puller: OrderPuller;
  connectivity: Connectivity;
  labels: LabelRendering;
  printer: Printer;
  stationId: string;
  /** The station's own carrier code: its parcels' numbers come from the station's pool. */
  carrier: string;
  /**
   * The carrier whose numbers an order's parcel gets (and that the ERP is told). Absent: always `carrier`. The
   * composition root answers the order's own carrier when the station holds number ranges for it.
   */
  carrierFor?: (order: StoredOrder['order']) => string;
  clock: () => Date;
  newId: () => string;
  /** Called after every state change, with the new state. */
  onChange: (state: PackState) => void;
  /** Called after a shipment was queued for the ERP; the caller decides when to upload. */
  onShipmentQueued: (orderNo: string, idempotencyKey: string) => void;
  /** True while the order's shipment still waits in the outbox. */
  isShipmentQueued: (orderNo: string) => boolean;
  /**
   * The packing template as it is when an order is opened; the order keeps that version for its print and
   * reprints even if a supervisor saves a new one meanwhile. Absent: the engine's default template.
   */
  resolveTemplate?: () => Promise<{ ref: { name: string; version: number }; template: LabelTemplate }>;
  /** The print queue (status before and after, at most one write per job). Absent: the printer is called directly. */
  printQueue?: PrintQueue;
  /** The station's printers as configured now. Absent: `printer`, and no backup. */
  printers?: () => { primary: Printer; backup: Printer | null };
  /** Who reprints are recorded as asked by when the command does not say (the bench has no log-in). */
  operator?: string;
  /** Claims each order in the ERP when it is opened (a renewed lease while packing). Absent: no claims. */
  claims?: ClaimService;
}

interface Current {
  stored: StoredOrder;
  progress: LineProgress[];
  job: PrintJob | null;
  label: NonNullable<PackState['label']> | null;
  template: { ref: string; template: LabelTemplate } | null;
}

/** Creates the pack service: an explicit state machine idle → packing → printed → (confirm) idle. */
export function createPackService(deps: PackServiceDeps): PackService {
  const carrierOf = (order: StoredOrder['order']): string => deps.carrierFor?.(order) ?? deps.carrier;
  let current: Current | null = null;
  let error: PackError | null = null;
  let lastScan: PackState['lastScan'] = null;
  let lastShipped: PackState['lastShipped'] = null;
  let printIssue: NonNullable<PackState['printIssue']> | null = null;
  const printers = () => deps.printers?.() ?? { primary: deps.printer, backup: null };
  // Scans arrive faster than the work they cause; a chain keeps them strictly in order.
  let queue: Promise<unknown> = Promise.resolve();

  const now = () => deps.clock().toISOString();

  function phase(): PackState['phase'] {
    if (!current) return 'idle';
    return current.label ? 'printed' : 'packing';
  }

  function snapshot(): PackState {
    const order = current?.stored.order;
    return {
      phase: phase(),
      order:
        order && current
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
                scanned: current!.progress.find((p) => p.lineNo === line.lineNo)?.scanned ?? 0,
              })),
              note: order.note,
            }
          : null,
      error,
      lastScan,
      label: current?.label ?? null,
      lastShipped,
      printIssue,
    };
  }

  function changed(): PackState {
    const state = snapshot();
    deps.onChange(state);
    return state;
  }

  function refuse(code: string, failure: StationError): void {
    error = { code: failure.code, message: failure.message, params: failure.params };
    lastScan = { code, verdict: 'refused', at: now() };
    deps.scanLog.record({
      at: now(),
      code,
      orderNo: current?.stored.order.orderNo ?? null,
      verdict: 'refused',
      reason: failure.code,
    });
  }

  function accept(code: string, verdict: 'accepted' | 'command'): void {
    lastScan = { code, verdict, at: now() };
    deps.scanLog.record({ at: now(), code, orderNo: current?.stored.order.orderNo ?? null, verdict, reason: null });
  }

  /** Finds the order locally and, when the ERP answers, refreshes it first so a cancellation there is seen. */
  async function loadOrder(orderNo: string): Promise<StoredOrder> {
    let stored = deps.orders.get(orderNo);
    if (deps.connectivity.online || !stored) {
      try {
        const fresh = await deps.puller.pullOne(orderNo);
        deps.connectivity.succeeded(now());
        stored = fresh ?? stored;
        if (!fresh && !stored)
          throw new StationError('order-not-found', `order ${orderNo} is unknown to the ERP`, { orderNo });
      } catch (failure) {
        if (failure instanceof StationError) throw failure;
        if (failure instanceof ErpError && !failure.retryable && failure.kind !== 'auth') throw failure;
        deps.connectivity.failed(failure instanceof Error ? failure.message : String(failure));
        if (!stored) {
          throw new StationError(
            'order-not-found',
            `order ${orderNo} is not in the local store and the ERP cannot be reached to fetch it`,
            { orderNo },
          );
        }
      }
    }
    if (!stored) throw new StationError('order-not-found', `order ${orderNo} is unknown`, { orderNo });
    return stored;
  }

  async function openOrder(code: string): Promise<void> {
    const stored = await loadOrder(code);
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
    await deps.claims?.claim(order.orderNo);
    const resolved = deps.resolveTemplate ? await deps.resolveTemplate() : null;
    current = {
      stored,
      progress: order.lines.map((line) => ({ lineNo: line.lineNo, scanned: 0 })),
      job: null,
      label: null,
      template: resolved ? { ref: `${resolved.ref.name}@v${resolved.ref.version}`, template: resolved.template } : null,
    };
    lastShipped = null;
    printIssue = null;
  }

  async function printLabel(cur: Current): Promise<void> {
    const order = cur.stored.order;
    const printer = printers().primary;
    const job = deps.shipping.queuePrint({
      id: deps.newId(),
      orderNo: order.orderNo,
      carrier: carrierOf(order),
      printer: printer.uri,
      template: cur.template?.ref ?? 'default',
      now: now(),
    });
    cur.job = job;
    await sendJob(cur, job, printer);
  }

  /**
   * A second copy of the label on screen, with the same tracking number: only ever on the packer's explicit
   * command, and recorded as its own print job that points at the first.
   */
  async function reprintLabel(
    cur: Current | null,
    why: { reason: string; requestedBy?: string | undefined } = { reason: 'REPRINT command scanned' },
  ): Promise<void> {
    if (!cur?.job || !cur.label) {
      throw new StationError(
        'nothing-to-reprint',
        'there is no printed label to reprint; scan an order and its items first',
      );
    }
    const printer = printers().primary;
    if (!deps.printQueue) {
      const job = deps.shipping.queueReprint({ id: deps.newId(), reprintOf: cur.job.id, now: now() });
      await sendJob(cur, job, printer);
      return;
    }
    const queue = deps.printQueue;
    const of = cur.job.id;
    const id = deps.newId();
    await sendJob(cur, { id, trackingNumber: cur.job.trackingNumber }, printer, (request) =>
      queue.printAgain({
        ...request,
        id,
        of,
        requestedBy: why.requestedBy ?? deps.operator ?? `packer@${deps.stationId}`,
        reason: why.reason,
      }),
    );
  }

  /** Prints a label whose job failed with nothing sent once more, on the primary or the backup printer. */
  async function retryLabel(cur: Current | null, target: 'primary' | 'backup'): Promise<void> {
    const issue = printIssue;
    if (!cur?.job || !issue || issue.state !== 'failed' || !deps.printQueue) {
      throw new StationError(
        'nothing-to-retry',
        'there is no failed label to print again; a label that may have printed needs an explicit reprint',
      );
    }
    const { primary, backup } = printers();
    const printer = target === 'backup' ? backup : primary;
    if (!printer) throw new StationError('no-backup-printer', 'this station has no backup printer configured');
    const queue = deps.printQueue;
    const id = deps.newId();
    const of = issue.jobId;
    const job = { id, trackingNumber: cur.job.trackingNumber };
    await sendJob(cur, job, printer, (request) =>
      queue.printAgain({
        ...request,
        id,
        of,
        requestedBy: deps.operator ?? `packer@${deps.stationId}`,
        reason: `previous job ${of} not printed (${issue.condition ?? 'failed'}); printing on the ${target} printer`,
      }),
    );
  }

  /**
   * Renders the job's label at the printer's dpi and hands it to the printer once; the job's state records how far
   * it got. With the print queue, `deliver` runs the job (default: the queued job by its id).
   */
  async function sendJob(
    cur: Current,
    job: Pick<PrintJob, 'id' | 'trackingNumber'>,
    printer: Printer,
    deliver?: (request: Parameters<PrintQueue['run']>[0]) => Promise<PrintResult>,
  ): Promise<void> {
    const order = cur.stored.order;
    let rendered: Awaited<ReturnType<LabelRendering['render']>>;
    try {
      rendered = await deps.labels.render({
        order,
        trackingNumber: job.trackingNumber,
        dpi: printer.dpi,
        ...(cur.template ? { template: cur.template.template } : {}),
      });
    } catch (failure) {
      if (deps.shipping.getPrintJob(job.id)) {
        deps.shipping.setPrintState(job.id, 'failed', (failure as Error).message, now());
      }
      throw new StationError('print-failed', `the waybill could not be rendered: ${(failure as Error).message}`, {
        reason: (failure as Error).message,
      });
    }
    const copy = job.id === cur.job?.id ? '' : `_reprint-${job.id.slice(0, 8)}`;
    const baseName = `${order.orderNo}_${job.trackingNumber}${copy}`.replace(/[^\w.-]/g, '_');
    const labelView = {
      trackingNumber: job.trackingNumber,
      previewPng: `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`,
      printer: printer.uri,
      widthMm: rendered.widthMm,
      heightMm: rendered.heightMm,
    };
    if (deps.printQueue) {
      const queue = deps.printQueue;
      const request = { jobId: job.id, baseName, label: rendered, printer };
      const result = await (deliver ? deliver(request) : queue.run(request));
      if (result.state === 'failed') {
        printIssue = {
          jobId: result.jobId,
          state: 'failed',
          condition: result.condition,
          message: result.detail,
          printer: printer.uri,
          backup: printers().backup?.uri ?? null,
        };
        throw new StationError('printer-not-ready', `not printed: ${result.detail}`, {
          reason: result.detail,
          condition: result.condition ?? 'error',
          printer: printer.uri,
        });
      }
      printIssue = null;
      cur.label = labelView;
      if (result.state === 'unknown') {
        // The label may be out: show it and let the packer look; only an explicit reprint makes another copy.
        printIssue = {
          jobId: result.jobId,
          state: 'unknown',
          condition: result.condition,
          message: result.detail,
          printer: printer.uri,
          backup: null,
        };
        throw new StationError('print-unknown', `the label may or may not have printed: ${result.detail}`, {
          reason: result.detail,
          printer: printer.uri,
        });
      }
      return;
    }
    // Marked sent before the first byte leaves: if the station dies mid-write, the job reads "may have printed".
    deps.shipping.setPrintState(job.id, 'sent', null, now());
    try {
      const outcome = await printer.print({
        jobId: job.id,
        baseName,
        label: rendered,
      });
      deps.shipping.setPrintState(job.id, outcome.state, null, now());
    } catch (failure) {
      deps.shipping.setPrintState(job.id, 'failed', (failure as Error).message, now());
      throw new StationError('print-failed', `printing failed: ${(failure as Error).message}`, {
        reason: (failure as Error).message,
      });
    }
    cur.label = labelView;
  }

  async function scanItem(code: string, cur: Current): Promise<void> {
    await deps.claims?.renew(cur.stored.order.orderNo);
    const { result, progress } = applyItemScan(cur.stored.order.lines, cur.progress, code);
    if (result.kind === 'wrong-item') {
      throw new StationError('wrong-item', `${code} is not part of order ${cur.stored.order.orderNo}; put it aside`, {
        barcode: code,
      });
    }
    if (result.kind === 'over-scan') {
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
    cur.progress = progress;
    if (isFullyScanned(cur.stored.order.lines, cur.progress)) {
      await recheck(cur);
      await printLabel(cur);
    }
  }

  /**
   * Online, right before printing and before confirming: re-reads the order from the ERP and refuses when it was
   * cancelled or changed since it was opened. A printed label's job stays recorded (with its tracking number) for
   * voiding. Offline (or when the ERP does not answer) the snapshot stands.
   */
  async function recheck(cur: Current): Promise<void> {
    if (!deps.connectivity.online) return;
    const opened = cur.stored.order;
    let fresh: StoredOrder | null;
    try {
      fresh = await deps.puller.pullOne(opened.orderNo);
    } catch (failure) {
      deps.connectivity.failed(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    if (!fresh || (fresh.order.status !== 'cancelled' && fresh.order.version === opened.version)) return;
    const label = cur.job && cur.label ? `; void label ${cur.job.trackingNumber}` : '';
    current = null;
    if (fresh.order.status === 'cancelled') {
      throw new StationError(
        'order-cancelled',
        `order ${opened.orderNo} was cancelled in the ERP${label}; do not ship it`,
        {
          orderNo: opened.orderNo,
        },
      );
    }
    throw new StationError(
      'order-changed',
      `order ${opened.orderNo} changed in the ERP (version ${opened.version} → ${fresh.order.version})${label}; scan the order again`,
      { orderNo: opened.orderNo, trackingNumber: cur.job?.trackingNumber ?? '' },
    );
  }

  function doConfirm(): void {
    const cur = current;
    if (!cur || !cur.label || !cur.job) {
      throw new StationError('not-ready-to-confirm', 'nothing is printed yet: scan an order and all its items first');
    }
    const order = cur.stored.order;
    const idempotencyKey = deps.newId();
    const confirmation: ShipmentConfirmation = {
      orderNo: order.orderNo,
      orderVersion: order.version,
      trackingNumber: cur.job.trackingNumber,
      carrier: carrierOf(order),
      weightKg: order.weightKg,
      shippedAt: now(),
      lines: order.lines.map((line) => ({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity })),
      stationId: deps.stationId,
    };
    deps.shipping.confirm({
      id: deps.newId(),
      orderNo: order.orderNo,
      trackingNumber: cur.job.trackingNumber,
      carrier: carrierOf(order),
      weightKg: order.weightKg ?? null,
      orderVersion: order.version,
      printJobId: cur.job.id,
      now: now(),
      outbox: { idempotencyKey, payload: confirmation },
    });
    lastShipped = { orderNo: order.orderNo, trackingNumber: cur.job.trackingNumber, queued: true };
    current = null;
    printIssue = null;
    deps.claims?.release(order.orderNo);
    deps.onShipmentQueued(order.orderNo, idempotencyKey);
  }

  async function handleScan(rawCode: string): Promise<void> {
    const code = rawCode.trim();
    // A scan also acknowledges a refusal on screen: the packer has seen it and acts.
    error = null;
    const command = parseScanCommand(code);
    try {
      if (command) {
        accept(code, 'command');
        if (command === 'confirm') {
          if (current) await recheck(current);
          doConfirm();
        } else if (command === 'reprint') {
          // After a failed print (nothing sent) REPRINT is the scanner's way to try the fixed printer again.
          await (printIssue?.state === 'failed' ? retryLabel(current, 'primary') : reprintLabel(current));
        }
        // A printed label stays until confirmed: dropping it here would orphan a waybill already on a parcel.
        else if (command === 'cancel' || command === 'next') current = current?.label ? current : null;
        return;
      }
      if (!current) {
        await openOrder(code);
        accept(code, 'accepted');
        return;
      }
      if (current.label) {
        if (code === current.label.trackingNumber) {
          accept(code, 'command');
          await recheck(current);
          doConfirm();
          return;
        }
        throw new StationError(
          'confirm-first',
          `confirm the printed parcel of order ${current.stored.order.orderNo} first (Enter or scan its label)`,
          {
            orderNo: current.stored.order.orderNo,
          },
        );
      }
      await scanItem(code, current);
      accept(code, 'accepted');
    } catch (failure) {
      if (failure instanceof StationError) refuse(code, failure);
      else refuse(code, new StationError('internal', `unexpected failure: ${(failure as Error).message}`));
    }
  }

  /** Runs `work` after everything queued before it, then publishes the new state. */
  function serial(work: () => Promise<void> | void): Promise<PackState> {
    const next = queue.then(async () => {
      await work();
      return changed();
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    state: snapshot,
    scan: (code) => serial(() => handleScan(code)),
    confirm: () =>
      serial(async () => {
        try {
          error = null;
          if (current) await recheck(current);
          doConfirm();
        } catch (failure) {
          if (!(failure instanceof StationError)) throw failure;
          error = { code: failure.code, message: failure.message, params: failure.params };
        }
      }),
    cancel: () =>
      serial(() => {
        error = null;
        // A printed label stays until confirmed or explicitly voided: cancelling it here would orphan a waybill.
        if (current && !current.label) current = null;
      }),
    acknowledge: () =>
      serial(() => {
        error = null;
      }),
    retryPrint: (target) =>
      serial(async () => {
        error = null;
        try {
          await retryLabel(current, target);
        } catch (failure) {
          if (!(failure instanceof StationError)) throw failure;
          error = { code: failure.code, message: failure.message, params: failure.params };
        }
      }),
    reprint: (why) =>
      serial(async () => {
        error = null;
        try {
          await reprintLabel(current, why);
        } catch (failure) {
          if (!(failure instanceof StationError)) throw failure;
          error = { code: failure.code, message: failure.message, params: failure.params };
        }
      }),
    refreshLastShipped() {
      if (!lastShipped) return;
      const queued = deps.isShipmentQueued(lastShipped.orderNo);
      if (queued !== lastShipped.queued) {
        lastShipped = { ...lastShipped, queued };
        changed();
      }
    },
  };
}
