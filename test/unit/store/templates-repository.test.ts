import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTemplatesRepository, loadMigrations, migrate } from '../../../src-main/store';

function repo() {
  const db = new Database(':memory:');
  migrate(db, loadMigrations());
  return { db, templates: createTemplatesRepository(db) };
}

describe('templates repository', () => {
  it('stores every save as a new version and never overwrites one', () => {
    const { db, templates } = repo();
    const v1 = templates.saveVersion({ name: 'shop', body: '{"a":1}', now: '2025-01-01T00:00:00Z', note: 'first' });
    const v2 = templates.saveVersion({ name: 'shop', body: '{"a":2}', now: '2025-01-02T00:00:00Z', createdBy: 'st-1' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(templates.get('shop', 1)).toMatchObject({ body: '{"a":1}', note: 'first', createdBy: null });
    expect(templates.get('shop')).toMatchObject({ version: 2, body: '{"a":2}', createdBy: 'st-1' });
    expect(templates.versions('shop').map((v) => v.version)).toEqual([1, 2]);
    expect(templates.get('shop', 3)).toBeNull();
    expect(templates.get('other')).toBeNull();
    // The table itself refuses changes and deletions: a printed version stays reproducible.
    expect(() => db.prepare("UPDATE label_templates SET body = '{}' WHERE name = 'shop'").run()).toThrow(
      /never changed/,
    );
    expect(() => db.prepare("DELETE FROM label_templates WHERE name = 'shop'").run()).toThrow(/never deleted/);
    expect(() => db.prepare("INSERT INTO label_templates VALUES ('shop', 1, '{}', 'x', NULL, NULL)").run()).toThrow();
    expect(templates.get('shop', 1)?.body).toBe('{"a":1}');
  });

  it('starts at firstVersion (a built-in name is version 1) and lists the newest version of each name', () => {
    const { templates } = repo();
    expect(templates.saveVersion({ name: 'generic-100x150', body: '{}', now: 'n', firstVersion: 2 }).version).toBe(2);
    expect(templates.saveVersion({ name: 'generic-100x150', body: '{}', now: 'n', firstVersion: 2 }).version).toBe(3);
    templates.saveVersion({ name: 'a-shop', body: '{"x":1}', now: 'n' });
    expect(templates.list().map((h) => [h.name, h.version, h.versions])).toEqual([
      ['a-shop', 1, 1],
      ['generic-100x150', 3, 2],
    ]);
  });
});
