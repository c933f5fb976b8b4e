import type Database from 'better-sqlite3';

/** The station's claim on an order: see migration 0006. */
export type ClaimState = 'held' | 'offline' | 'released';

/** One claim row. */
export interface OrderClaim {
  orderNo: string;
  stationId: string;
  state: ClaimState;
  leaseUntil: string | null;
  claimedAt: string;
  renewedAt: string;
}

/** A shipment the ERP refused because another station shipped (or holds) the order: a parcel to intercept. */
export interface ConflictTask {
  outboxId: number;
  orderNo: string;
  /** The tracking number this station printed: the parcel to pull back before the courier takes it. */
  trackingNumber: string;
  reason: string;
  at: string;
}

/** Reads and writes claims, and lists the conflict tasks they lead to. */
export interface ClaimsRepository {
  record(claim: OrderClaim): void;
  get(orderNo: string): OrderClaim | null;
  release(orderNo: string, now: string): void;
  /** Shipments the ERP answered with a conflict, still unresolved, with the parcel's tracking number. */
  conflictTasks(limit: number): ConflictTask[];
}

interface ClaimRow {
  order_no: string;
  station_id: string;
  state: ClaimState;
  lease_until: string | null;
  claimed_at: string;
  renewed_at: string;
}

/** Creates the claims repository over an open station database. */
export function createClaimsRepository(db: Database.Database): ClaimsRepository {
  const upsert = db.prepare(`
    INSERT INTO order_claims (order_no, station_id, state, lease_until, claimed_at, renewed_at)
    VALUES (@orderNo, @stationId, @state, @leaseUntil, @claimedAt, @renewedAt)
    ON CONFLICT (order_no) DO UPDATE SET station_id = excluded.station_id, state = excluded.state,
      lease_until = excluded.lease_until, renewed_at = excluded.renewed_at`);
  const getOne = db.prepare('SELECT * FROM order_claims WHERE order_no = ?');
  const release = db.prepare("UPDATE order_claims SET state = 'released', renewed_at = ? WHERE order_no = ?");
  // Derived from the outbox rather than copied: the task exists exactly as long as the conflict item does.
  const conflicts = db.prepare(`
    SELECT o.id, o.aggregate, o.last_error, o.created_at, s.tracking_number
    FROM outbox o JOIN shipments s ON s.order_no = o.aggregate
    WHERE o.state = 'conflict' AND o.kind = 'shipment.confirm'
    ORDER BY o.id LIMIT ?`);
  return {
    record(claim) {
      upsert.run(claim);
    },
    get(orderNo) {
      const row = getOne.get(orderNo) as ClaimRow | undefined;
      return row
        ? {
            orderNo: row.order_no,
            stationId: row.station_id,
            state: row.state,
            leaseUntil: row.lease_until,
            claimedAt: row.claimed_at,
            renewedAt: row.renewed_at,
          }
        : null;
    },
    release(orderNo, now) {
      release.run(now, orderNo);
    },
    conflictTasks(limit) {
      const rows = conflicts.all(limit) as {
        id: number;
        aggregate: string;
        last_error: string | null;
        created_at: string;
        tracking_number: string;
      }[];
      return rows.map((row) => ({
        outboxId: row.id,
        orderNo: row.aggregate,
        trackingNumber: row.tracking_number,
        reason: row.last_error ?? 'the ERP refused the shipment',
        at: row.created_at,
      }));
    },
  };
}
