import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { assertSound, DatabaseDamagedError, isDamageError } from './integrity';
import { migrate, type Migration, loadMigrations } from './migrate';

/** The data directory cannot be used: missing permissions, a file in the way, a read-only disk. */
export class DataDirError extends Error {
  constructor(
    readonly dataDir: string,
    reason: string,
  ) {
    super(`cannot use data directory ${dataDir}: ${reason}`);
    this.name = 'DataDirError';
  }
}

/** The station database's file name inside the data directory. */
export const STATION_DB_FILE = 'station.sqlite';

/** Creates `dataDir` if needed and proves it is writable, with an error that says what is wrong and where. */
export function ensureWritableDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const hint: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOTDIR: 'a file is in the way of the path',
      EROFS: 'the disk is read-only',
      EEXIST: 'a file with that name exists',
    };
    throw new DataDirError(dataDir, hint[code] ?? code);
  }
}

/**
 * Applies the pragmas every station database runs with: WAL so readers never block the writer,
 * synchronous=FULL so a confirmed shipment survives power loss (WAL's default NORMAL may lose the last commits),
 * foreign keys on, and a busy timeout so a second process waits instead of failing.
 */
export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Opens (creating if needed) the station database in `dataDir`, checks it is sound (`PRAGMA quick_check`) and
 * brings its schema up to date. Callers that run a station take the single-instance lock first (instance-lock.ts).
 * @throws DataDirError when the directory cannot be written; DatabaseDamagedError when the file is damaged;
 *   MigrationMismatchError when the schema is foreign
 */
export function openStationDatabase(
  dataDir: string,
  migrations: readonly Migration[] = loadMigrations(),
): Database.Database {
  ensureWritableDir(dataDir);
  const file = path.join(dataDir, STATION_DB_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new DataDirError(dataDir, (error as Error).message);
  }
  try {
    applyPragmas(db);
    // Before any write: a damaged file is refused as it is, so a restore can still rescue what it holds.
    assertSound(db, file);
    migrate(db, migrations);
  } catch (error) {
    db.close();
    // "file is not a database" surfaces at the first pragma already.
    if (isDamageError(error)) throw new DatabaseDamagedError(file, [(error as Error).message]);
    throw error;
  }
  return db;
}
