import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoErpMigrationsDir, openDemoErpDb } from '../../../../src-main/demo/erp/demo-erp-db';
import { loadMigrations } from '../../../../src-main/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-demo-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const applied = (db: Database.Database) =>
  db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number }[];

describe("the demo ERP's own migrations", () => {
  it('are numbered from 1 and are not among the station migrations', () => {
    const demo = loadMigrations(demoErpMigrationsDir).map((m) => m.name);
    expect(demo).toEqual(['initial', 'writebacks']);
    const station = loadMigrations().map((m) => m.sql);
    for (const m of loadMigrations(demoErpMigrationsDir)) expect(station).not.toContain(m.sql);
  });

  it('create a new demo ERP file', () => {
    const db = openDemoErpDb(path.join(dir, 'demo-erp.sqlite'));
    try {
      expect(applied(db)).toEqual([
        { version: 1, name: 'initial' },
        { version: 2, name: 'writebacks' },
      ]);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['orders', 'order_lines', 'stock', 'shipments', 'handovers', 'fees']),
      );
    } finally {
      db.close();
    }
  });

  it('open a demo ERP file made before the demo had migrations, keeping what it holds', () => {
    const file = path.join(dir, 'demo-erp.sqlite');
    // What earlier builds did: the schema created in place, no migration record.
    const old = new Database(file);
    for (const m of loadMigrations(demoErpMigrationsDir)) old.exec(m.sql);
    old.prepare("INSERT INTO stock (sku, name, barcode, on_hand) VALUES ('SKU-1', 'Mug', '6291041500213', 7)").run();
    old.close();

    const db = openDemoErpDb(file);
    try {
      expect(applied(db).map((row) => row.version)).toEqual([1, 2]);
      expect(db.prepare("SELECT on_hand FROM stock WHERE sku = 'SKU-1'").pluck().get()).toBe(7);
    } finally {
      db.close();
    }
    // Opened again, nothing is applied twice, and the recorded checksums still match the shipped files.
    const again = openDemoErpDb(file);
    try {
      expect(applied(again).map((row) => row.version)).toEqual([1, 2]);
    } finally {
      again.close();
    }
  });
});
