import type Database from 'better-sqlite3';

/** The kinds of write-back the outbox carries. */
export type OutboxKind = 'shipment.confirm' | 'handover.confirm' | 'tracking.report' | 'fee.post';

/** States of an outbox item. `pending` waits to upload; the others are final until a supervisor acts. */
export type OutboxState = 'pending' | 'acked' | 'rejected' | 'conflict';

/** One queued write-back. */
export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  aggregate: string;
  kind: OutboxKind;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
}

/** Counts for the queue's health display. */
export interface OutboxStats {
  depth: number;
  oldestPendingAt: string | null;
  rejected: number;
  conflict: number;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  aggregate: string;
  kind: OutboxKind;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

function fromRow(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    aggregate: row.aggregate,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

/**
 * The transactional outbox. `add` must run inside the same transaction as the local change it reports (the caller
 * owns the transaction); the uploader then reads `due` items and records each outcome.
 */
export interface Outbox {
  add(item: { idempotencyKey: string; aggregate: string; kind: OutboxKind; payload: unknown }): number;
  /**
   * Items to upload now: for each aggregate only its oldest pending item (one order's items go in order), and
   * none from an aggregate with a rejected or conflict item (it waits for a supervisor). Other orders go on.
   * @param ignoreBackoff - an explicit "sync now" retries without waiting out the backoff
   */
  due(limit: number, ignoreBackoff?: boolean): OutboxItem[];
  markAcked(id: number, response: unknown): void;
  markRetry(id: number, error: string, nextAttemptAt: string): void;
  markFailed(id: number, state: 'rejected' | 'conflict', error: string): void;
  stats(): OutboxStats;
  /** True while `aggregate` has an item not yet acknowledged by the ERP. */
  hasPending(aggregate: string): boolean;
  get(id: number): OutboxItem | null;
  list(state: OutboxState, limit: number): OutboxItem[];
}

/** Creates the outbox over an open station database. `clock` gives the time written into rows. */
export function createOutbox({ db, clock }: { db: Database.Database; clock: () => Date }): Outbox {
  const insert = db.prepare(`
    INSERT INTO outbox (idempotency_key, aggregate, kind, payload, state, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, 'pending', ?, ?)`);
  const dueQuery = (withBackoff: boolean) =>
    db.prepare(`
    SELECT o.* FROM outbox o
    WHERE o.state = 'pending'
      AND o.id = (SELECT min(id) FROM outbox p WHERE p.aggregate = o.aggregate AND p.state = 'pending')
      AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.aggregate = o.aggregate AND b.state IN ('rejected', 'conflict'))
      ${withBackoff ? 'AND o.next_attempt_at <= ?' : ''}
    ORDER BY o.id LIMIT ?`);
  const dueWithBackoff = dueQuery(true);
  const dueNow = dueQuery(false);
  const acked = db.prepare(
    "UPDATE outbox SET state = 'acked', response = ?, acked_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
  );
  const retry = db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
  );
  const failed = db.prepare('UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ? WHERE id = ?');
  const stats = db.prepare(`
    SELECT
      sum(state = 'pending') AS depth,
      min(CASE WHEN state = 'pending' THEN created_at END) AS oldest,
      sum(state = 'rejected') AS rejected,
      sum(state = 'conflict') AS conflict
    FROM outbox WHERE state != 'acked'`);
  const hasPending = db.prepare("SELECT 1 FROM outbox WHERE aggregate = ? AND state = 'pending' LIMIT 1");
  const getOne = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const listByState = db.prepare('SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ?');

  return {
    add({ idempotencyKey, aggregate, kind, payload }) {
      const now = clock().toISOString();
      return Number(insert.run(idempotencyKey, aggregate, kind, JSON.stringify(payload), now, now).lastInsertRowid);
    },
    due(limit, ignoreBackoff = false) {
      const rows = ignoreBackoff
        ? (dueNow.all(limit) as OutboxRow[])
        : (dueWithBackoff.all(clock().toISOString(), limit) as OutboxRow[]);
      return rows.map(fromRow);
    },
    markAcked(id, response) {
      acked.run(JSON.stringify(response), clock().toISOString(), id);
    },
    markRetry(id, error, nextAttemptAt) {
      retry.run(error, nextAttemptAt, id);
    },
    markFailed(id, state, error) {
      failed.run(state, error, id);
    },
    stats() {
      const row = stats.get() as {
        depth: number | null;
        oldest: string | null;
        rejected: number | null;
        conflict: number | null;
      };
      return {
        depth: row.depth ?? 0,
        oldestPendingAt: row.oldest,
        rejected: row.rejected ?? 0,
        conflict: row.conflict ?? 0,
      };
    },
    hasPending(aggregate) {
      return hasPending.get(aggregate) !== undefined;
    },
    get(id) {
      const row = getOne.get(id) as OutboxRow | undefined;
      return row ? fromRow(row) : null;
    },
    list(state, limit) {
      return (listByState.all(state, limit) as OutboxRow[]).map(fromRow);
    },
  };
}
