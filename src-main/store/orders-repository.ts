import type Database from 'better-sqlite3';
import type { Order, ValidationIssue } from '../domain';

/** An order as the station holds it: the ERP's copy plus what happened to it here. */
export interface StoredOrder {
  order: Order;
  issues: ValidationIssue[];
  localState: 'open' | 'shipped';
  trackingNumber: string | null;
  pulledAt: string;
}

interface OrderRow {
  payload: string;
  issues: string;
  local_state: 'open' | 'shipped';
  tracking_number: string | null;
  pulled_at: string;
}

function fromRow(row: OrderRow): StoredOrder {
  return {
    order: JSON.parse(row.payload) as Order,
    issues: JSON.parse(row.issues) as ValidationIssue[],
    localState: row.local_state,
    trackingNumber: row.tracking_number,
    pulledAt: row.pulled_at,
  };
}

/** Reads and writes pulled orders. */
export interface OrdersRepository {
  /**
   * Stores the ERP's copy of an order. What happened locally (shipped here, its tracking number) is kept: a pull
   * never un-ships an order the station already shipped.
   */
  upsert(order: Order, issues: ValidationIssue[], now: string): void;
  get(orderNo: string): StoredOrder | null;
  /** Orders still to pack, oldest first, then the rest. */
  list(limit: number): StoredOrder[];
  countOpen(): number;
}

/** Creates the orders repository over an open station database. */
export function createOrdersRepository(db: Database.Database): OrdersRepository {
  const upsert = db.prepare(`
    INSERT INTO orders (order_no, status, erp_version, payload, issues, pulled_at, updated_at)
    VALUES (@orderNo, @status, @version, @payload, @issues, @now, @now)
    ON CONFLICT (order_no) DO UPDATE SET
      status = excluded.status, erp_version = excluded.erp_version, payload = excluded.payload,
      issues = excluded.issues, pulled_at = excluded.pulled_at, updated_at = excluded.updated_at`);
  const get = db.prepare(
    'SELECT payload, issues, local_state, tracking_number, pulled_at FROM orders WHERE order_no = ?',
  );
  const list = db.prepare(`
    SELECT payload, issues, local_state, tracking_number, pulled_at FROM orders
    ORDER BY (local_state = 'open' AND status IN ('pending', 'claimed')) DESC, order_no LIMIT ?`);
  const countOpen = db.prepare(
    "SELECT count(*) AS n FROM orders WHERE local_state = 'open' AND status IN ('pending', 'claimed')",
  );
  return {
    upsert(order, issues, now) {
      upsert.run({
        orderNo: order.orderNo,
        status: order.status,
        version: order.version,
        payload: JSON.stringify(order),
        issues: JSON.stringify(issues),
        now,
      });
    },
    get(orderNo) {
      const row = get.get(orderNo) as OrderRow | undefined;
      return row ? fromRow(row) : null;
    },
    list(limit) {
      return (list.all(limit) as OrderRow[]).map(fromRow);
    },
    countOpen() {
      return (countOpen.get() as { n: number }).n;
    },
  };
}
