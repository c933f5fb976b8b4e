import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createOutbox, loadMigrations, migrate } from '../../../src-main/store';

// Migration 0007 rebuilds the outbox to allow the write-back kinds. Rows, ids and the AUTOINCREMENT counter must
// survive it: archived items keep their outbox ids, so a new item must never reuse one.

describe('migration 0007 (write-backs)', () => {
  it('keeps every outbox row, its id and the id counter, and then accepts the new kinds', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    const before = all.filter((m) => m.version < 7);
    migrate(db, before);
    const insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, aggregate, kind, payload, state, next_attempt_at, created_at)
       VALUES (?, ?, 'shipment.confirm', '{}', ?, '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z')`,
    );
    insert.run('k1', 'SO-1', 'pending');
    insert.run('k2', 'SO-2', 'conflict');
    insert.run('k3', 'SO-3', 'pending');
    // The newest item left the table (as archiving does): the counter still remembers id 3.
    db.prepare("DELETE FROM outbox WHERE idempotency_key = 'k3'").run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (idempotency_key, aggregate, kind, payload, state, next_attempt_at, created_at)
           VALUES ('h', 'SO-1', 'handover.confirm', '{}', 'pending', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);

    migrate(db, all);
    expect(db.prepare('SELECT id, idempotency_key, state FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, idempotency_key: 'k1', state: 'pending' },
      { id: 2, idempotency_key: 'k2', state: 'conflict' },
    ]);
    const outbox = createOutbox({ db, clock: () => new Date('2026-11-27T08:00:00Z') });
    const id = outbox.add({ idempotencyKey: 'handover:T1', aggregate: 'SO-1', kind: 'handover.confirm', payload: {} });
    expect(id).toBe(4);
    expect(outbox.add({ idempotencyKey: 'fee:T1', aggregate: 'SO-1', kind: 'fee.post', payload: {} })).toBe(5);
    db.close();
  });
});
