import type Database from 'better-sqlite3';
import type { Outbox } from './outbox';
import type { PrintJob, PrintJobsRepository } from './print-jobs-repository';

/** A shipment recorded at this station. */
export interface LocalShipment {
  id: string;
  orderNo: string;
  trackingNumber: string;
  carrier: string;
  createdAt: string;
}

/** The `shipments` columns a {@link LocalShipment} is read from. */
export interface LocalShipmentRow {
  id: string;
  order_no: string;
  tracking_number: string;
  carrier: string;
  created_at: string;
}

/** Maps a `shipments` row to the station's view of it. */
export function toLocalShipment(row: LocalShipmentRow): LocalShipment {
  return {
    id: row.id,
    orderNo: row.order_no,
    trackingNumber: row.tracking_number,
    carrier: row.carrier,
    createdAt: row.created_at,
  };
}

/** What confirming a parcel records: the shipment, and the write-back the ERP must receive. */
export interface ConfirmedShipment {
  id: string;
  orderNo: string;
  trackingNumber: string;
  carrier: string;
  weightKg: number | null;
  orderVersion: number;
  printJobId: string;
  now: string;
  outbox: { idempotencyKey: string; payload: unknown };
}

/** The units of work of packing: each method is one SQLite transaction. */
export interface ShippingStore {
  /**
   * Records the queued print job for an order's waybill. The first print of an order takes a tracking number from
   * the carrier's pool; any later one (after a crash left the outcome unknown, or a re-scan) reuses that number.
   */
  queuePrint(job: {
    id: string;
    orderNo: string;
    carrier: string;
    printer: string;
    template: string;
    now: string;
  }): PrintJob;
  /**
   * Records the confirmed shipment, marks the order shipped here and queues the ERP write-back, all in one
   * transaction: after a crash either all three exist or none.
   */
  confirm(shipment: ConfirmedShipment): void;
  findShipment(orderNo: string): LocalShipment | null;
}

/**
 * Where a new shipment's tracking number comes from: the carriers' number pools (carriers/offline-ranges). The
 * store calls `take` inside its own transaction, so a crash keeps both the number and its use, or neither.
 */
export interface TrackingNumberSource {
  take(carrier: string): string;
}

/** Creates the shipping store over an open station database and the repositories it writes with. */
export function createShippingStore({
  db,
  outbox,
  pools,
  jobs,
}: {
  db: Database.Database;
  outbox: Outbox;
  pools: TrackingNumberSource;
  /** Over the same database: its writes join this store's transactions. */
  jobs: PrintJobsRepository;
}): ShippingStore {
  const insertShipment = db.prepare(`
    INSERT INTO shipments (id, order_no, tracking_number, carrier, weight_kg, order_version, print_job_id, created_at)
    VALUES (@id, @orderNo, @trackingNumber, @carrier, @weightKg, @orderVersion, @printJobId, @now)`);
  const markShipped = db.prepare(
    "UPDATE orders SET local_state = 'shipped', tracking_number = ?, updated_at = ? WHERE order_no = ? AND local_state = 'open'",
  );
  const findShipment = db.prepare(
    'SELECT id, order_no, tracking_number, carrier, created_at FROM shipments WHERE order_no = ?',
  );

  return {
    queuePrint: db.transaction(
      (job: { id: string; orderNo: string; carrier: string; printer: string; template: string; now: string }) => {
        // An order keeps the first number it was given: after a crash (the label may be on a parcel already) or a
        // re-scan the next print carries the same number, recorded as a copy of the first job. Never two numbers.
        const earlier = jobs.firstOfOrder(job.orderNo);
        const trackingNumber = earlier?.trackingNumber ?? pools.take(job.carrier);
        const { id, orderNo, printer, template, now } = job;
        return jobs.queue({ id, orderNo, trackingNumber, printer, template, reprintOf: earlier?.id ?? null, now });
      },
    ),
    confirm: db.transaction((s: ConfirmedShipment) => {
      insertShipment.run({ ...s });
      const changed = markShipped.run(s.trackingNumber, s.now, s.orderNo).changes;
      if (changed !== 1) throw new Error(`order ${s.orderNo} is not open here; refusing a second shipment`);
      outbox.add({
        idempotencyKey: s.outbox.idempotencyKey,
        aggregate: s.orderNo,
        kind: 'shipment.confirm',
        payload: s.outbox.payload,
      });
    }),
    findShipment(orderNo) {
      const row = findShipment.get(orderNo) as LocalShipmentRow | undefined;
      return row ? toLocalShipment(row) : null;
    },
  };
}
