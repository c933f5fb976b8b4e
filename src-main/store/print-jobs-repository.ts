import type Database from 'better-sqlite3';

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

/** A print job with what the print queue records about it. */
export interface PrintJobRecord extends PrintJob {
  idempotencyKey: string;
  profile: string | null;
  detail: string | null;
  bytes: number | null;
  /** Automatic writes made: 0 or 1, never more (a database trigger refuses a second). */
  writes: number;
  reprintOf: string | null;
  requestedBy: string | null;
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
}

/**
 * The only owner of the `print_jobs` table: every state change of a job is one statement, so a crash leaves a
 * true record. Callers that must write a job together with other rows (the tracking number it uses) call it
 * inside their own transaction on the same database.
 */
export interface PrintJobsRepository {
  get(id: string): PrintJobRecord | null;
  byKey(idempotencyKey: string): PrintJobRecord | null;
  /** Jobs of one order, oldest first. */
  forOrder(orderNo: string): PrintJobRecord[];
  /** The order's first job (not a copy of another): the one whose tracking number the order keeps. */
  firstOfOrder(orderNo: string): PrintJobRecord | null;
  /** Records a queued job; `reprintOf` names the job it is a copy of (same order and tracking number). */
  queue(job: {
    id: string;
    orderNo: string;
    trackingNumber: string;
    printer: string;
    template: string;
    reprintOf: string | null;
    now: string;
  }): PrintJobRecord;
  /** Jobs in one state, oldest first (crash recovery looks for `sent`). */
  inState(state: PrintJobState): PrintJobRecord[];
  /**
   * Marks a job that was being sent when the station stopped as `unknown` (it may have printed).
   * @returns false when the job was not `sent` any more
   */
  markInterrupted(id: string, reason: string, now: string): boolean;
  /**
   * Records another job for an existing job's order and tracking number: a reprint (person, reason) or a copy on
   * another printer after the first one failed with nothing sent.
   * @throws Error when the original job does not exist
   */
  queueAgain(job: {
    id: string;
    of: string;
    printer: string;
    profile: string | null;
    /** Null: the original's template. */
    template: string | null;
    requestedBy: string;
    reason: string;
    now: string;
  }): PrintJobRecord;
  /** Notes the printer profile of a queued job. */
  setProfile(id: string, profile: string | null): void;
  /**
   * Moves a queued job to `sent` and counts the write, before the first byte leaves.
   * @returns false when the job was not queued any more (another caller sent it): do not send
   */
  claimForSending(id: string, bytes: number | null, now: string): boolean;
  /** Records the end state of a job and what the printer or transport said. */
  finish(id: string, state: Exclude<PrintJobState, 'queued'>, detail: string, now: string): void;
  /** How many jobs each state holds (the diagnostics bundle shows it). */
  counts(): Record<PrintJobState, number>;
}

interface Row {
  id: string;
  idempotency_key: string;
  order_no: string;
  tracking_number: string;
  printer: string;
  template: string;
  state: PrintJobState;
  error: string | null;
  profile: string | null;
  detail: string | null;
  bytes: number | null;
  writes: number;
  reprint_of: string | null;
  requested_by: string | null;
  reason: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

const toRecord = (r: Row): PrintJobRecord => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  orderNo: r.order_no,
  trackingNumber: r.tracking_number,
  printer: r.printer,
  template: r.template,
  state: r.state,
  error: r.error,
  profile: r.profile,
  detail: r.detail,
  bytes: r.bytes,
  writes: r.writes,
  reprintOf: r.reprint_of,
  requestedBy: r.requested_by,
  reason: r.reason,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  updatedAt: r.updated_at,
});

/** Creates the print jobs repository over an open station database (migration 0004 applied). */
export function createPrintJobsRepository(db: Database.Database): PrintJobsRepository {
  const get = db.prepare('SELECT * FROM print_jobs WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM print_jobs WHERE idempotency_key = ?');
  const forOrder = db.prepare('SELECT * FROM print_jobs WHERE order_no = ? ORDER BY created_at, rowid');
  const firstOfOrder = db.prepare(
    'SELECT * FROM print_jobs WHERE order_no = ? AND reprint_of IS NULL ORDER BY created_at, rowid LIMIT 1',
  );
  const insert = db.prepare(`
    INSERT INTO print_jobs (id, order_no, tracking_number, printer, template, state, reprint_of, created_at, updated_at)
    VALUES (@id, @orderNo, @trackingNumber, @printer, @template, 'queued', @reprintOf, @now, @now)`);
  const inState = db.prepare('SELECT * FROM print_jobs WHERE state = ? ORDER BY created_at, rowid');
  const markInterrupted = db.prepare(
    "UPDATE print_jobs SET state = 'unknown', error = ?, updated_at = ? WHERE id = ? AND state = 'sent'",
  );
  const insertAgain = db.prepare(`
    INSERT INTO print_jobs (id, idempotency_key, order_no, tracking_number, printer, profile, template, state,
                            reprint_of, requested_by, reason, created_at, updated_at)
    SELECT @id, @id, order_no, tracking_number, @printer, @profile, COALESCE(@template, template), 'queued', id,
           @requestedBy, @reason,
           @now, @now
    FROM print_jobs WHERE id = @of`);
  const setProfile = db.prepare('UPDATE print_jobs SET profile = ? WHERE id = ?');
  const claim = db.prepare(`
    UPDATE print_jobs SET state = 'sent', writes = writes + 1, bytes = @bytes, sent_at = @now, updated_at = @now
    WHERE id = @id AND state = 'queued'`);
  const finish = db.prepare(`
    UPDATE print_jobs SET state = @state, detail = @detail, error = CASE WHEN @state = 'failed' THEN @detail END,
                          updated_at = @now
    WHERE id = @id`);
  const countByState = db.prepare('SELECT state, count(*) AS n FROM print_jobs GROUP BY state');
  const read = (id: string) => {
    const row = get.get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  };
  return {
    get: read,
    byKey(key) {
      const row = byKey.get(key) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    forOrder: (orderNo) => (forOrder.all(orderNo) as Row[]).map(toRecord),
    firstOfOrder(orderNo) {
      const row = firstOfOrder.get(orderNo) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    queue(job) {
      insert.run(job);
      return read(job.id)!;
    },
    inState: (state) => (inState.all(state) as Row[]).map(toRecord),
    markInterrupted(id, reason, now) {
      return markInterrupted.run(reason, now, id).changes === 1;
    },
    queueAgain(job) {
      const result = insertAgain.run(job);
      if (result.changes !== 1) throw new Error(`print job ${job.of} not found; nothing to print again`);
      return read(job.id)!;
    },
    setProfile(id, profile) {
      setProfile.run(profile, id);
    },
    claimForSending(id, bytes, now) {
      return claim.run({ id, bytes, now }).changes === 1;
    },
    finish(id, state, detail, now) {
      finish.run({ id, state, detail, now });
    },
    counts() {
      const counts: Record<PrintJobState, number> = { queued: 0, sent: 0, confirmed: 0, unknown: 0, failed: 0 };
      for (const row of countByState.all() as { state: PrintJobState; n: number }[]) counts[row.state] += row.n;
      return counts;
    },
  };
}
