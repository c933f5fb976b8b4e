import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { createNumberPoolRepository, isTrackingNumber, PoolExhaustedError } from '../../../src-main/carriers';
import {
  createOrdersRepository,
  createOutbox,
  createPrintJobsRepository,
  createShippingStore,
  openStationDatabase,
  type Outbox,
} from '../../../src-main/store';
import type { Order } from '../../../src-main/domain';
import { latinOrder } from '../../fixtures/orders';

let dir: string;
let db: Database.Database;
let outbox: Outbox;
let now = new Date('2026-11-26T08:00:00Z');
const clock = () => now;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-outbox-'));
  db = openStationDatabase(dir);
  outbox = createOutbox({ db, clock });
  now = new Date('2026-11-26T08:00:00Z');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const add = (key: string, aggregate: string) =>
  outbox.add({ idempotencyKey: key, aggregate, kind: 'shipment.confirm', payload: { key } });

describe('outbox', () => {
  it('knows a key once queued, also after the item was acknowledged and archived', () => {
    const id = add('k-archived', 'SO-9');
    expect(outbox.hasKey('k-archived')).toBe(true);
    outbox.markAcked(id, { ok: true });
    expect(outbox.hasPending('SO-9')).toBe(false);
    expect(outbox.hasKey('k-archived')).toBe(true);
    expect(outbox.hasKey('k-never')).toBe(false);
  });

  it('hands out only the oldest pending item of each order, in creation order', () => {
    add('a1', 'SO-1');
    add('b1', 'SO-2');
    add('a2', 'SO-1');
    expect(outbox.due(10).map((i) => i.idempotencyKey)).toEqual(['a1', 'b1']);
  });

  it('keeps the idempotency key unique', () => {
    add('k', 'SO-1');
    expect(() => add('k', 'SO-1')).toThrow(/UNIQUE/);
  });

  it('holds back a retried item until its backoff passes, unless forced', () => {
    const id = add('a1', 'SO-1');
    outbox.markRetry(id, 'ECONNREFUSED', new Date(now.getTime() + 60_000).toISOString());
    expect(outbox.due(10)).toEqual([]);
    expect(outbox.due(10, true).map((i) => i.id)).toEqual([id]);
    now = new Date(now.getTime() + 61_000);
    expect(outbox.due(10).map((i) => i.attempts)).toEqual([1]);
  });

  it("blocks the later items of a rejected order but never another order's", () => {
    const a1 = add('a1', 'SO-1');
    add('a2', 'SO-1');
    add('b1', 'SO-2');
    outbox.markFailed(a1, 'rejected', 'bad weight');
    expect(outbox.due(10).map((i) => i.idempotencyKey)).toEqual(['b1']);
    expect(outbox.stats()).toMatchObject({ depth: 2, rejected: 1, conflict: 0 });
  });

  it('counts depth and the oldest pending item; acked items leave the count', () => {
    const a = add('a1', 'SO-1');
    now = new Date('2026-11-26T09:00:00Z');
    add('b1', 'SO-2');
    expect(outbox.stats()).toEqual({ depth: 2, oldestPendingAt: '2026-11-26T08:00:00.000Z', rejected: 0, conflict: 0 });
    outbox.markAcked(a, { ok: true });
    expect(outbox.stats()).toMatchObject({ depth: 1, oldestPendingAt: '2026-11-26T09:00:00.000Z' });
    expect(outbox.hasPending('SO-1')).toBe(false);
  });
});

const order: Order = { ...latinOrder, orderNo: 'SO-9', version: 3 };

describe('shipping store', () => {
  it('issues each tracking number once and refuses when the pool is used up', () => {
    const pools = createNumberPoolRepository(db);
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 5, endSerial: 6 });
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 0, endSerial: 100 }); // never resets an existing pool
    const first = pools.take('DSX');
    const second = pools.take('DSX');
    expect(first).not.toBe(second);
    expect(isTrackingNumber(first) && isTrackingNumber(second)).toBe(true);
    expect(() => pools.take('DSX')).toThrow(PoolExhaustedError);
  });

  it('writes shipment, order state and outbox item together, and refuses a second shipment', () => {
    const pools = createNumberPoolRepository(db);
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 1, endSerial: 1000 });
    const orders = createOrdersRepository(db);
    orders.upsert(order, [], now.toISOString());
    const shipping = createShippingStore({ db, outbox, pools, jobs: createPrintJobsRepository(db) });
    const job = shipping.queuePrint({
      id: 'job-1',
      orderNo: 'SO-9',
      carrier: 'DSX',
      printer: 'file:x',
      template: 't',
      now: now.toISOString(),
    });
    const confirm = (id: string, key: string) =>
      shipping.confirm({
        id,
        orderNo: 'SO-9',
        trackingNumber: job.trackingNumber,
        carrier: 'DSX',
        weightKg: null,
        orderVersion: 3,
        printJobId: job.id,
        now: now.toISOString(),
        outbox: { idempotencyKey: key, payload: { orderNo: 'SO-9' } },
      });
    confirm('ship-1', 'key-1');
    expect(orders.get('SO-9')).toMatchObject({ localState: 'shipped', trackingNumber: job.trackingNumber });
    expect(outbox.stats().depth).toBe(1);
    expect(() => confirm('ship-2', 'key-2')).toThrow();
    // The failed second attempt left nothing behind: still one shipment, one outbox item.
    expect(outbox.stats().depth).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM shipments').get()).toEqual({ n: 1 });
  });

  it('keeps a local shipment when a later pull still says pending', () => {
    const orders = createOrdersRepository(db);
    orders.upsert(order, [], now.toISOString());
    db.prepare("UPDATE orders SET local_state = 'shipped', tracking_number = 'DS1' WHERE order_no = 'SO-9'").run();
    orders.upsert({ ...order, version: 4 }, [], now.toISOString());
    expect(orders.get('SO-9')).toMatchObject({ localState: 'shipped', trackingNumber: 'DS1' });
    expect(orders.get('SO-9')?.order.version).toBe(4);
  });
});
