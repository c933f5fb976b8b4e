import type Database from 'better-sqlite3';
import type { Outbox } from './outbox';
import type { NumberPoolRepository } from './number-pool-repository';

/** States of a print job. Once bytes may have reached a printer a job is never resent automatically. */
export type PrintJobState = 'queued' | 'sent' | 'confirmed' | 'unknown' | 'failed';

/** A persisted print job. */
export interface PrintJob {
  id: string;
  orderNo: string;
  trackingNumber: string;
  printer: string;
  template: string;
  state: PrintJobState;
  error: string | null;
}

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
  /** Records a queued print job for a number the order already has (reprints). */
  queueReprint(job: { id: string; reprintOf: string; now: string }): PrintJob;
  setPrintState(id: string, state: PrintJobState, error: string | null, now: string): void;
  getPrintJob(id: string): PrintJob | null;
  /**
   * Records the confirmed shipment, marks the order shipped here and queues the ERP write-back, all in one
   * transaction: after a crash either all three exist or none.
   */
  confirm(shipment: ConfirmedShipment): void;
  findShipment(orderNo: string): LocalShipment | null;
}

interface PrintJobRow {
  id: string;
  order_no: string;
  tracking_number: string;
  printer: string;
  template: string;
  state: PrintJobState;
  error: string | null;
}

const toJob = (row: PrintJobRow): PrintJob => ({
  id: row.id,
  orderNo: row.order_no,
  trackingNumber: row.tracking_number,
  printer: row.printer,
  template: row.template,
  state: row.state,
  error: row.error,
});

/** Creates the shipping store over an open station database and the repositories it writes with. */
export function createShippingStore({
  db,
  outbox,
  pools,
}: {
  db: Database.Database;
  outbox: Outbox;
  pools: NumberPoolRepository;
}): ShippingStore {
  const insertJob = db.prepare(`
    INSERT INTO print_jobs (id, order_no, tracking_number, printer, template, state, reprint_of, created_at, updated_at)
    VALUES (@id, @orderNo, @trackingNumber, @printer, @template, 'queued', @reprintOf, @now, @now)`);
  const getJob = db.prepare(
    'SELECT id, order_no, tracking_number, printer, template, state, error FROM print_jobs WHERE id = ?',
  );
  const firstJobOf = db.prepare(
    'SELECT id, tracking_number FROM print_jobs WHERE order_no = ? AND reprint_of IS NULL ORDER BY created_at, rowid LIMIT 1',
  );
  const setState = db.prepare('UPDATE print_jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?');
  const insertShipment = db.prepare(`
    INSERT INTO shipments (id, order_no, tracking_number, carrier, weight_kg, order_version, print_job_id, created_at)
    VALUES (@id, @orderNo, @trackingNumber, @carrier, @weightKg, @orderVersion, @printJobId, @now)`);
  const markShipped = db.prepare(
    "UPDATE orders SET local_state = 'shipped', tracking_number = ?, updated_at = ? WHERE order_no = ? AND local_state = 'open'",
  );
  const findShipment = db.prepare(
    'SELECT id, order_no, tracking_number, carrier, created_at FROM shipments WHERE order_no = ?',
  );

  const readJob = (id: string): PrintJob | null => {
    const row = getJob.get(id) as PrintJobRow | undefined;
    return row ? toJob(row) : null;
  };

  return {
    queuePrint: db.transaction(
      (job: { id: string; orderNo: string; carrier: string; printer: string; template: string; now: string }) => {
        // An order keeps the first number it was given: after a crash (the label may be on a parcel already) or a
        // re-scan the next print carries the same number, recorded as a copy of the first job. Never two numbers.
        const earlier = firstJobOf.get(job.orderNo) as { id: string; tracking_number: string } | undefined;
        const trackingNumber = earlier?.tracking_number ?? pools.take(job.carrier);
        insertJob.run({ ...job, trackingNumber, reprintOf: earlier?.id ?? null });
        return readJob(job.id)!;
      },
    ),
    queueReprint: db.transaction((job: { id: string; reprintOf: string; now: string }) => {
      const original = readJob(job.reprintOf);
      if (!original) throw new Error(`print job ${job.reprintOf} not found`);
      insertJob.run({ ...original, id: job.id, reprintOf: original.id, now: job.now });
      return readJob(job.id)!;
    }),
    setPrintState(id, state, error, now) {
      setState.run(state, error, now, id);
    },
    getPrintJob: readJob,
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
