import type { Order } from '../../domain';
import type { LabelRaster, LabelTemplate } from '../../labels';
import type { Printer, PrintQueue, PrintRequest, PrintResult } from '../../printers';
import type { PrintJob, ShippingStore, StoredOrder } from '../../store';
import { StationError } from '../station-error';
import type { BenchState, OpenOrder } from './pack-state';

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

/** The packing template as it is now, with the reference print jobs record. */
export type ResolveTemplate = () => Promise<{ ref: { name: string; version: number }; template: LabelTemplate }>;

/** What packing prints with. */
export interface PackPrintingDeps {
  shipping: Pick<ShippingStore, 'queuePrint'>;
  labels: LabelRendering;
  /** The only way a label reaches a printer: status before and after, at most one write per job. */
  printQueue: PrintQueue;
  /** The station's printers as configured now. */
  printers: () => { primary: Printer; backup: Printer | null };
  resolveTemplate: ResolveTemplate;
  /** The carrier whose numbers an order's parcel gets (and that the ERP is told). */
  carrierFor: (order: Order) => string;
  /** Who reprints are recorded as asked by when the command does not say (the bench has no log-in). */
  operator: string;
  clock: () => Date;
  newId: () => string;
  /**
   * The label an order went out with: the stored order, its first print job (which holds the tracking number) and
   * the template version the confirmed label was drawn with. Absent: no reprint after confirm.
   */
  printedLabelOf?: ((orderNo: string) => PrintedLabel | null) | undefined;
  /** A template version by its reference `name@vN`, as print jobs record it. */
  templateByRef?: ((ref: string) => Promise<LabelTemplate>) | undefined;
}

/** What a shipped parcel's label was: enough to draw it again, the same. */
export interface PrintedLabel {
  stored: StoredOrder;
  job: PrintJob;
  template: string;
}

/** Printing an open order's label, always through the print queue. */
export interface PackPrinting {
  /**
   * Prints the order's label: the first time once every item is scanned, and again after an attempt that sent
   * nothing (the label did not render, the printer refused, the station could not record the job), on the
   * primary or the backup printer. Never sends a job that may have printed again.
   * @throws StationError why nothing printed (or that it may have); a failure of the station's database as is
   */
  print(cur: OpenOrder, target: 'primary' | 'backup'): Promise<void>;
  /**
   * A second copy of the label that is out, with the same tracking number: only ever on the packer's explicit
   * command, recorded as its own print job that points at the first, with who asked and why.
   */
  reprint(cur: OpenOrder | null, why: { reason: string; requestedBy?: string | undefined }): Promise<void>;
  /**
   * A second copy of a parcel's label after it was confirmed (the order is no longer on the bench): drawn again
   * from the stored order and the template version it printed with, same tracking number, recorded as a copy of its
   * first job with who asked and why. Only ever on an explicit command.
   * @returns the copy's job and tracking number
   */
  reprintShipped(
    orderNo: string,
    target: 'primary' | 'backup',
    why: { reason: string; requestedBy?: string | undefined },
  ): Promise<{ jobId: string; trackingNumber: string }>;
  /**
   * Shows the label printed for the open order in a batch (every item scanned): the preview drawn from the job's
   * template, nothing sent to a printer. Never fails: without a preview the packer still confirms the parcel.
   */
  showPreprinted(cur: OpenOrder): Promise<void>;
}

/** Names the template version an order prints with. */
export async function resolvePackTemplate(resolve: ResolveTemplate): Promise<OpenOrder['template']> {
  const { ref, template } = await resolve();
  return { ref: `${ref.name}@v${ref.version}`, template };
}

type Deliver = (request: PrintRequest) => Promise<PrintResult>;

/** Creates the pack printing over the bench it reports print issues on. */
export function createPackPrinting(deps: PackPrintingDeps, bench: BenchState): PackPrinting {
  const queue = deps.printQueue;
  const now = () => deps.clock().toISOString();

  /** A new copy of job `of`, logged as asked by `requestedBy` for `reason`. */
  function again(cur: OpenOrder, of: string, requestedBy: string, reason: string): { id: string; deliver: Deliver } {
    const id = deps.newId();
    const template = cur.template.ref;
    return { id, deliver: (request) => queue.printAgain({ ...request, id, of, requestedBy, reason, template }) };
  }

  async function print(cur: OpenOrder, target: 'primary' | 'backup'): Promise<void> {
    const { primary, backup } = deps.printers();
    const printer = target === 'backup' ? backup : primary;
    if (!printer) throw new StationError('no-backup-printer', 'this station has no backup printer configured');
    if (cur.renderFailed && !cur.label) {
      // Nothing is out yet, so no copy must match: the supervisor may have fixed the template meanwhile.
      cur.template = await resolvePackTemplate(deps.resolveTemplate);
      cur.renderFailed = false;
    }
    const order = cur.stored.order;
    if (!cur.job) {
      // The job and its tracking number are recorded in one transaction: a failure here leaves neither.
      const job = deps.shipping.queuePrint({
        id: deps.newId(),
        orderNo: order.orderNo,
        carrier: deps.carrierFor(order),
        printer: printer.uri,
        template: cur.template.ref,
        now: now(),
      });
      cur.job = job;
      cur.attempt = job.id;
      return send(cur, job.id, printer, (request) => queue.run(request));
    }
    const last = (cur.attempt ? queue.get(cur.attempt) : null) ?? queue.get(cur.job.id);
    if (!last || (last.state !== 'queued' && last.state !== 'failed')) {
      throw new StationError(
        'nothing-to-retry',
        'there is no failed label to print again; a label that may have printed needs an explicit reprint',
      );
    }
    if (last.state === 'queued' && last.printer === printer.uri) {
      return send(cur, last.id, printer, (request) => queue.run(request));
    }
    if (last.state === 'queued') queue.abandon(last.id, `not sent; printed as a new job on ${printer.uri}`);
    const why = bench.printIssue?.condition ?? last.error ?? 'failed';
    const copy = again(
      cur,
      last.id,
      deps.operator,
      `previous job ${last.id} not printed (${why}); printing on the ${target} printer`,
    );
    return send(cur, copy.id, printer, copy.deliver);
  }

  async function reprint(
    cur: OpenOrder | null,
    why: { reason: string; requestedBy?: string | undefined },
  ): Promise<void> {
    if (!cur?.job || !cur.label) {
      throw new StationError(
        'nothing-to-reprint',
        'there is no printed label to reprint; scan an order and its items first',
      );
    }
    const copy = again(cur, cur.job.id, why.requestedBy ?? deps.operator, why.reason);
    await send(cur, copy.id, deps.printers().primary, copy.deliver);
  }

  async function reprintShipped(
    orderNo: string,
    target: 'primary' | 'backup',
    why: { reason: string; requestedBy?: string | undefined },
  ): Promise<{ jobId: string; trackingNumber: string }> {
    const printed = deps.printedLabelOf?.(orderNo) ?? null;
    if (!printed || !deps.templateByRef) {
      throw new StationError('nothing-to-reprint', `there is no printed label of order ${orderNo} to reprint`);
    }
    const { primary, backup } = deps.printers();
    const printer = target === 'backup' ? backup : primary;
    if (!printer) throw new StationError('no-backup-printer', 'this station has no backup printer configured');
    // The parcel as it went out, held apart from the bench: its label shows nowhere but on the printer.
    const shipped: OpenOrder = {
      stored: printed.stored,
      progress: [],
      job: printed.job,
      attempt: null,
      label: null,
      template: { ref: printed.template, template: await deps.templateByRef(printed.template) },
      renderFailed: false,
      quantityPrompt: null,
      oneByOne: new Set(),
      preprinted: false,
    };
    const copy = again(shipped, printed.job.id, why.requestedBy ?? deps.operator, why.reason);
    await send(shipped, copy.id, printer, copy.deliver);
    return { jobId: copy.id, trackingNumber: printed.job.trackingNumber };
  }

  async function showPreprinted(cur: OpenOrder): Promise<void> {
    const job = cur.job!;
    const printer = deps.printers().primary;
    let previewPng = '';
    let size = { widthMm: 0, heightMm: 0 };
    try {
      const rendered = await deps.labels.render({
        order: cur.stored.order,
        trackingNumber: job.trackingNumber,
        dpi: printer.dpi,
        template: cur.template.template,
      });
      previewPng = `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`;
      size = { widthMm: rendered.widthMm, heightMm: rendered.heightMm };
    } catch {
      // The label is on the parcel already; a preview that cannot be drawn must not keep it from shipping.
    }
    cur.label = { trackingNumber: job.trackingNumber, previewPng, printer: job.printer, ...size };
  }

  /**
   * Renders the label at the printer's dpi and has the queue deliver job `jobId` once; the job's state records
   * how far it got, the bench shows what the packer must know.
   */
  async function send(cur: OpenOrder, jobId: string, printer: Printer, deliver: Deliver): Promise<void> {
    const order = cur.stored.order;
    const trackingNumber = cur.job!.trackingNumber;
    let rendered: Awaited<ReturnType<LabelRendering['render']>>;
    try {
      rendered = await deps.labels.render({ order, trackingNumber, dpi: printer.dpi, template: cur.template.template });
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      cur.renderFailed = true;
      queue.abandon(jobId, `not rendered: ${reason}`);
      throw new StationError('print-failed', `the waybill could not be rendered: ${reason}`, { reason });
    }
    const copy = jobId === cur.job!.id ? '' : `_reprint-${jobId.slice(0, 8)}`;
    const baseName = `${order.orderNo}_${trackingNumber}${copy}`.replace(/[^\w.-]/g, '_');
    const label = {
      trackingNumber,
      previewPng: `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`,
      printer: printer.uri,
      widthMm: rendered.widthMm,
      heightMm: rendered.heightMm,
    };
    const issue = (state: 'failed' | 'unknown', detail: string, condition: string | null, backup: string | null) => {
      bench.printIssue = { jobId, state, condition, message: detail, printer: printer.uri, backup };
    };
    let result: PrintResult;
    try {
      result = await deliver({ jobId, baseName, label: rendered, printer });
      cur.attempt = jobId;
    } catch (failure) {
      // A copy whose record could not be written does not exist: a retry goes on from the last job that does.
      if (queue.get(jobId)) cur.attempt = jobId;
      // The queue could not record the job's progress (its disk is full): once it was marked sent the label may
      // be out, so it is shown as "may have printed" and only an explicit reprint makes another copy.
      const state = queue.get(jobId)?.state;
      if (state && state !== 'queued' && state !== 'failed') {
        cur.label = label;
        issue('unknown', 'the station could not record whether this label printed', null, null);
      }
      throw failure;
    }
    if (result.state === 'failed') {
      issue('failed', result.detail, result.condition, deps.printers().backup?.uri ?? null);
      throw new StationError('printer-not-ready', `not printed: ${result.detail}`, {
        reason: result.detail,
        condition: result.condition ?? 'error',
        printer: printer.uri,
      });
    }
    bench.printIssue = null;
    cur.label = label;
    if (result.state === 'unknown') {
      // The label may be out: show it and let the packer look; only an explicit reprint makes another copy.
      issue('unknown', result.detail, result.condition, null);
      throw new StationError('print-unknown', `the label may or may not have printed: ${result.detail}`, {
        reason: result.detail,
        printer: printer.uri,
      });
    }
  }

  return { print, reprint, reprintShipped, showPreprinted };
}
