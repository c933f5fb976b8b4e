import type Database from 'better-sqlite3';
import { phoneLast4, type Order } from '../domain';

/**
 * A reason an order needs attention: the domain's validation issues and whatever intake found (invalid phone,
 * unknown region, duplicate, …). Codes are stable; `message` is English for logs and supervisors.
 */
export interface OrderIssue {
  code: string;
  field: string;
  message: string;
}

/** An order as the station holds it: the ERP's copy plus what happened to it here. */
export interface StoredOrder {
  order: Order;
  issues: OrderIssue[];
  localState: 'open' | 'shipped';
  trackingNumber: string | null;
  pulledAt: string;
  /** The earlier order this one looks like a duplicate of, when intake flagged it. */
  duplicateOf: string | null;
}

/** What intake hands the repository for one order. */
export interface OrderIntake {
  order: Order;
  issues: OrderIssue[];
  erpId?: string | null | undefined;
  dupKey?: string | null | undefined;
}

/** Options of duplicate detection. */
export interface DuplicatePolicy {
  /** Orders with the same receiver and items created within this many ms of each other are flagged. */
  windowMs: number;
}

/** Default window of the same-receiver-and-items duplicate check: 24 hours. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 24 * 3_600_000;

interface OrderRow {
  payload: string;
  issues: string;
  local_state: 'open' | 'shipped';
  tracking_number: string | null;
  pulled_at: string;
  duplicate_of: string | null;
}

function fromRow(row: OrderRow): StoredOrder {
  return {
    order: JSON.parse(row.payload) as Order,
    issues: JSON.parse(row.issues) as OrderIssue[],
    localState: row.local_state,
    trackingNumber: row.tracking_number,
    pulledAt: row.pulled_at,
    duplicateOf: row.duplicate_of,
  };
}

/** Reads and writes pulled orders. */
export interface OrdersRepository {
  /**
   * Stores the ERP's copy of an order. What happened locally (shipped here, its tracking number) is kept: a pull
   * never un-ships an order the station already shipped.
   */
  upsert(order: Order, issues: OrderIssue[], now: string): void;
  /**
   * Stores a page of intake results in one transaction, flagging duplicates on the way: another order (stored
   * earlier) with the same ERP id, or with the same receiver and items created within the window. A flagged order
   * gets a `duplicate-order` issue naming the first one. Returns how many were stored.
   */
  upsertMany(items: OrderIntake[], now: string, policy?: DuplicatePolicy): number;
  get(orderNo: string): StoredOrder | null;
  /** Orders still to pack, oldest first, then the rest. */
  list(limit: number): StoredOrder[];
  /** Orders that need attention (non-empty issues), with their reasons; never the shipped ones. */
  listAttention(limit: number): StoredOrder[];
  countOpen(): number;
  countAttention(): number;
}

/** Creates the orders repository over an open station database. */
export function createOrdersRepository(db: Database.Database): OrdersRepository {
  const upsert = db.prepare(`
    INSERT INTO orders (order_no, status, erp_version, payload, issues, pulled_at, updated_at, erp_id, dup_key,
      duplicate_of, erp_created_at, needs_attention, search_name, phone_last4, erp_tracking)
    VALUES (@orderNo, @status, @version, @payload, @issues, @now, @now, @erpId, @dupKey, @duplicateOf, @createdAt,
      @attention, @searchName, @phoneLast4, @erpTracking)
    ON CONFLICT (order_no) DO UPDATE SET
      status = excluded.status, erp_version = excluded.erp_version, payload = excluded.payload,
      issues = excluded.issues, pulled_at = excluded.pulled_at, updated_at = excluded.updated_at,
      erp_id = excluded.erp_id, dup_key = excluded.dup_key, duplicate_of = excluded.duplicate_of,
      erp_created_at = excluded.erp_created_at, needs_attention = excluded.needs_attention,
      search_name = excluded.search_name, phone_last4 = excluded.phone_last4, erp_tracking = excluded.erp_tracking`);
  const columns = 'payload, issues, local_state, tracking_number, pulled_at, duplicate_of';
  const get = db.prepare(`SELECT ${columns} FROM orders WHERE order_no = ?`);
  const list = db.prepare(`
    SELECT ${columns} FROM orders
    ORDER BY (local_state = 'open' AND status IN ('pending', 'claimed')) DESC, order_no LIMIT ?`);
  const listAttention = db.prepare(`
    SELECT ${columns} FROM orders WHERE needs_attention = 1 AND local_state = 'open' ORDER BY order_no LIMIT ?`);
  const countOpen = db.prepare(
    "SELECT count(*) AS n FROM orders WHERE local_state = 'open' AND status IN ('pending', 'claimed')",
  );
  const countAttention = db.prepare(
    "SELECT count(*) AS n FROM orders WHERE needs_attention = 1 AND local_state = 'open'",
  );
  // Candidates stored before this order (smaller rowid; any row when this one is new), same ERP id or same key.
  const duplicates = db.prepare(`
    SELECT order_no, erp_id, erp_created_at FROM orders
    WHERE order_no <> @orderNo AND status <> 'cancelled'
      AND ((@erpId IS NOT NULL AND erp_id = @erpId) OR (@dupKey IS NOT NULL AND dup_key = @dupKey))
      AND rowid < COALESCE((SELECT rowid FROM orders WHERE order_no = @orderNo), 9223372036854775807)
    ORDER BY rowid LIMIT 5`);

  function write(item: OrderIntake, now: string, duplicateOf: string | null, issues: OrderIssue[]): void {
    upsert.run({
      orderNo: item.order.orderNo,
      status: item.order.status,
      version: item.order.version,
      payload: JSON.stringify(item.order),
      issues: JSON.stringify(issues),
      now,
      erpId: item.erpId ?? null,
      dupKey: item.dupKey ?? null,
      duplicateOf,
      createdAt: item.order.createdAt || null,
      attention: issues.length > 0 ? 1 : 0,
      // Search keys of the Orders screen (migration 0008), kept in step with the payload on every write.
      searchName: item.order.receiver.name.trim().toLowerCase() || null,
      phoneLast4: phoneLast4(item.order.receiver.phone),
      erpTracking: item.order.trackingNumber || null,
    });
  }

  function findDuplicate(item: OrderIntake, windowMs: number): { orderNo: string; byErpId: boolean } | null {
    if (!item.erpId && !item.dupKey) return null;
    const rows = duplicates.all({
      orderNo: item.order.orderNo,
      erpId: item.erpId ?? null,
      dupKey: item.dupKey ?? null,
    }) as {
      order_no: string;
      erp_id: string | null;
      erp_created_at: string | null;
    }[];
    const created = Date.parse(item.order.createdAt);
    for (const row of rows) {
      if (item.erpId && row.erp_id === item.erpId) return { orderNo: row.order_no, byErpId: true };
      const other = row.erp_created_at ? Date.parse(row.erp_created_at) : NaN;
      // Without both creation times the window cannot be judged: flag it, a person decides.
      if (Number.isNaN(created) || Number.isNaN(other) || Math.abs(created - other) <= windowMs)
        return { orderNo: row.order_no, byErpId: false };
    }
    return null;
  }

  const upsertMany = db.transaction((items: OrderIntake[], now: string, windowMs: number) => {
    for (const item of items) {
      const duplicate = findDuplicate(item, windowMs);
      const issues = duplicate
        ? [
            ...item.issues,
            {
              code: 'duplicate-order',
              field: duplicate.byErpId ? 'erpId' : 'receiver',
              message: duplicate.byErpId
                ? `same ERP record as order ${duplicate.orderNo}`
                : `same receiver and items as order ${duplicate.orderNo}: possible duplicate`,
            },
          ]
        : item.issues;
      write(item, now, duplicate?.orderNo ?? null, issues);
    }
    return items.length;
  });

  return {
    upsert(order, issues, now) {
      write({ order, issues }, now, null, issues);
    },
    upsertMany(items, now, policy) {
      return upsertMany(items, now, policy?.windowMs ?? DEFAULT_DUPLICATE_WINDOW_MS);
    },
    get(orderNo) {
      const row = get.get(orderNo) as OrderRow | undefined;
      return row ? fromRow(row) : null;
    },
    list(limit) {
      return (list.all(limit) as OrderRow[]).map(fromRow);
    },
    listAttention(limit) {
      return (listAttention.all(limit) as OrderRow[]).map(fromRow);
    },
    countOpen() {
      return (countOpen.get() as { n: number }).n;
    },
    countAttention() {
      return (countAttention.get() as { n: number }).n;
    },
  };
}
