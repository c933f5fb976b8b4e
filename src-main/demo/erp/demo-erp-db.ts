import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { applyPragmas, loadMigrations, migrate } from '../../store';

/** An open demo-ERP database handle (better-sqlite3). */
export type DemoErpDatabase = Database.Database;

/**
 * The demo ERP's own numbered migrations, next to this module (the build copies them next to the bundle under
 * this name, beside the station's `migrations/`). They are not the station's: the demo ERP has its own file.
 */
export const demoErpMigrationsDir = fileURLToPath(new URL('./demo-erp-migrations/', import.meta.url));

/**
 * Opens (creating when missing) the demo ERP's SQLite file with the station's durability pragmas: WAL,
 * `synchronous=FULL` (a recorded shipment survives power loss), foreign keys on and a 5 s busy timeout; then
 * applies the demo ERP's migrations it has not seen (refusing a file from a newer or different build).
 * @param dbPath - the SQLite file; created with its folder's permissions when missing
 */
export function openDemoErpDb(dbPath: string): DemoErpDatabase {
  const db = new Database(dbPath);
  try {
    applyPragmas(db);
    migrate(db, loadMigrations(demoErpMigrationsDir));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
