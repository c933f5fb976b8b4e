import type Database from 'better-sqlite3';

/** What {@link recoverAfterCrash} found. */
export interface RecoveryReport {
  /** Print jobs that were being sent when the last process died: their labels may or may not be out. */
  unknownPrints: { id: string; orderNo: string; trackingNumber: string }[];
}

/**
 * Runs once per start, under the single-instance lock (so no other process is mid-print): a print job still
 * `sent` belonged to a process that died while handing bytes to the printer, so its outcome is `unknown`. It is
 * never resent on its own; the next print for that order reuses its tracking number (shipping-store.ts). Each
 * finding is written to `recovery_log` in the same transaction.
 */
export function recoverAfterCrash(db: Database.Database, now: string): RecoveryReport {
  const sent = db.prepare(
    "SELECT id, order_no AS orderNo, tracking_number AS trackingNumber FROM print_jobs WHERE state = 'sent'",
  );
  const markUnknown = db.prepare(
    "UPDATE print_jobs SET state = 'unknown', error = ?, updated_at = ? WHERE id = ? AND state = 'sent'",
  );
  const log = db.prepare('INSERT INTO recovery_log (at, kind, detail) VALUES (?, ?, ?)');
  return db.transaction(() => {
    const unknownPrints = sent.all() as RecoveryReport['unknownPrints'];
    for (const job of unknownPrints) {
      markUnknown.run('the station stopped while this label was being sent; it may have printed', now, job.id);
      log.run(now, 'print-unknown', JSON.stringify(job));
    }
    return { unknownPrints };
  })();
}
