import type { DemoErpDatabase } from './demo-erp-db';

/** A fee as the demo ERP shows it on the order. */
export interface DemoFeeRecord {
  kind: string;
  amount: number;
  currency: string;
  trackingNumber: string;
  postedAt: string;
}

/** The demo ERP's write-back records (all writes run inside the caller's transaction). */
export interface DemoWritebacksRepository {
  /** The handover that already holds this parcel, or undefined. */
  handoverOf(trackingNumber: string): { handoverId: string; orderNo: string } | undefined;
  insertHandover(row: {
    handoverId: string;
    orderNo: string;
    trackingNumber: string;
    carrier: string;
    handedOverAt: string;
    stationId: string;
    createdAt: string;
  }): void;
  insertTrackingEvent(row: {
    orderNo: string;
    trackingNumber: string;
    status: string;
    at: string;
    detail: string | undefined;
    createdAt: string;
  }): number;
  insertFee(row: DemoFeeRecord & { orderNo: string; createdAt: string }): number;
  /** The order's delivery status: its latest tracking event, else `picked-up` once handed over, else undefined. */
  deliveryStatusOf(orderNo: string): string | undefined;
  feesOf(orderNo: string): DemoFeeRecord[];
}

/**
 * The repository over the demo ERP's records of what happens to a parcel after it ships: courier handovers
 * (已揽收), delivery-status events and fees (tables of demo-erp-migrations/0002_writebacks.sql).
 */
export function createDemoWritebacksRepository(db: DemoErpDatabase): DemoWritebacksRepository {
  const statements = {
    handoverOf: db.prepare<[string], { handover_id: string; order_no: string }>(
      'SELECT handover_id, order_no FROM handovers WHERE tracking_number = ?',
    ),
    insertHandover: db.prepare(
      `INSERT INTO handovers (handover_id, order_no, tracking_number, carrier, handed_over_at, station_id, created_at)
       VALUES (@handoverId, @orderNo, @trackingNumber, @carrier, @handedOverAt, @stationId, @createdAt)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO tracking_events (order_no, tracking_number, status, at, detail, created_at)
       VALUES (@orderNo, @trackingNumber, @status, @at, @detail, @createdAt)`,
    ),
    insertFee: db.prepare(
      `INSERT INTO fees (order_no, tracking_number, kind, amount, currency, posted_at, created_at)
       VALUES (@orderNo, @trackingNumber, @kind, @amount, @currency, @postedAt, @createdAt)`,
    ),
    latestEvent: db.prepare<[string], { status: string }>(
      'SELECT status FROM tracking_events WHERE order_no = ? ORDER BY at DESC, seq DESC LIMIT 1',
    ),
    handedOver: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM handovers WHERE order_no = ?'),
    fees: db.prepare<
      [string],
      { kind: string; amount: number; currency: string; tracking_number: string; posted_at: string }
    >('SELECT kind, amount, currency, tracking_number, posted_at FROM fees WHERE order_no = ? ORDER BY seq'),
  };
  return {
    handoverOf(trackingNumber) {
      const row = statements.handoverOf.get(trackingNumber);
      return row ? { handoverId: row.handover_id, orderNo: row.order_no } : undefined;
    },
    insertHandover(row) {
      statements.insertHandover.run(row);
    },
    insertTrackingEvent(row) {
      return Number(statements.insertEvent.run({ ...row, detail: row.detail ?? null }).lastInsertRowid);
    },
    insertFee(row) {
      return Number(statements.insertFee.run(row).lastInsertRowid);
    },
    deliveryStatusOf(orderNo) {
      const event = statements.latestEvent.get(orderNo);
      if (event) return event.status;
      return (statements.handedOver.get(orderNo)?.n ?? 0) > 0 ? 'picked-up' : undefined;
    },
    feesOf(orderNo) {
      return statements.fees.all(orderNo).map((row) => ({
        kind: row.kind,
        amount: row.amount,
        currency: row.currency,
        trackingNumber: row.tracking_number,
        postedAt: row.posted_at,
      }));
    },
  };
}
