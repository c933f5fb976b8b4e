import type Database from 'better-sqlite3';

/** One saved version of a label template, as stored (the body is the template's JSON text). */
export interface SavedTemplateVersion {
  name: string;
  version: number;
  body: string;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
}

/** The newest version of one saved template and how many versions it has. */
export interface SavedTemplateHead extends SavedTemplateVersion {
  versions: number;
}

interface Row {
  name: string;
  version: number;
  body: string;
  created_at: string;
  created_by: string | null;
  note: string | null;
}

const fromRow = (row: Row): SavedTemplateVersion => ({
  name: row.name,
  version: row.version,
  body: row.body,
  createdAt: row.created_at,
  createdBy: row.created_by,
  note: row.note,
});

/** Saved label templates. Every save is a new version; a stored version is never changed. */
export interface TemplatesRepository {
  /**
   * Stores `body` as the next version of `name` (one more than the newest, and at least `firstVersion`) in one
   * transaction, so two saves never get the same number.
   * @returns the stored version
   */
  saveVersion(input: {
    name: string;
    body: string;
    now: string;
    createdBy?: string | null;
    note?: string | null;
    /** The lowest number a first save gets (2 when a built-in template of that name is version 1). */
    firstVersion?: number;
  }): SavedTemplateVersion;
  /** One version, or the newest when `version` is omitted; null when there is none. */
  get(name: string, version?: number): SavedTemplateVersion | null;
  /** Every version of `name`, oldest first. */
  versions(name: string): SavedTemplateVersion[];
  /** The newest version of every saved template, by name. */
  list(): SavedTemplateHead[];
}

/** Creates the label templates repository over an open station database. */
export function createTemplatesRepository(db: Database.Database): TemplatesRepository {
  const newest = db.prepare('SELECT max(version) AS v FROM label_templates WHERE name = ?');
  const insert = db.prepare(`
    INSERT INTO label_templates (name, version, body, created_at, created_by, note)
    VALUES (@name, @version, @body, @createdAt, @createdBy, @note)`);
  const getOne = db.prepare('SELECT * FROM label_templates WHERE name = ? AND version = ?');
  const getNewest = db.prepare('SELECT * FROM label_templates WHERE name = ? ORDER BY version DESC LIMIT 1');
  const versions = db.prepare('SELECT * FROM label_templates WHERE name = ? ORDER BY version');
  const list = db.prepare(`
    SELECT t.*, c.n AS versions FROM label_templates t
    JOIN (SELECT name, max(version) AS v, count(*) AS n FROM label_templates GROUP BY name) c
      ON c.name = t.name AND c.v = t.version
    ORDER BY t.name`);

  const save = db.transaction((input: Parameters<TemplatesRepository['saveVersion']>[0]): SavedTemplateVersion => {
    const current = (newest.get(input.name) as { v: number | null }).v ?? 0;
    const version = Math.max(current + 1, input.firstVersion ?? 1);
    const row: SavedTemplateVersion = {
      name: input.name,
      version,
      body: input.body,
      createdAt: input.now,
      createdBy: input.createdBy ?? null,
      note: input.note ?? null,
    };
    insert.run(row);
    return row;
  });

  return {
    saveVersion: (input) => save.immediate(input),
    get(name, version) {
      const row = (version === undefined ? getNewest.get(name) : getOne.get(name, version)) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    versions: (name) => (versions.all(name) as Row[]).map(fromRow),
    list: () =>
      (list.all() as (Row & { versions: number })[]).map((row) => ({ ...fromRow(row), versions: row.versions })),
  };
}
