import type Database from 'better-sqlite3';

/** SQLite's default ceiling on a database's pages: as good as "the disk has room". */
const NO_LIMIT = 1_073_741_823;

/**
 * Fills the station's disk as SQLite meets a full one: the database may not grow by a single page
 * (`PRAGMA max_page_count` at its current size, on the station's own connection, which is where the limit
 * applies), and `fill` writes rows until SQLite answers SQLITE_FULL, so the pages its table lives in are full
 * too. Every later write that needs a new page fails with SQLITE_FULL, as on a disk with no space left.
 * @returns frees the space again (lifts the limit)
 */
export function fillDisk(db: Database.Database, fill: (i: number) => void): () => void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const free = () => void db.pragma(`max_page_count = ${NO_LIMIT}`);
  for (let i = 0; i < 1_000_000; i++) {
    try {
      fill(i);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_FULL') return free;
      free();
      throw error;
    }
  }
  free();
  throw new Error('the database never filled up');
}
