import type { PackError, PackState } from '../contract';
import { applyItemScan, isFullyScanned, parseScanCommand, type LineProgress, type Order } from '../domain';
import { ErpError, type ShipmentConfirmation } from '../erp';
import type { LabelTemplate } from '../labels';
import type { Printer } from '../printers';
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
  carrier: string;
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
  let current: Current | null = null;
  let error: PackError | null = null;
  let lastScan: PackState['lastScan'] = null;
  let lastShipped: PackState['lastShipped'] = null;
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
  }

  async function printLabel(cur: Current): Promise<void> {
    const order = cur.stored.order;
    const job = deps.shipping.queuePrint({
      id: deps.newId(),
      orderNo: order.orderNo,
      carrier: deps.carrier,
      printer: deps.printer.uri,
      template: cur.template?.ref ?? 'default',
      now: now(),
    });
    cur.job = job;
    await sendJob(cur, job);
  }

  /**
   * A second copy of the label on screen, with the same tracking number: only ever on the packer's explicit
   * command, and recorded as its own print job that points at the first.
   */
  async function reprintLabel(cur: Current | null): Promise<void> {
    if (!cur?.job || !cur.label) {
      throw new StationError(
        'nothing-to-reprint',
        'there is no printed label to reprint; scan an order and its items first',
      );
    }
    const job = deps.shipping.queueReprint({ id: deps.newId(), reprintOf: cur.job.id, now: now() });
    await sendJob(cur, job);
  }

  /** Renders the job's label and hands it to the printer once; the job's state records how far it got. */
  async function sendJob(cur: Current, job: PrintJob): Promise<void> {
    const order = cur.stored.order;
    let rendered: Awaited<ReturnType<LabelRendering['render']>>;
    try {
      rendered = await deps.labels.render({
        order,
        trackingNumber: job.trackingNumber,
        dpi: deps.printer.dpi,
        ...(cur.template ? { template: cur.template.template } : {}),
      });
    } catch (failure) {
      deps.shipping.setPrintState(job.id, 'failed', (failure as Error).message, now());
      throw new StationError('print-failed', `the waybill could not be rendered: ${(failure as Error).message}`, {
        reason: (failure as Error).message,
      });
    }
    // Marked sent before the first byte leaves: if the station dies mid-write, the job reads "may have printed".
    deps.shipping.setPrintState(job.id, 'sent', null, now());
    // A reprint gets its own file name so the first copy is never overwritten.
    const copy = job.id === cur.job?.id ? '' : `_reprint-${job.id.slice(0, 8)}`;
    const baseName = `${order.orderNo}_${job.trackingNumber}${copy}`.replace(/[^\w.-]/g, '_');
    try {
      const outcome = await deps.printer.print({
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
    cur.label = {
      trackingNumber: job.trackingNumber,
      previewPng: `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`,
      printer: deps.printer.uri,
      widthMm: rendered.widthMm,
      heightMm: rendered.heightMm,
    };
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
      carrier: deps.carrier,
      weightKg: order.weightKg,
      shippedAt: now(),
      lines: order.lines.map((line) => ({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity })),
      stationId: deps.stationId,
    };
    deps.shipping.confirm({
      id: deps.newId(),
      orderNo: order.orderNo,
      trackingNumber: cur.job.trackingNumber,
      carrier: deps.carrier,
      weightKg: order.weightKg ?? null,
      orderVersion: order.version,
      printJobId: cur.job.id,
      now: now(),
      outbox: { idempotencyKey, payload: confirmation },
    });
    lastShipped = { orderNo: order.orderNo, trackingNumber: cur.job.trackingNumber, queued: true };
    current = null;
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
        } else if (command === 'reprint') await reprintLabel(current);
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
