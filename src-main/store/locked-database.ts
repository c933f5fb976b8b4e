import type Database from 'better-sqlite3';
import { acquireInstanceLock } from './instance-lock';
import { openStationDatabase } from './open-database';

/** The station database, opened under the data directory's single-instance lock. */
export interface LockedStationDatabase {
  readonly db: Database.Database;
  /** Closes the database, then lets go of the lock. Idempotent. */
  close(): void;
}

/**
 * Opens the station database of `dataDir` the way every process must: the single-instance lock first, so a second
 * process never touches the file at all, then the database (sound, migrated).
 * @param command - what this process runs, for the refusal another process gets (default: from argv)
 * @throws InstanceLockedError naming the holder, before the database is opened; whatever openStationDatabase
 *   throws (the lock is let go again)
 */
export function openLockedStationDatabase(dataDir: string, command?: string): LockedStationDatabase {
  const lock = acquireInstanceLock(dataDir, command);
  let db: Database.Database;
  try {
    db = openStationDatabase(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    db,
    // Both are idempotent (better-sqlite3's close and the lock's release), so this is too.
    close() {
      try {
        db.close();
      } finally {
        lock.release();
      }
    },
  };
}
