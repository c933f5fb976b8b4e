import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  fsyncSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { BACKUP_DIR, isDamageError, quickCheck } from './integrity';
import { acquireInstanceLock } from './instance-lock';
import { loadMigrations, type Migration } from './migrate';
import { STATION_DB_FILE } from './open-database';
import { createHash } from 'node:crypto';

/** One backup file in the station's backup folder. */
export interface BackupFile {
  file: string;
  bytes: number;
  /** When it was written (from the file name, which sorts in time order). */
  takenAt: string;
}

/** A file offered for restore is not a usable station database; nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot restore ${file}: ${reason}; nothing was changed`);
    this.name = 'RestoreRefusedError';
  }
}

/** What a restore did. */
export interface RestoreResult {
  restored: string;
  /** Where the replaced database (and its WAL) was kept, or null when the data directory had none. */
  keptAside: string | null;
  /** The highest migration the restored file has; the next start applies newer ones. */
  schemaVersion: number;
}

const BACKUP_NAME = /^station-(\d{8}T\d{6}(?:\d{3})?Z)\.sqlite$/;

/** The station's backup folder in `dataDir`. */
export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR);
}

/**
 * Copies the open station database to `out` (default: a new time-stamped file in `<data>/backups`) through
 * SQLite's online backup API, which copies a consistent snapshot including the WAL's committed pages while the
 * station keeps writing (a plain file copy would miss them). The copy is written aside, checked with
 * `quick_check` and then renamed into place, so a crash never leaves half a backup under the final name.
 */
export async function backupDatabase(db: Database.Database, out: string): Promise<BackupFile> {
  mkdirSync(path.dirname(out), { recursive: true });
  const temp = `${out}.${process.pid}.partial`;
  rmSync(temp, { force: true });
  try {
    await db.backup(temp);
    const copy = new Database(temp, { readonly: true, fileMustExist: true });
    try {
      const problems = quickCheck(copy);
      if (problems.length > 0) throw new Error(`the backup copy failed its check: ${problems.join('; ')}`);
    } finally {
      copy.close();
    }
    fsyncFile(temp);
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const takenAt = new Date().toISOString();
  return { file: out, bytes: statSync(out).size, takenAt };
}

/** A new backup file name in `<data>/backups` for time `now`. */
export function newBackupPath(dataDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return path.join(backupDir(dataDir), `station-${stamp}.sqlite`);
}

/** The backups in `<data>/backups`, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => {
      const s = match[1]!;
      const takenAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}${s.length > 16 ? `.${s.slice(15, 18)}` : ''}Z`;
      return { file: path.join(dir, name), bytes: statSync(path.join(dir, name)).size, takenAt };
    })
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

/** Deletes all but the newest `keep` scheduled backups; returns the files removed. */
export function pruneBackups(dataDir: string, keep: number): string[] {
  const old = listBackups(dataDir).slice(Math.max(1, keep));
  for (const backup of old) rmSync(backup.file, { force: true });
  return old.map((backup) => backup.file);
}

/**
 * Checks that `file` is a sound station database whose applied migrations this build knows (same names and
 * checksums, none newer). Opens it read-only; changes nothing.
 * @returns the file's schema version
 * @throws RestoreRefusedError saying what is wrong
 */
export function validateStationFile(file: string, migrations: readonly Migration[] = loadMigrations()): number {
  if (!existsSync(file)) throw new RestoreRefusedError(file, 'the file does not exist');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new RestoreRefusedError(file, `it cannot be opened (${(error as Error).message})`);
  }
  try {
    let problems: string[];
    try {
      problems = quickCheck(db);
    } catch (error) {
      if (isDamageError(error)) throw new RestoreRefusedError(file, 'it is not a SQLite database or is damaged');
      throw error;
    }
    if (problems.length > 0) throw new RestoreRefusedError(file, `it is damaged (${problems.slice(0, 3).join('; ')})`);
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'orders', 'outbox')")
      .all();
    if (hasTable.length < 3) throw new RestoreRefusedError(file, 'it is not a Dockside station database');
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
      checksum: string;
    }[];
    if (applied.length === 0) throw new RestoreRefusedError(file, 'it has no applied migrations');
    for (const row of applied) {
      const known = migrations.find((m) => m.version === row.version);
      if (!known)
        throw new RestoreRefusedError(
          file,
          `it has migration ${row.version}_${row.name}, which this build does not know (written by a newer Dockside)`,
        );
      if (known.name !== row.name || sha256(known.sql) !== row.checksum)
        throw new RestoreRefusedError(file, `its migration ${row.version}_${row.name} differs from this build's`);
    }
    return applied[applied.length - 1]!.version;
  } finally {
    db.close();
  }
}

/**
 * Replaces the station database in `dataDir` with `file`. Takes the single-instance lock first, so it refuses
 * (InstanceLockedError) while a station runs there; validates `file` before touching anything; moves the current
 * database and its WAL/SHM aside as `station.sqlite.replaced-STAMP*` (never deleted); copies `file` in under a
 * temporary name, syncs it and renames it into place.
 */
export function restoreDatabase(dataDir: string, file: string, now: Date): RestoreResult {
  const source = path.resolve(file);
  const lock = acquireInstanceLock(dataDir, 'dockside restore');
  try {
    const schemaVersion = validateStationFile(source);
    const target = path.join(dataDir, STATION_DB_FILE);
    if (path.resolve(target) === source)
      throw new RestoreRefusedError(source, 'it is the live station database itself');
    const temp = `${target}.restore-${process.pid}.tmp`;
    copyFileSync(source, temp);
    fsyncFile(temp);
    let keptAside: string | null = null;
    if (existsSync(target)) {
      keptAside = `${target}.replaced-${now.toISOString().replace(/[-:.]/g, '')}`;
      // The WAL may hold committed pages the main file does not yet have: keep the three files together.
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(target + suffix)) renameSync(target + suffix, keptAside + suffix);
      }
    }
    renameSync(temp, target);
    fsyncDir(dataDir);
    return { restored: source, keptAside, schemaVersion };
  } finally {
    lock.release();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  // Makes the renames durable; directories cannot be opened for fsync on Windows, where rename is durable anyway.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Backups of one open station database. */
export interface DatabaseBackups {
  /** Writes a backup to `out` (default: a new file in `<data>/backups`). */
  backup(now: Date, out?: string): Promise<BackupFile>;
  list(): BackupFile[];
  /** Keeps the newest `keep` files in `<data>/backups`. */
  prune(keep: number): string[];
}

/** Binds the backup functions to an open station database and its data directory. */
export function createDatabaseBackups(db: Database.Database, dataDir: string): DatabaseBackups {
  return {
    backup: (now, out) => backupDatabase(db, out ?? newBackupPath(dataDir, now)),
    list: () => listBackups(dataDir),
    prune: (keep) => pruneBackups(dataDir, keep),
  };
}

/**
 * Backs up the station database of `dataDir` from a separate connection, without the single-instance lock: the
 * backup API reads a consistent snapshot while a running station goes on writing (WAL), so `dockside backup`
 * works next to a running station. Nothing is written to the live database.
 */
export async function backupDataDir(dataDir: string, now: Date, out?: string): Promise<BackupFile> {
  const file = path.join(dataDir, STATION_DB_FILE);
  if (!existsSync(file)) throw new RestoreRefusedError(file, 'there is no station database to back up');
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    return await backupDatabase(db, out ? path.resolve(out) : newBackupPath(dataDir, now));
  } finally {
    db.close();
  }
}
