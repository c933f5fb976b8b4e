import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadMigrations,
  migrate,
  MigrationMismatchError,
  openStationDatabase,
  DataDirError,
} from '../../../src-main/store';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-migrate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('migrations', () => {
  it('ships numbered migrations starting at 1', () => {
    const migrations = loadMigrations();
    expect(migrations[0]).toMatchObject({ version: 1, name: 'initial' });
  });

  it('applies once, then nothing; records user_version', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    expect(migrate(db, all)).toEqual(all.map((m) => m.version));
    expect(migrate(db, all)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(all.length);
  });

  it('refuses a database that has a migration this build does not know', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    migrate(db, [...all, { version: all.length + 1, name: 'future', sql: 'CREATE TABLE future (x)' }]);
    expect(() => migrate(db, all)).toThrow(MigrationMismatchError);
  });

  it('refuses when an applied migration file was edited', () => {
    const db = new Database(':memory:');
    migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x)' }]);
    expect(() => migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x, y)' }])).toThrow(/differs/);
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [{ version: 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); CREATE TABLE broken (' }]),
    ).toThrow();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ok_table'").all();
    expect(tables).toEqual([]);
  });

  it('opens the station file with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openStationDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('says which directory cannot be used and why', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    new Database(blocker).close();
    expect(() => openStationDatabase(path.join(blocker, 'data'))).toThrow(DataDirError);
    expect(() => openStationDatabase(path.join(blocker, 'data'))).toThrow(/file is in the way/);
  });
});
