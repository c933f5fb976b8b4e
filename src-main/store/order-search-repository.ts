import type Database from 'better-sqlite3';
import type { Order } from '../domain';
import type { OrderIssue, StoredOrder } from './orders-repository';

/**
 * Where an order stands, as the Orders screen filters it. One order has exactly one: `cancelled` (in the ERP) wins,
 * then `shipped` (here or elsewhere), `attention` (intake kept it aside), `packing` (opened at a bench and not let go),
 * `printed` (its waybill is out, the parcel not confirmed: a batch-printed order), else `pending`.
 */
export type OrderStanding = 'pending' | 'attention' | 'packing' | 'printed' | 'shipped' | 'cancelled';

/** Every standing, in the order the screen lists its filters. */
export const ORDER_STANDINGS: readonly OrderStanding[] = [
  'pending',
  'attention',
  'packing',
  'printed',
  'shipped',
  'cancelled',
];

/** What one search asks for. */
export interface OrderSearchQuery {
  /** Order number (or its beginning), tracking number, the phone's last 4 digits, or the receiver name's beginning. */
  text: string;
  /** Only orders of this standing; null = all. */
  standing: OrderStanding | null;
  limit: number;
  offset: number;
}

/** One order found, as stored, with its standing and its latest label. */
export interface OrderSearchHit {
  stored: StoredOrder;
  standing: OrderStanding;
  /** The tracking number of its waybill: the shipment's, else its first print job's, else the ERP's. */
  trackingNumber: string | null;
  updatedAt: string;
}

/** The orders found on one page, how many match in all, and how many of each standing match the text. */
export interface OrderSearchPage {
  total: number;
  counts: Record<OrderStanding, number>;
  hits: OrderSearchHit[];
}

/** The shipment recorded here for an order, with the print job it was confirmed with. */
export interface ShipmentRecordHere {
  id: string;
  trackingNumber: string;
  carrier: string;
  weightKg: number | null;
  printJobId: string | null;
  createdAt: string;
}

/** Reads for the Orders screen: search with filters and pages, and an order's shipment. */
export interface OrderSearchRepository {
  search(query: OrderSearchQuery): OrderSearchPage;
  /** One order's standing, by the same rule as the search; null when the station does not hold it. */
  standingOf(orderNo: string): OrderStanding | null;
  shipmentOf(orderNo: string): ShipmentRecordHere | null;
}

// The standing as one expression: the filter and the counts use the same rule. The EXISTS lookups use the indexes
// on order_claims (primary key) and print_jobs (order_no).
const STANDING = `CASE
  WHEN o.status = 'cancelled' THEN 'cancelled'
  WHEN o.local_state = 'shipped' OR o.status = 'shipped' THEN 'shipped'
  WHEN o.needs_attention = 1 THEN 'attention'
  WHEN EXISTS (SELECT 1 FROM order_claims c WHERE c.order_no = o.order_no AND c.state <> 'released') THEN 'packing'
  WHEN EXISTS (SELECT 1 FROM print_jobs j WHERE j.order_no = o.order_no AND j.state IN ('sent', 'confirmed', 'unknown'))
    THEN 'printed'
  ELSE 'pending'
END`;

// Each way of finding an order is its own indexed lookup; the union is the set of orders the text finds.
const HITS = `
  SELECT order_no FROM orders WHERE order_no >= @upper AND order_no < @upperEnd
  UNION SELECT order_no FROM orders WHERE order_no >= @raw AND order_no < @rawEnd
  UNION SELECT order_no FROM orders WHERE tracking_number = @upper
  UNION SELECT order_no FROM orders WHERE erp_tracking = @upper
  UNION SELECT order_no FROM print_jobs WHERE tracking_number = @upper
  UNION SELECT order_no FROM orders WHERE search_name >= @lower AND search_name < @lowerEnd
  UNION SELECT order_no FROM orders WHERE phone_last4 = @digits`;

interface HitRow {
  payload: string;
  issues: string;
  local_state: 'open' | 'shipped';
  tracking_number: string | null;
  pulled_at: string;
  updated_at: string;
  duplicate_of: string | null;
  standing: OrderStanding;
  label_tracking: string | null;
}

/** The highest code point: `text <= x < text + END` is "starts with text" as an index range. */
const END = '\u{10FFFF}';

/** Creates the search reads over an open station database (migration 0008 applied). */
export function createOrderSearchRepository(db: Database.Database): OrderSearchRepository {
  const select = (where: string) => `
    SELECT * FROM (
      SELECT o.order_no, o.payload, o.issues, o.local_state, o.tracking_number, o.pulled_at, o.updated_at,
             o.duplicate_of, ${STANDING} AS standing,
             (SELECT j.tracking_number FROM print_jobs j WHERE j.order_no = o.order_no ORDER BY j.created_at, j.rowid
              LIMIT 1) AS label_tracking
      FROM orders o ${where}
    ) WHERE (@standing IS NULL OR standing = @standing)
    ORDER BY order_no LIMIT @limit OFFSET @offset`;
  const counts = (where: string) => `
    SELECT standing, count(*) AS n FROM (SELECT ${STANDING} AS standing FROM orders o ${where}) GROUP BY standing`;
  const found = 'WHERE o.order_no IN (' + HITS + ')';
  const statements = {
    pageAll: db.prepare(select('')),
    pageFound: db.prepare(select(found)),
    countsAll: db.prepare(counts('')),
    countsFound: db.prepare(counts(found)),
    standing: db.prepare(`SELECT ${STANDING} AS standing FROM orders o WHERE o.order_no = ?`),
    shipment: db.prepare(
      'SELECT id, tracking_number, carrier, weight_kg, print_job_id, created_at FROM shipments WHERE order_no = ?',
    ),
  };

  return {
    search({ text, standing, limit, offset }) {
      const trimmed = text.trim();
      const params: Record<string, string | number | null> = { standing, limit, offset };
      if (trimmed !== '') {
        const upper = trimmed.toUpperCase();
        const lower = trimmed.toLowerCase();
        Object.assign(params, {
          raw: trimmed,
          rawEnd: trimmed + END,
          upper,
          upperEnd: upper + END,
          lower,
          lowerEnd: lower + END,
          // Four digits are the phone's last four; anything else never matches that column.
          digits: /^\d{4}$/.test(trimmed) ? trimmed : null,
        });
      }
      const page = trimmed === '' ? statements.pageAll : statements.pageFound;
      const count = trimmed === '' ? statements.countsAll : statements.countsFound;
      const byStanding = Object.fromEntries(ORDER_STANDINGS.map((s) => [s, 0])) as Record<OrderStanding, number>;
      const countParams = trimmed === '' ? {} : { ...params };
      delete countParams.standing;
      delete countParams.limit;
      delete countParams.offset;
      for (const row of count.all(countParams) as { standing: OrderStanding; n: number }[])
        byStanding[row.standing] = row.n;
      const total = standing ? byStanding[standing] : Object.values(byStanding).reduce((a, b) => a + b, 0);
      const hits = (page.all(params) as HitRow[]).map((row): OrderSearchHit => {
        const order = JSON.parse(row.payload) as Order;
        return {
          stored: {
            order,
            issues: JSON.parse(row.issues) as OrderIssue[],
            localState: row.local_state,
            trackingNumber: row.tracking_number,
            pulledAt: row.pulled_at,
            duplicateOf: row.duplicate_of,
          },
          standing: row.standing,
          trackingNumber: row.tracking_number ?? row.label_tracking ?? order.trackingNumber ?? null,
          updatedAt: row.updated_at,
        };
      });
      return { total, counts: byStanding, hits };
    },
    standingOf(orderNo) {
      return (statements.standing.get(orderNo) as { standing: OrderStanding } | undefined)?.standing ?? null;
    },
    shipmentOf(orderNo) {
      const row = statements.shipment.get(orderNo) as
        | {
            id: string;
            tracking_number: string;
            carrier: string;
            weight_kg: number | null;
            print_job_id: string | null;
            created_at: string;
          }
        | undefined;
      return row
        ? {
            id: row.id,
            trackingNumber: row.tracking_number,
            carrier: row.carrier,
            weightKg: row.weight_kg,
            printJobId: row.print_job_id,
            createdAt: row.created_at,
          }
        : null;
    },
  };
}
