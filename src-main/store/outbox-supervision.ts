import type Database from 'better-sqlite3';
import type { OutboxState } from './outbox';

/** What a supervisor did to a parked item. */
export type SupervisorAction = 'retry' | 'edit-retry' | 'discard';

/** One changed payload field of an edit-and-retry. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One audited supervisor action. */
export interface OutboxAuditEntry {
  id: number;
  itemId: number;
  idempotencyKey: string;
  aggregate: string;
  action: SupervisorAction;
  actor: string;
  at: string;
  reason: string | null;
  previousState: OutboxState;
  previousError: string | null;
  changes: FieldChange[];
}

/** Raised when a supervisor action does not apply to the item (unknown, or not waiting for a supervisor). */
export class OutboxActionError extends Error {
  constructor(
    readonly code: 'not-found' | 'not-parked',
    message: string,
    /** The item asked for. */
    readonly itemId: number,
    /** Its state now (`archived` when it left the live outbox), or null when there is no such item. */
    readonly state: OutboxState | 'archived' | null,
  ) {
    super(message);
    this.name = 'OutboxActionError';
  }
}

/**
 * A supervisor's decisions on rejected and conflict items. Each method is one transaction that changes the item
 * and writes its audit entry together, so there is never a change without a record of who made it.
 */
export interface OutboxSupervision {
  /** Sends the item again as it is (same idempotency key), now. */
  retry(id: number, actor: string, reason: string | null): OutboxAuditEntry;
  /**
   * Replaces the item's payload with `payload` (the caller validated it) and sends it again with the same
   * idempotency key: the ERP refused the earlier body, so it holds no record under that key.
   */
  editAndRetry(id: number, actor: string, payload: unknown, reason: string | null): OutboxAuditEntry;
  /** Moves the item to the archive as `discarded`, with the reason; the audit entry keeps it on record. */
  discard(id: number, actor: string, reason: string): OutboxAuditEntry;
  /** The audit trail of one item, oldest first. */
  audit(itemId: number): OutboxAuditEntry[];
}

interface LiveRow {
  id: number;
  idempotency_key: string;
  aggregate: string;
  state: OutboxState;
  payload: string;
  last_error: string | null;
}

interface AuditRow {
  id: number;
  item_id: number;
  idempotency_key: string;
  aggregate: string;
  action: SupervisorAction;
  actor: string;
  at: string;
  reason: string | null;
  previous_state: OutboxState;
  previous_error: string | null;
  changes: string;
}

const toEntry = (row: AuditRow): OutboxAuditEntry => ({
  id: row.id,
  itemId: row.item_id,
  idempotencyKey: row.idempotency_key,
  aggregate: row.aggregate,
  action: row.action,
  actor: row.actor,
  at: row.at,
  reason: row.reason,
  previousState: row.previous_state,
  previousError: row.previous_error,
  changes: JSON.parse(row.changes) as FieldChange[],
});

/** The top-level fields whose values differ between two JSON objects (what an edit changed). */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields
    .filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]))
    .map((field) => ({ field, from: a[field] ?? null, to: b[field] ?? null }));
}

/** Creates the supervision actions over an open station database. */
export function createOutboxSupervision({
  db,
  clock,
}: {
  db: Database.Database;
  clock: () => Date;
}): OutboxSupervision {
  const getLive = db.prepare(
    'SELECT id, idempotency_key, aggregate, state, payload, last_error FROM outbox WHERE id = ?',
  );
  const inArchive = db.prepare('SELECT 1 FROM outbox_archive WHERE id = ?');
  const requeue = db.prepare(
    "UPDATE outbox SET state = 'pending', payload = ?, next_attempt_at = ?, last_error = NULL WHERE id = ?",
  );
  const archiveDiscarded = db.prepare(`
    INSERT INTO outbox_archive
      (id, idempotency_key, aggregate, kind, payload, state, attempts, last_error, discard_reason, created_at, closed_at)
    SELECT id, idempotency_key, aggregate, kind, payload, 'discarded', attempts, last_error, ?, created_at, ?
    FROM outbox WHERE id = ?`);
  const deleteLive = db.prepare('DELETE FROM outbox WHERE id = ?');
  const insertAudit = db.prepare(`
    INSERT INTO outbox_audit
      (item_id, idempotency_key, aggregate, action, actor, at, reason, previous_state, previous_error, changes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const listAudit = db.prepare('SELECT * FROM outbox_audit WHERE item_id = ? ORDER BY id');

  const parked = (id: number): LiveRow => {
    const row = getLive.get(id) as LiveRow | undefined;
    if (!row) {
      const archived = inArchive.get(id) !== undefined;
      throw new OutboxActionError(
        archived ? 'not-parked' : 'not-found',
        archived ? `outbox item ${id} is already closed (acknowledged or discarded)` : `outbox item ${id} not found`,
        id,
        archived ? 'archived' : null,
      );
    }
    if (row.state !== 'rejected' && row.state !== 'conflict') {
      throw new OutboxActionError(
        'not-parked',
        `outbox item ${id} is ${row.state}; only rejected or conflict items wait for a supervisor`,
        id,
        row.state,
      );
    }
    return row;
  };

  const record = (
    row: LiveRow,
    action: SupervisorAction,
    actor: string,
    at: string,
    reason: string | null,
    changes: FieldChange[],
  ): OutboxAuditEntry =>
    toEntry(
      insertAudit.get(
        row.id,
        row.idempotency_key,
        row.aggregate,
        action,
        actor,
        at,
        reason,
        row.state,
        row.last_error,
        JSON.stringify(changes),
      ) as AuditRow,
    );

  return {
    retry: db.transaction((id: number, actor: string, reason: string | null) => {
      const row = parked(id);
      const at = clock().toISOString();
      requeue.run(row.payload, at, id);
      return record(row, 'retry', actor, at, reason, []);
    }),
    editAndRetry: db.transaction((id: number, actor: string, payload: unknown, reason: string | null) => {
      const row = parked(id);
      const at = clock().toISOString();
      const changes = diffFields(JSON.parse(row.payload), payload);
      requeue.run(JSON.stringify(payload), at, id);
      return record(row, 'edit-retry', actor, at, reason, changes);
    }),
    discard: db.transaction((id: number, actor: string, reason: string) => {
      const row = parked(id);
      const at = clock().toISOString();
      archiveDiscarded.run(reason, at, id);
      deleteLive.run(id);
      return record(row, 'discard', actor, at, reason, []);
    }),
    audit(itemId) {
      return (listAudit.all(itemId) as AuditRow[]).map(toEntry);
    },
  };
}
