import type Database from 'better-sqlite3';
import path from 'node:path';

/** The folder inside the data directory where the station keeps its backups. */
export const BACKUP_DIR = 'backups';

/** SQLite result codes that mean the file itself is not a sound database. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE']);

/** The station database failed its integrity check: it is refused, never repaired or written to. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const dir = path.join(path.dirname(file), BACKUP_DIR);
    super(
      `the station database ${file} is damaged (${problems.slice(0, 3).join('; ')}); it was not changed. ` +
        `Restore the newest backup with: dockside restore FILE --data ${path.dirname(file)} (backups are in ${dir})`,
    );
    this.name = 'DatabaseDamagedError';
  }
}

/** True when `error` is SQLite saying the file is corrupt or not a database at all. */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

/**
 * Runs `PRAGMA quick_check` (the O(N) subset of integrity_check: page structure, record format, NOT NULL and CHECK
 * constraints; it skips only index-content cross-checks) and returns the problems it reports, or [] when sound.
 */
export function quickCheck(db: Database.Database): string[] {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  return problems;
}

/**
 * Refuses a damaged database: throws {@link DatabaseDamagedError} naming `file` when `quick_check` finds problems
 * or SQLite cannot read the file as a database.
 */
export function assertSound(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    problems = quickCheck(db);
  } catch (error) {
    if (isDamageError(error)) throw new DatabaseDamagedError(file, [(error as Error).message]);
    throw error;
  }
  if (problems.length > 0) throw new DatabaseDamagedError(file, problems);
}
