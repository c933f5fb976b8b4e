import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStation } from '../../../src-main/compose';
import {
  acquireInstanceLock,
  backupDataDir,
  createDatabaseBackups,
  createOutbox,
  DatabaseDamagedError,
  InstanceLockedError,
  listBackups,
  openStationDatabase,
  quickCheck,
  restoreDatabase,
  RestoreRefusedError,
  STATION_DB_FILE,
  validateStationFile,
} from '../../../src-main/store';
import { assetsDir } from '../../helpers/paths';

// Crash safety of the station store with real SQLite files: the single-instance lock, the start-up integrity
// check, backups through the backup API and restore.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-crash-safety-'));
let n = 0;
const freshDir = () => path.join(tmp, `d${++n}`);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('single-instance lock', () => {
  it('refuses a second holder naming the first one, and is free again once released', () => {
    const dir = freshDir();
    const first = acquireInstanceLock(dir, 'dockside serve');
    let refusal: unknown;
    try {
      acquireInstanceLock(dir, 'dockside ship');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InstanceLockedError);
    expect((refusal as InstanceLockedError).holder).toMatchObject({ pid: process.pid, command: 'dockside serve' });
    expect((refusal as Error).message).toMatch(new RegExp(`pid ${process.pid}, dockside serve`));
    first.release();
    first.release();
    acquireInstanceLock(dir).release();
  });

  it('is taken before the database opens: a second station on the same directory fails and touches nothing', async () => {
    const dir = freshDir();
    const station = await createStation({ dataDir: dir, assetsDir });
    try {
      await expect(createStation({ dataDir: dir, assetsDir })).rejects.toBeInstanceOf(InstanceLockedError);
    } finally {
      await station.close();
    }
    // Closed: the next one starts.
    const again = await createStation({ dataDir: dir, assetsDir });
    await again.close();
  });
});

describe('integrity check at start', () => {
  it('refuses a damaged database with a message pointing to restore, and leaves the file as it was', () => {
    const dir = freshDir();
    const db = openStationDatabase(dir);
    const outbox = createOutbox({ db, clock: () => new Date() });
    for (let i = 0; i < 300; i++)
      outbox.add({
        idempotencyKey: `k${i}`,
        aggregate: `SO-${i}`,
        kind: 'shipment.confirm',
        payload: { i, pad: 'x'.repeat(200) },
      });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = path.join(dir, STATION_DB_FILE);
    // Scribble over a few pages in the middle: the b-tree pages of the outbox.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 6);
    closeSync(fd);
    const before = sha(file);

    let refusal: unknown;
    try {
      openStationDatabase(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseDamagedError);
    expect((refusal as Error).message).toMatch(/is damaged/);
    expect((refusal as Error).message).toMatch(/dockside restore FILE/);
    expect((refusal as Error).message).toContain(path.join(dir, 'backups'));
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database at all', () => {
    const dir = freshDir();
    openStationDatabase(dir).close();
    writeFileSync(path.join(dir, STATION_DB_FILE), 'this is not a database, it is a shopping list '.repeat(100));
    expect(() => openStationDatabase(dir)).toThrow(DatabaseDamagedError);
  });
});

describe('backups', () => {
  it('backs up while the station writes: the copy is sound and holds every row committed before it started', async () => {
    const dir = freshDir();
    const db = openStationDatabase(dir);
    const outbox = createOutbox({ db, clock: () => new Date() });
    for (let i = 0; i < 2000; i++)
      outbox.add({ idempotencyKey: `a${i}`, aggregate: `SO-${i}`, kind: 'shipment.confirm', payload: { i } });
    // Writes interleave with the backup's steps (the backup API copies in chunks between event-loop turns).
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        outbox.add({
          idempotencyKey: `b${written}`,
          aggregate: 'SO-w',
          kind: 'shipment.confirm',
          payload: { written },
        });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backups = createDatabaseBackups(db, dir);
    const backup = await backups.backup(new Date());
    writing = false;
    await writer;
    db.close();

    expect(listBackups(dir).map((b) => b.file)).toEqual([backup.file]);
    const copy = new Database(backup.file, { readonly: true });
    expect(quickCheck(copy)).toEqual([]);
    const keys = new Set(
      (copy.prepare('SELECT idempotency_key AS k FROM outbox').all() as { k: string }[]).map((r) => r.k),
    );
    copy.close();
    for (let i = 0; i < 2000; i++) expect(keys.has(`a${i}`)).toBe(true);
    expect(validateStationFile(backup.file)).toBeGreaterThanOrEqual(6);
  });

  it('backs up from a second process-like connection while the lock is held', async () => {
    const dir = freshDir();
    const station = await createStation({ dataDir: dir, assetsDir });
    try {
      const out = path.join(tmp, 'explicit.sqlite');
      const backup = await backupDataDir(dir, new Date(), out);
      expect(backup.file).toBe(out);
      expect(validateStationFile(out)).toBeGreaterThanOrEqual(6);
    } finally {
      await station.close();
    }
  });
});

describe('restore', () => {
  it('refuses while a station holds the directory, and refuses files that are not station databases', async () => {
    const dir = freshDir();
    const station = await createStation({ dataDir: dir, assetsDir });
    const backup = await station.backups.backupNow();
    expect(() => restoreDatabase(dir, backup.file, new Date())).toThrow(InstanceLockedError);
    await station.close();

    const junk = path.join(tmp, 'junk.sqlite');
    writeFileSync(junk, 'not sqlite at all '.repeat(300));
    expect(() => restoreDatabase(dir, junk, new Date())).toThrow(/not a SQLite database or is damaged/);

    const other = path.join(tmp, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    foreign.close();
    expect(() => restoreDatabase(dir, other, new Date())).toThrow(/not a Dockside station database/);

    const newer = path.join(tmp, 'newer.sqlite');
    await backupDataDir(dir, new Date(), newer);
    const bump = new Database(newer);
    bump.prepare("INSERT INTO schema_migrations VALUES (999, 'from_the_future', 'x', '2099-01-01')").run();
    bump.close();
    let refusal: unknown;
    try {
      restoreDatabase(dir, newer, new Date());
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RestoreRefusedError);
    expect((refusal as Error).message).toMatch(/999_from_the_future.*newer Dockside.*nothing was changed/);
  });

  it('puts the backup in place, keeps the replaced database aside, and the station starts on it', async () => {
    const dir = freshDir();
    const db = openStationDatabase(dir);
    const outbox = createOutbox({ db, clock: () => new Date() });
    outbox.add({ idempotencyKey: 'before-backup', aggregate: 'SO-1', kind: 'shipment.confirm', payload: {} });
    const backup = await createDatabaseBackups(db, dir).backup(new Date());
    outbox.add({ idempotencyKey: 'after-backup', aggregate: 'SO-2', kind: 'shipment.confirm', payload: {} });
    db.close();

    const result = restoreDatabase(dir, backup.file, new Date('2030-01-02T03:04:05Z'));
    expect(result.keptAside).toBe(path.join(dir, `${STATION_DB_FILE}.replaced-20300102T030405000Z`));
    expect(existsSync(result.keptAside!)).toBe(true);
    const reopened = openStationDatabase(dir);
    const keys = (reopened.prepare('SELECT idempotency_key AS k FROM outbox ORDER BY id').all() as { k: string }[]).map(
      (r) => r.k,
    );
    reopened.close();
    expect(keys).toEqual(['before-backup']);
    const aside = new Database(result.keptAside!, { readonly: true });
    expect((aside.prepare('SELECT count(*) AS c FROM outbox').get() as { c: number }).c).toBe(2);
    aside.close();
  });
});
