import type { DemoErpDatabase } from './demo-erp-db';

/**
 * The demo ERP's records of what happens to a parcel after it ships: courier handovers (已揽收), delivery-status
 * events and fees. Created beside the main schema, so demo ERP files from before these tables simply gain them.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS handovers (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  handover_id     TEXT NOT NULL,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL UNIQUE,
  carrier         TEXT NOT NULL,
  handed_over_at  TEXT NOT NULL,
  station_id      TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tracking_events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  status          TEXT NOT NULL,
  at              TEXT NOT NULL,
  detail          TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tracking_events_order ON tracking_events (order_no, at);
CREATE TABLE IF NOT EXISTS fees (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  kind            TEXT NOT NULL,
  amount          REAL NOT NULL,
  currency        TEXT NOT NULL,
  posted_at       TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fees_order ON fees (order_no, seq);
`;

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

/** Creates the write-back tables when missing and the repository over them. */
export function createDemoWritebacksRepository(db: DemoErpDatabase): DemoWritebacksRepository {
  db.exec(SCHEMA);
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
