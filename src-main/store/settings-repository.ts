import type Database from 'better-sqlite3';

/** Small key/value state of the station: its id, the last sync time, the pull cursor. */
export interface SettingsRepository {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Creates the settings repository over an open station database. */
export function createSettingsRepository(db: Database.Database): SettingsRepository {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(key) {
      return (get.get(key) as { value: string } | undefined)?.value ?? null;
    },
    set(key, value) {
      set.run(key, value);
    },
  };
}

/** Every setting of the station, by key (for the diagnostics bundle, which redacts them; not for the core's use). */
export function listSettings(db: Database.Database): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}
