import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRestConnector } from '../../../src-main/erp/rest';
import { createOutbox, createOutboxSupervision, openStationDatabase, type Outbox } from '../../../src-main/store';
import { createOutboxUploader } from '../../../src-main/sync';
import { startScriptedErp, type ScriptedErp } from '../../helpers/scripted-erp';

// The outbox rules (SYNC-01..05, 11, 12 in docs/requirements.md) against a real SQLite file and a real HTTP server on
// loopback, through the real REST connector: only the ERP's answers are scripted.

let dir: string;
let db: Database.Database;
let outbox: Outbox;
let erp: ScriptedErp;
let now: Date;
const clock = () => now;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-outbox-rules-'));
  db = openStationDatabase(dir);
  now = new Date('2026-11-27T08:00:00Z');
  seq = 0;
  outbox = createOutbox({ db, clock });
  erp = await startScriptedErp();
});
afterEach(async () => {
  await erp.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
const queue = (orderNo: string, extra: Record<string, unknown> = {}) =>
  outbox.add({
    idempotencyKey: `key-${orderNo}-${++seq}`,
    aggregate: orderNo,
    kind: 'shipment.confirm',
    payload: {
      orderNo,
      orderVersion: 1,
      trackingNumber: `T-${orderNo}-${seq}`,
      carrier: 'DSX',
      shippedAt: now.toISOString(),
      lines: [{ lineNo: 1, sku: 'SKU-1', quantity: 1 }],
      stationId: 'S1',
      ...extra,
    },
  });

const uploader = (options: { batchSize?: number; concurrency?: number } = {}) =>
  createOutboxUploader({
    outbox,
    connector: createRestConnector({ baseUrl: erp.url, clock }),
    clock,
    random: () => 0.5,
    ...options,
  });

describe('failure classes', () => {
  const cases = [
    { status: 500, state: 'pending', stops: false },
    { status: 502, state: 'pending', stops: false },
    { status: 429, state: 'pending', stops: true },
    { status: 401, state: 'pending', stops: true },
    { status: 403, state: 'pending', stops: true },
    { status: 400, state: 'rejected', stops: false },
    { status: 422, state: 'rejected', stops: false },
    { status: 404, state: 'rejected', stops: false },
    { status: 409, state: 'conflict', stops: false },
    { status: 412, state: 'conflict', stops: false },
  ] as const;
  for (const { status, state, stops } of cases) {
    it(`${status} leaves the item ${state}${stops ? ' and stops the drain' : ', and the other order goes on'}`, async () => {
      const first = queue('SO-1');
      queue('SO-2');
      erp.script('SO-1', { status, message: `scripted ${status}` });
      const result = await uploader({ concurrency: 1 }).drain({ force: true });
      const item = outbox.get(first)!;
      expect(item.state).toBe(state);
      expect(item.lastError).toContain(`answered ${status}: scripted ${status}`);
      expect(outbox.get(first + 1)!.state).toBe(stops ? 'pending' : 'acked');
      expect(result.stoppedKind).toBe(stops ? (status === 429 ? 'rate-limited' : 'auth') : null);
      // Nothing is ever deleted: both items are still there, live or archived.
      const counts = outbox.counts();
      expect(counts.pending + counts.acked + counts.rejected + counts.conflict).toBe(2);
    });
  }

  it('an unreachable ERP stops the drain and keeps everything queued with a backoff', async () => {
    const id = queue('SO-1');
    queue('SO-2');
    const unreachable = createOutboxUploader({
      outbox,
      connector: createRestConnector({ baseUrl: 'http://127.0.0.1:9', clock }),
      clock,
      random: () => 0.5,
      concurrency: 1,
    });
    const result = await unreachable.drain({ force: true });
    expect(result).toMatchObject({ uploaded: 0, stoppedKind: 'network', remaining: 2 });
    const item = outbox.get(id)!;
    expect(item.attempts).toBe(1);
    expect(Date.parse(item.nextAttemptAt)).toBeGreaterThan(now.getTime());
    expect(outbox.get(id + 1)!.attempts).toBe(0);
  });

  it('honours Retry-After (429, and 503) instead of its own backoff', async () => {
    const a = queue('SO-1');
    erp.script('SO-1', { status: 429, headers: { 'retry-after': '7' } });
    await uploader().drain({ force: true });
    expect(outbox.get(a)!.nextAttemptAt).toBe(new Date(now.getTime() + 7000).toISOString());
    erp.script('SO-1', { status: 503, headers: { 'retry-after': '120' } });
    await uploader().drain({ force: true });
    expect(outbox.get(a)!.nextAttemptAt).toBe(new Date(now.getTime() + 120_000).toISOString());
  });

  it('backs off exponentially between retries, with jitter from the injected random source', async () => {
    const id = queue('SO-1');
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      erp.script('SO-1', { status: 500 });
      await uploader().drain({ force: true });
      delays.push(Date.parse(outbox.get(id)!.nextAttemptAt) - now.getTime());
    }
    // random 0.5: halfway between 1 s and min(2 s * 2^attempts, 10 min).
    expect(delays).toEqual([1500, 2500, 4500, 8500]);
  });
});

describe('ordering, keys and batching', () => {
  it('sends the same idempotency key on every retry, and the ERP records one shipment', async () => {
    const id = queue('SO-1');
    const key = outbox.get(id)!.idempotencyKey;
    erp.script('SO-1', { status: 503 }, { status: 502 });
    await uploader().drain({ force: true });
    await uploader().drain({ force: true });
    await uploader().drain({ force: true });
    expect(erp.received.map((r) => r.idempotencyKey)).toEqual([key, key, key]);
    expect(outbox.get(id)).toMatchObject({ state: 'acked', idempotencyKey: key, attempts: 3 });
  });

  it("uploads one order's items in order; a rejected item blocks only its own order", async () => {
    const a1 = queue('SO-1');
    queue('SO-2');
    const a2 = queue('SO-1');
    const b2 = queue('SO-2');
    erp.script('SO-1', { status: 422, message: 'weight missing' });
    const result = await uploader().drain({ force: true });
    expect(result.refused).toEqual([
      { aggregate: 'SO-1', state: 'rejected', reason: expect.stringContaining('weight missing') },
    ]);
    expect(outbox.get(a1)!.state).toBe('rejected');
    expect(outbox.get(a2)!.state).toBe('pending'); // waits behind its rejected predecessor
    expect(outbox.get(b2)!.state).toBe('acked');
    const so2 = erp.received.filter((r) => r.orderNo === 'SO-2').map((r) => r.body.trackingNumber);
    expect(so2).toEqual(['T-SO-2-2', 'T-SO-2-4']);
  });

  it('uploads a batch concurrently, never two items of one order at once', async () => {
    for (let i = 0; i < 60; i++) queue(`SO-${i % 20}`);
    const result = await uploader({ batchSize: 25, concurrency: 6 }).drain();
    expect(result).toMatchObject({ uploaded: 60, remaining: 0 });
    expect(erp.maxInFlight).toBeGreaterThan(1);
    expect(erp.maxInFlight).toBeLessThanOrEqual(6);
    expect(erp.sameOrderOverlap).toBe(false);
    for (let order = 0; order < 20; order++) {
      const sent = erp.received
        .filter((r) => r.orderNo === `SO-${order}`)
        .map((r) => Number(String(r.body.trackingNumber).split('-').pop()));
      expect(sent).toEqual([...sent].sort((x, y) => x - y));
    }
  });

  it('a second drain while one runs joins it: each item goes once', async () => {
    for (let i = 0; i < 10; i++) queue(`SO-${i}`);
    const up = uploader({ concurrency: 2 });
    const [first, second] = await Promise.all([up.drain(), up.drain({ force: true })]);
    expect(second).toBe(first);
    expect(erp.received).toHaveLength(10);
  });

  it('a server error on one order does not hold back the others, even past one batch', async () => {
    for (let i = 0; i < 12; i++) queue(`SO-${i}`);
    for (let i = 0; i < 5; i++) erp.script(`SO-${i}`, { status: 500 });
    const result = await uploader({ batchSize: 4, concurrency: 2 }).drain({ force: true });
    expect(result).toMatchObject({ uploaded: 7, failed: 5, remaining: 5, stoppedBy: null });
  });
});

describe('archive, retention and supervisor resolution', () => {
  it('archives acknowledged items and purges them after the retention period; parked items stay', async () => {
    const acked = queue('SO-1');
    const rejected = queue('SO-2');
    erp.script('SO-2', { status: 400, message: 'bad address' });
    await uploader().drain();
    expect(db.prepare('SELECT count(*) AS n FROM outbox WHERE id = ?').get(acked)).toEqual({ n: 0 });
    expect(outbox.get(acked)).toMatchObject({ state: 'acked', closedAt: now.toISOString() });
    expect(outbox.list('acked', 10).map((i) => i.id)).toEqual([acked]);

    const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    now = new Date(now.getTime() + 29 * 86_400_000);
    expect(outbox.purgeArchived(cutoff(30))).toBe(0);
    now = new Date(now.getTime() + 2 * 86_400_000);
    expect(outbox.purgeArchived(cutoff(30))).toBe(1);
    expect(outbox.get(acked)).toBeNull();
    expect(outbox.get(rejected)!.state).toBe('rejected');
  });

  it('retry, edit-and-retry and discard each change the item and write an audit entry', async () => {
    const supervision = createOutboxSupervision({ db, clock });
    const a = queue('SO-1', { weightKg: 0 });
    const b = queue('SO-2');
    const c = queue('SO-3');
    const later = queue('SO-3');
    erp.script('SO-1', { status: 422, message: 'weight must be > 0' });
    erp.script('SO-2', { status: 500 }, { status: 409, message: 'version conflict' });
    erp.script('SO-3', { status: 400, message: 'unknown carrier' });
    await uploader().drain({ force: true });
    await uploader().drain({ force: true });
    expect([a, b, c].map((id) => outbox.get(id)!.state)).toEqual(['rejected', 'conflict', 'rejected']);
    const keyA = outbox.get(a)!.idempotencyKey;

    now = new Date('2026-11-27T09:00:00Z');
    const edit = supervision.editAndRetry(
      a,
      'Li Wei',
      { ...(outbox.get(a)!.payload as object), weightKg: 1.25 },
      'weighed again',
    );
    expect(edit).toMatchObject({
      action: 'edit-retry',
      actor: 'Li Wei',
      at: '2026-11-27T09:00:00.000Z',
      previousState: 'rejected',
      previousError: expect.stringContaining('weight must be > 0'),
      changes: [{ field: 'weightKg', from: 0, to: 1.25 }],
    });
    expect(() => supervision.retry(a, 'Li Wei', null)).toThrow(/pending; only rejected or conflict/);
    supervision.retry(b, 'Li Wei', 'ERP order fixed');
    expect(() => supervision.discard(c, 'Li Wei', '')).not.toThrow(); // the contract requires a reason
    const discarded = outbox.get(c)!;
    expect(discarded).toMatchObject({ state: 'discarded', discardReason: '' });

    erp.received.length = 0;
    await uploader().drain({ force: true });
    expect(outbox.get(a)).toMatchObject({ state: 'acked', idempotencyKey: keyA });
    expect(erp.received.find((r) => r.orderNo === 'SO-1')!.body.weightKg).toBe(1.25);
    expect(outbox.get(b)!.state).toBe('acked');
    // Discarding SO-3's first item lets its later item go.
    expect(outbox.get(later)!.state).toBe('acked');
    expect(supervision.audit(a).map((e) => e.action)).toEqual(['edit-retry']);
    expect(supervision.audit(c)[0]).toMatchObject({ action: 'discard', aggregate: 'SO-3' });
    expect(() => supervision.discard(c, 'x', 'again')).toThrow(/already closed/);
    expect(() => supervision.retry(9999, 'x', null)).toThrow(/not found/);
  });
});
