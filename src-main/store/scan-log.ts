import type Database from 'better-sqlite3';

/** Appends every scan with its verdict, so no scan is ever lost without a trace. */
export interface ScanLog {
  record(entry: { at: string; code: string; orderNo: string | null; verdict: string; reason: string | null }): void;
}

/** Creates the scan log over an open station database. */
export function createScanLog(db: Database.Database): ScanLog {
  const insert = db.prepare('INSERT INTO scan_log (at, code, order_no, verdict, reason) VALUES (?, ?, ?, ?, ?)');
  return {
    record({ at, code, orderNo, verdict, reason }) {
      insert.run(at, code, orderNo, verdict, reason);
    },
  };
}
