import type Database from 'better-sqlite3';
import { createPrintJobsRepository } from './print-jobs-repository';

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
  const jobs = createPrintJobsRepository(db);
  const log = db.prepare('INSERT INTO recovery_log (at, kind, detail) VALUES (?, ?, ?)');
  return db.transaction(() => {
    const unknownPrints = jobs
      .inState('sent')
      .map(({ id, orderNo, trackingNumber }) => ({ id, orderNo, trackingNumber }));
    for (const job of unknownPrints) {
      jobs.markInterrupted(job.id, 'the station stopped while this label was being sent; it may have printed', now);
      log.run(now, 'print-unknown', JSON.stringify(job));
    }
    return { unknownPrints };
  })();
}
