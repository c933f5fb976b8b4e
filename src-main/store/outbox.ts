import type Database from 'better-sqlite3';

/** The kinds of write-back the outbox carries. */
export type OutboxKind =
  | 'shipment.confirm'
  | 'handover.confirm'
  | 'tracking.report'
  | 'fee.post'
  | 'shipment.void'
  | 'waybill.cancel'
  | 'waybill.subscribe';

/**
 * States of an outbox item. `pending` waits to upload; `rejected` and `conflict` wait for a supervisor; `acked`
 * (the ERP has it) and `discarded` (a supervisor dropped it, with a reason) live in the archive until purged.
 */
export type OutboxState = 'pending' | 'acked' | 'rejected' | 'conflict' | 'discarded';

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
  /** When the ERP acknowledged it or a supervisor discarded it (archived items only). */
  closedAt: string | null;
  /** The ERP's receipt (acknowledged items only). */
  response: unknown;
  /** Why a supervisor discarded it (discarded items only). */
  discardReason: string | null;
}

/** What became of one upload attempt. */
export type OutboxOutcome =
  | { id: number; result: 'acked'; response: unknown }
  | { id: number; result: 'retry'; error: string; nextAttemptAt: string }
  | { id: number; result: 'rejected' | 'conflict'; error: string };

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
  response?: string | null;
  closed_at?: string | null;
  discard_reason?: string | null;
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
    closedAt: row.closed_at ?? null,
    response: row.response ? (JSON.parse(row.response) as unknown) : null,
    discardReason: row.discard_reason ?? null,
  };
}

/** Archive rows have no backoff; they read as items with `nextAttemptAt` = the time they were closed. */
const ARCHIVE_COLUMNS = `id, idempotency_key, aggregate, kind, payload, state, attempts, closed_at AS next_attempt_at,
  last_error, created_at, response, closed_at, discard_reason`;

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
   * @param exclude - ids to leave out (items that already failed once in the running drain)
   */
  due(limit: number, ignoreBackoff?: boolean, exclude?: readonly number[]): OutboxItem[];
  /** Records the outcomes of one uploaded batch in one transaction (one disk flush instead of one per item). */
  record(outcomes: readonly OutboxOutcome[]): void;
  /** Records the ERP's acknowledgement and moves the item to the archive, in one transaction. */
  markAcked(id: number, response: unknown): void;
  markRetry(id: number, error: string, nextAttemptAt: string): void;
  markFailed(id: number, state: 'rejected' | 'conflict', error: string): void;
  stats(): OutboxStats;
  /** True while `aggregate` has an item not yet acknowledged by the ERP. */
  hasPending(aggregate: string): boolean;
  /** True once an item was queued with this idempotency key: live, or archived after the ERP acknowledged it. */
  hasKey(idempotencyKey: string): boolean;
  /** One item, live or archived. */
  get(id: number): OutboxItem | null;
  /** Items in one state, oldest first (archived states newest first); `offset` pages through them. */
  list(state: OutboxState, limit: number, offset?: number): OutboxItem[];
  /** How many items each state holds (archived ones included). */
  counts(): Record<OutboxState, number>;
  /**
   * Deletes archived items (acknowledged or discarded) closed before `before` (ISO time). Rejected and conflict
   * items are never purged: they leave only through a supervisor's decision.
   * @returns how many were deleted
   */
  purgeArchived(before: string): number;
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
      AND o.id NOT IN (SELECT value FROM json_each(?))
    ORDER BY o.id LIMIT ?`);
  const dueWithBackoff = dueQuery(true);
  const dueNow = dueQuery(false);
  const archiveAcked = db.prepare(`
    INSERT INTO outbox_archive
      (id, idempotency_key, aggregate, kind, payload, state, attempts, last_error, response, created_at, closed_at)
    SELECT id, idempotency_key, aggregate, kind, payload, 'acked', attempts + 1, NULL, ?, created_at, ?
    FROM outbox WHERE id = ? AND state = 'pending'`);
  const deleteLive = db.prepare('DELETE FROM outbox WHERE id = ?');
  const acked = db.transaction((id: number, response: string, at: string) => {
    // Only a pending item can be acknowledged; a late answer for an item already archived changes nothing.
    if (archiveAcked.run(response, at, id).changes === 1) deleteLive.run(id);
  });
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
  const keyUsed = db.prepare(
    `SELECT 1 FROM outbox WHERE idempotency_key = ?
     UNION ALL SELECT 1 FROM outbox_archive WHERE idempotency_key = ?`,
  );
  const hasPending = db.prepare("SELECT 1 FROM outbox WHERE aggregate = ? AND state = 'pending' LIMIT 1");
  const getOne = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const getArchived = db.prepare(`SELECT ${ARCHIVE_COLUMNS} FROM outbox_archive WHERE id = ?`);
  const listByState = db.prepare('SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ? OFFSET ?');
  const listArchived = db.prepare(
    `SELECT ${ARCHIVE_COLUMNS} FROM outbox_archive WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
  );
  const countLive = db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state');
  const countArchived = db.prepare('SELECT state, count(*) AS n FROM outbox_archive GROUP BY state');
  const purge = db.prepare('DELETE FROM outbox_archive WHERE closed_at < ?');

  return {
    add({ idempotencyKey, aggregate, kind, payload }) {
      const now = clock().toISOString();
      return Number(insert.run(idempotencyKey, aggregate, kind, JSON.stringify(payload), now, now).lastInsertRowid);
    },
    due(limit, ignoreBackoff = false, exclude = []) {
      const excluded = JSON.stringify(exclude);
      const rows = ignoreBackoff
        ? (dueNow.all(excluded, limit) as OutboxRow[])
        : (dueWithBackoff.all(clock().toISOString(), excluded, limit) as OutboxRow[]);
      return rows.map(fromRow);
    },
    record: db.transaction((outcomes: readonly OutboxOutcome[]) => {
      const at = clock().toISOString();
      for (const outcome of outcomes) {
        if (outcome.result === 'acked') acked(outcome.id, JSON.stringify(outcome.response ?? null), at);
        else if (outcome.result === 'retry') retry.run(outcome.error, outcome.nextAttemptAt, outcome.id);
        else failed.run(outcome.result, outcome.error, outcome.id);
      }
    }),
    markAcked(id, response) {
      acked(id, JSON.stringify(response ?? null), clock().toISOString());
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
    hasKey: (idempotencyKey) => keyUsed.get(idempotencyKey, idempotencyKey) !== undefined,
    get(id) {
      const row = (getOne.get(id) ?? getArchived.get(id)) as OutboxRow | undefined;
      return row ? fromRow(row) : null;
    },
    list(state, limit, offset = 0) {
      const archived = state === 'acked' || state === 'discarded';
      const rows = (archived ? listArchived : listByState).all(state, limit, offset) as OutboxRow[];
      return rows.map(fromRow);
    },
    counts() {
      const counts: Record<OutboxState, number> = { pending: 0, acked: 0, rejected: 0, conflict: 0, discarded: 0 };
      for (const row of [...countLive.all(), ...countArchived.all()] as { state: OutboxState; n: number }[]) {
        counts[row.state] += row.n;
      }
      return counts;
    },
    purgeArchived(before) {
      return purge.run(before).changes;
    },
  };
}
