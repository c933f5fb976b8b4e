import type Database from 'better-sqlite3';

/** How one order of a batch ended. */
export type BatchItemOutcome = 'pending' | 'printed' | 'skipped' | 'failed';

/** A batch of waybills printed for orders a supervisor selected. */
export interface PrintBatchRecord {
  id: string;
  requestedBy: string;
  total: number;
  state: 'running' | 'done' | 'stopped';
  createdAt: string;
  finishedAt: string | null;
}

/** One order of a batch. */
export interface PrintBatchItem {
  batchId: string;
  position: number;
  orderNo: string;
  outcome: BatchItemOutcome;
  /** Why it was skipped (already-printed, shipped, …) or the refusal code it failed with. */
  reason: string | null;
  jobId: string | null;
  trackingNumber: string | null;
  /** The order version the label was drawn from. */
  orderVersion: number | null;
  updatedAt: string;
}

/** The only owner of the `print_batches` and `print_batch_items` tables (migration 0008). */
export interface PrintBatchesRepository {
  /** Records a new batch with its orders, all `pending`, in one transaction. */
  create(batch: { id: string; requestedBy: string; orderNos: readonly string[]; now: string }): PrintBatchRecord;
  /** Records how one order of the batch ended. */
  settle(item: {
    batchId: string;
    position: number;
    outcome: Exclude<BatchItemOutcome, 'pending'>;
    reason: string | null;
    jobId: string | null;
    trackingNumber: string | null;
    orderVersion: number | null;
    now: string;
  }): void;
  finish(batchId: string, state: 'done' | 'stopped', now: string): void;
  get(batchId: string): PrintBatchRecord | null;
  items(batchId: string): PrintBatchItem[];
  /** The newest batch, or null. */
  latest(): PrintBatchRecord | null;
  /** The newest batch item that printed this order's label, or null. */
  printedItemOf(orderNo: string): PrintBatchItem | null;
  /** Every batch item of one order, oldest first (its history). */
  itemsOfOrder(orderNo: string): PrintBatchItem[];
  /** Marks batches left `running` by a stopped station as `stopped` (their unreached orders stay pending). */
  stopInterrupted(now: string): number;
}

interface BatchRow {
  id: string;
  requested_by: string;
  total: number;
  state: PrintBatchRecord['state'];
  created_at: string;
  finished_at: string | null;
}

interface ItemRow {
  batch_id: string;
  position: number;
  order_no: string;
  outcome: BatchItemOutcome;
  reason: string | null;
  job_id: string | null;
  tracking_number: string | null;
  order_version: number | null;
  updated_at: string;
}

const toBatch = (r: BatchRow): PrintBatchRecord => ({
  id: r.id,
  requestedBy: r.requested_by,
  total: r.total,
  state: r.state,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

const toItem = (r: ItemRow): PrintBatchItem => ({
  batchId: r.batch_id,
  position: r.position,
  orderNo: r.order_no,
  outcome: r.outcome,
  reason: r.reason,
  jobId: r.job_id,
  trackingNumber: r.tracking_number,
  orderVersion: r.order_version,
  updatedAt: r.updated_at,
});

/** Creates the print batches repository over an open station database. */
export function createPrintBatchesRepository(db: Database.Database): PrintBatchesRepository {
  const s = {
    insertBatch: db.prepare(`INSERT INTO print_batches (id, requested_by, total, state, created_at)
      VALUES (@id, @requestedBy, @total, 'running', @now)`),
    insertItem: db.prepare(`INSERT INTO print_batch_items (batch_id, position, order_no, outcome, updated_at)
      VALUES (?, ?, ?, 'pending', ?)`),
    settle: db.prepare(`UPDATE print_batch_items SET outcome = @outcome, reason = @reason, job_id = @jobId,
      tracking_number = @trackingNumber, order_version = @orderVersion, updated_at = @now
      WHERE batch_id = @batchId AND position = @position`),
    finish: db.prepare('UPDATE print_batches SET state = ?, finished_at = ? WHERE id = ?'),
    get: db.prepare('SELECT * FROM print_batches WHERE id = ?'),
    items: db.prepare('SELECT * FROM print_batch_items WHERE batch_id = ? ORDER BY position'),
    latest: db.prepare('SELECT * FROM print_batches ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    printedItemOf: db.prepare(`SELECT * FROM print_batch_items WHERE order_no = ? AND outcome = 'printed'
      ORDER BY updated_at DESC, rowid DESC LIMIT 1`),
    itemsOfOrder: db.prepare('SELECT * FROM print_batch_items WHERE order_no = ? ORDER BY updated_at, rowid'),
    stopInterrupted: db.prepare("UPDATE print_batches SET state = 'stopped', finished_at = ? WHERE state = 'running'"),
  };
  const get = (id: string) => {
    const row = s.get.get(id) as BatchRow | undefined;
    return row ? toBatch(row) : null;
  };
  const create = db.transaction(
    (batch: { id: string; requestedBy: string; orderNos: readonly string[]; now: string }) => {
      s.insertBatch.run({ id: batch.id, requestedBy: batch.requestedBy, total: batch.orderNos.length, now: batch.now });
      batch.orderNos.forEach((orderNo, position) => s.insertItem.run(batch.id, position, orderNo, batch.now));
      return get(batch.id)!;
    },
  );
  return {
    create,
    settle(item) {
      s.settle.run(item);
    },
    finish(batchId, state, now) {
      s.finish.run(state, now, batchId);
    },
    get,
    items: (batchId) => (s.items.all(batchId) as ItemRow[]).map(toItem),
    latest() {
      const row = s.latest.get() as BatchRow | undefined;
      return row ? toBatch(row) : null;
    },
    printedItemOf(orderNo) {
      const row = s.printedItemOf.get(orderNo) as ItemRow | undefined;
      return row ? toItem(row) : null;
    },
    itemsOfOrder: (orderNo) => (s.itemsOfOrder.all(orderNo) as ItemRow[]).map(toItem),
    stopInterrupted: (now) => s.stopInterrupted.run(now).changes,
  };
}
