import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One numbered, forward-only schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Raised when the database's applied migrations do not match the shipped files: the station refuses to start. */
export class MigrationMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationMismatchError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The directory of the station's migrations, next to this module (the build copies them next to the bundle). */
export const stationMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Reads `NNNN_name.sql` files from `dir`, in version order. Versions must run 1, 2, 3… without gaps. */
export function loadMigrations(dir: string = stationMigrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new MigrationMismatchError(`migration file name "${file}" is not NNNN_name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(path.join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationMismatchError(`migration ${m.version} out of sequence (expected ${i + 1})`);
  });
  return migrations;
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies the migrations the database has not seen, each in its own transaction. Refuses (throws
 * MigrationMismatchError, changing nothing) when an applied migration is missing from `migrations`, has another
 * name, or its file changed since it ran: a database from a newer or a different build is never touched.
 * @returns the versions applied by this call
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known) {
      throw new MigrationMismatchError(
        `database has migration ${row.version}_${row.name}, which this build does not know: it was written by a newer or different Dockside`,
      );
    }
    if (known.name !== row.name || checksum(known.sql) !== row.checksum) {
      throw new MigrationMismatchError(
        `migration ${row.version}_${row.name} in the database differs from the shipped file`,
      );
    }
  }
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.some((row) => row.version === m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    })();
    done.push(m.version);
  }
  return done;
}
