import type { CommandInput, CommandOutput, OrderDetail, OrderRow } from '../contract';
import { maskPhone, totalUnits } from '../domain';
import type { LabelTemplate } from '../labels';
import type {
  OrderSearchRepository,
  OrdersRepository,
  PrintBatchesRepository,
  PrintJobsRepository,
  StoredOrder,
} from '../store';
import type { LabelRendering } from './pack/pack-printing';
import { StationError } from './station-error';

/** The Orders screen's reads: search with filters, an order's shipment history, and any of its labels. */
export interface OrdersService {
  search(input: CommandInput<'orders:search'>): CommandOutput<'orders:search'>;
  /** @throws StationError `order-not-found` when the station does not hold the order */
  detail(orderNo: string): OrderDetail;
  /**
   * The label of one of the order's print jobs, drawn again from the stored order with the template version the job
   * recorded, at the dpi of the printer it went to: the raster that printed (the print queue keeps no label files).
   * @throws StationError `order-not-found`, `print-job-not-found`, `template-not-found`
   */
  label(orderNo: string, jobId: string): Promise<CommandOutput<'orders:label'>>;
}

/** What the orders service reads. */
export interface OrdersServiceDeps {
  search: OrderSearchRepository;
  orders: OrdersRepository;
  jobs: PrintJobsRepository;
  batches: PrintBatchesRepository;
  labels: LabelRendering;
  templateByRef: (ref: string) => Promise<LabelTemplate>;
  /** The dots per inch of a printer (by URI and the profile the job recorded); 203 when it cannot be told. */
  dpiOf: (printerUri: string, profile: string | null) => number;
  /** True while the order's shipment waits in the outbox. */
  isShipmentQueued: (orderNo: string) => boolean;
}

/** Creates the orders service. */
export function createOrdersService(deps: OrdersServiceDeps): OrdersService {
  const storedOrThrow = (orderNo: string): StoredOrder => {
    const stored = deps.orders.get(orderNo);
    if (!stored) throw new StationError('order-not-found', `order ${orderNo} is not at this station`, { orderNo });
    return stored;
  };

  const rowOf = (hit: ReturnType<OrderSearchRepository['search']>['hits'][number]): OrderRow => {
    const order = hit.stored.order;
    return {
      orderNo: order.orderNo,
      status: hit.standing,
      receiverName: order.receiver.name,
      phoneMasked: maskPhone(order.receiver.phone),
      city: order.receiver.city,
      units: totalUnits(order),
      lines: order.lines.length,
      trackingNumber: hit.trackingNumber,
      issues: hit.stored.issues.length,
      updatedAt: hit.updatedAt,
    };
  };

  return {
    search({ query, status, limit, offset }) {
      const page = deps.search.search({
        text: query ?? '',
        standing: status ?? null,
        limit: limit ?? 50,
        offset: offset ?? 0,
      });
      return { total: page.total, counts: page.counts, items: page.hits.map(rowOf) };
    },
    detail(orderNo) {
      const stored = storedOrThrow(orderNo);
      const order = stored.order;
      const standing = deps.search.standingOf(order.orderNo) ?? 'pending';
      const shipment = deps.search.shipmentOf(order.orderNo);
      const batchOf = new Map(
        deps.batches
          .itemsOfOrder(order.orderNo)
          .flatMap((item) => (item.jobId ? [[item.jobId, item.batchId] as const] : [])),
      );
      const prints = deps.jobs.forOrder(order.orderNo).map((job) => ({
        jobId: job.id,
        trackingNumber: job.trackingNumber,
        printer: job.printer,
        template: job.template,
        state: job.state,
        createdAt: job.createdAt,
        sentAt: job.sentAt,
        reprintOf: job.reprintOf,
        requestedBy: job.requestedBy,
        reason: job.reason,
        detail: job.detail ?? job.error,
        batchId: batchOf.get(job.id) ?? null,
      }));
      return {
        orderNo: order.orderNo,
        status: standing,
        version: order.version,
        receiver: {
          name: order.receiver.name,
          phoneMasked: maskPhone(order.receiver.phone),
          country: order.receiver.country,
          ...(order.receiver.province ? { province: order.receiver.province } : {}),
          city: order.receiver.city,
          ...(order.receiver.district ? { district: order.receiver.district } : {}),
          address: order.receiver.address,
        },
        lines: order.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          name: l.name,
          barcode: l.barcode,
          quantity: l.quantity,
        })),
        ...(order.note ? { note: order.note } : {}),
        issues: stored.issues,
        trackingNumber: shipment?.trackingNumber ?? prints[0]?.trackingNumber ?? order.trackingNumber ?? null,
        shipment: shipment
          ? {
              trackingNumber: shipment.trackingNumber,
              carrier: shipment.carrier,
              weightKg: shipment.weightKg,
              shippedAt: shipment.createdAt,
              printJobId: shipment.printJobId,
              queued: deps.isShipmentQueued(order.orderNo),
            }
          : null,
        prints,
      };
    },
    async label(orderNo, jobId) {
      const stored = storedOrThrow(orderNo);
      const job = deps.jobs.get(jobId);
      if (!job || job.orderNo !== stored.order.orderNo) {
        throw new StationError('print-job-not-found', `print job ${jobId} is not one of order ${orderNo}`, {
          orderNo,
          jobId,
        });
      }
      const template = await deps.templateByRef(job.template);
      const dpi = deps.dpiOf(job.printer, job.profile);
      const rendered = await deps.labels.render({
        order: stored.order,
        trackingNumber: job.trackingNumber,
        dpi,
        template,
      });
      return {
        jobId: job.id,
        trackingNumber: job.trackingNumber,
        template: job.template,
        png: `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`,
        widthMm: rendered.widthMm,
        heightMm: rendered.heightMm,
        dpi,
      };
    },
  };
}
