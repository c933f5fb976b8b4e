import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { quickCheck } from './integrity';
import { STATION_DB_FILE } from './open-database';
import { createOutbox, type OutboxState } from './outbox';
import { createPrintJobsRepository } from './print-jobs-repository';
import { listSettings } from './settings-repository';
import type { PrintJobState } from './print-jobs-repository';

/** What a support engineer needs to know about a station database, read without changing it. */
export interface DatabaseDiagnostics {
  file: string;
  /** Sizes of the database file and its WAL, bytes (null when absent). */
  bytes: { database: number | null; wal: number | null };
  /** `PRAGMA quick_check` output: `['ok']`, or the problems it found. Empty when the check could not run. */
  quickCheck: string[];
  /** Why the database could not be opened or read, or null. */
  error: string | null;
  /** The highest applied migration. */
  schemaVersion: number | null;
  outbox: Record<OutboxState, number> | null;
  /** The oldest item still waiting for the ERP (ISO time). */
  oldestPendingAt: string | null;
  printJobs: Record<PrintJobState, number> | null;
  /** The settings table as it is; the caller redacts before showing it to anyone. */
  settings: Record<string, string>;
}

/** The versions of the SQLite driver and library this build runs with. */
export function sqliteVersions(): { betterSqlite3: string; sqlite: string } {
  // better-sqlite3 stays outside the bundle (native module), so its package.json is where require finds it.
  const manifest = createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string };
  const memory = new Database(':memory:');
  try {
    const { version } = memory.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return { betterSqlite3: manifest.version, sqlite: version };
  } finally {
    memory.close();
  }
}

/**
 * Reads the station database of `dataDir` for a diagnostics bundle: integrity (`quick_check`), schema version,
 * outbox and print-queue counts, settings. Opens the file read-only, without the single-instance lock: with WAL
 * a reader never blocks a running station nor is blocked by it, and nothing is written. Never throws; what could
 * not be read is said in `error`.
 */
export function readDatabaseDiagnostics(dataDir: string): DatabaseDiagnostics {
  const file = path.join(dataDir, STATION_DB_FILE);
  const size = (name: string) => (existsSync(name) ? statSync(name).size : null);
  const result: DatabaseDiagnostics = {
    file,
    bytes: { database: size(file), wal: size(`${file}-wal`) },
    quickCheck: [],
    error: null,
    schemaVersion: null,
    outbox: null,
    oldestPendingAt: null,
    printJobs: null,
    settings: {},
  };
  if (result.bytes.database === null) return { ...result, error: 'there is no station database yet' };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (error) {
    return { ...result, error: `cannot open it: ${(error as Error).message}` };
  }
  try {
    const problems = quickCheck(db);
    result.quickCheck = problems.length === 0 ? ['ok'] : problems;
    const version = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    result.schemaVersion = version.version;
    const outbox = createOutbox({ db, clock: () => new Date() });
    result.outbox = outbox.counts();
    result.oldestPendingAt = outbox.stats().oldestPendingAt;
    result.printJobs = createPrintJobsRepository(db).counts();
    result.settings = listSettings(db);
  } catch (error) {
    // A damaged file or an old schema: report what was read so far and why it stopped.
    result.error = (error as Error).message;
  } finally {
    db.close();
  }
  return result;
}
