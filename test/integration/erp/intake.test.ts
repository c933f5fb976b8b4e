import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../src-main/domain';
import type { ErpConnector } from '../../../src-main/erp';
import { mapRawOrder } from '../../../src-main/erp/intake';
import { createRestConnector } from '../../../src-main/erp/rest';
import { createOrdersRepository, openStationDatabase, type OrdersRepository } from '../../../src-main/store';
import { createOrderPuller } from '../../../src-main/sync';
import { generateMessyOrders, type MessyOrder } from '../../fixtures/messy-orders';

const fixtures = generateMessyOrders({ count: 520, seed: 5 });
const clock = () => new Date('2026-03-05T00:00:00Z');
const digitsOf = (text: string) => text.replace(/\D/g, '');

/** The last word on each order number (a `repeat` sends the same order again). */
function expectations(list: MessyOrder[]): Map<string, MessyOrder> {
  const byNo = new Map<string, MessyOrder>();
  for (const order of list) byNo.set(order.orderNo, order);
  return byNo;
}

/** A connector serving the raw fixtures page by page, mapped by intake's lenient map stage (as the REST one does). */
function fixtureConnector(list: MessyOrder[], pageSize: number): ErpConnector {
  return {
    kind: 'fixture',
    async pullPending(cursor) {
      const from = cursor === null ? 0 : Number(cursor);
      const page = list.slice(from, from + pageSize).map((order) => mapRawOrder(structuredClone(order.raw)));
      const next = from + pageSize;
      return { orders: page, nextCursor: next < list.length ? String(next) : null };
    },
    async getOrder(orderNo) {
      const found = list.find((order) => order.orderNo === orderNo);
      return found ? mapRawOrder(structuredClone(found.raw)) : null;
    },
    claim: async () => undefined,
    confirmShipment: async () => {
      throw new Error('not used');
    },
  };
}

function checkStore(orders: OrdersRepository, expected: Map<string, MessyOrder>): void {
  const invalid = [...expected.values()].filter((order) => !order.valid);
  expect(orders.countAttention()).toBe(invalid.length);
  const attention = new Set(orders.listAttention(1000).map((stored) => stored.order.orderNo));
  for (const [orderNo, want] of expected) {
    const stored = orders.get(orderNo);
    expect(stored, `${orderNo} (${want.kind}) must be stored`).not.toBeNull();
    if (!want.valid) {
      expect(attention.has(orderNo), `${orderNo} (${want.kind}) needs attention`).toBe(true);
      expect(
        stored!.issues.map((issue) => issue.code),
        `${orderNo} (${want.kind}) must carry ${want.reason}`,
      ).toContain(want.reason);
      for (const issue of stored!.issues) expect(issue.message).not.toBe('');
      continue;
    }
    expect(stored!.issues, `${orderNo} (${want.kind}) is valid`).toEqual([]);
    const order = stored!.order;
    const truth = want.truth!;
    expect(order.receiver.name, `${orderNo} (${want.kind}) name`).toBe(truth.receiver.name);
    expect(order.receiver.country).toBe(truth.receiver.country);
    expect(order.receiver.province).toBe(truth.receiver.province);
    expect(order.receiver.city).toBe(truth.receiver.city);
    expect(order.receiver.district).toBe(truth.receiver.district);
    expect(order.receiver.address, `${orderNo} (${want.kind}) address`).toBe(truth.receiver.address);
    expect(order.receiver.postcode).toBe(truth.receiver.postcode);
    expect(digitsOf(order.receiver.phone).endsWith(truth.receiver.nationalDigits), `${orderNo} phone`).toBe(true);
    expect(order.weightKg, `${orderNo} (${want.kind}) weight`).toBe(truth.weightKg);
    expect(order.lines.map(({ sku, name, barcode, quantity }) => ({ sku, name, barcode, quantity }))).toEqual(
      truth.lines,
    );
  }
}

describe('order intake of 520 messy orders into the station store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-intake-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has at least 500 orders covering every kind of mess', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(500);
    const kinds = new Set(fixtures.map((order) => order.kind));
    for (const kind of [
      'fullwidth',
      'mixed-units',
      'sql-name',
      'html-name',
      'emoji',
      'empty-lines',
      'repeat',
      'duplicate',
      'invalid-phone',
      'missing-district',
    ])
      expect(kinds).toContain(kind);
    expect(fixtures.filter((o) => !o.valid).length).toBeGreaterThan(150);
    expect(generateMessyOrders({ count: 520, seed: 5 })).toEqual(fixtures);
  });

  it('never crashes, quarantines exactly the invalid ones with a reason each, and keeps the valid ones as meant', async () => {
    const db = openStationDatabase(path.join(dir, 'station-a'));
    try {
      const orders = createOrdersRepository(db);
      const puller = createOrderPuller({ connector: fixtureConnector(fixtures, 50), orders, clock });
      await expect(puller.pullAll()).resolves.toBe(fixtures.length);
      const expected = expectations(fixtures);
      checkStore(orders, expected);
      // A second pull of the same data changes nothing: re-sent orders are not duplicates of themselves.
      await puller.pullAll();
      checkStore(orders, expected);
      // SQL in names is stored as text: the table is still there and the name verbatim.
      const sql = fixtures.find((order) => order.kind === 'sql-name')!;
      expect(orders.get(sql.orderNo)!.order.receiver.name).toContain('DROP TABLE orders');
    } finally {
      db.close();
    }
  });

  describe('over HTTP through the REST connector', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      // Serves the raw fixtures in the contract's page shape: one malformed order must not fail its page.
      server = createServer((req, res) => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        const from = Number(query.get('cursor') ?? 0);
        const limit = Number(query.get('limit') ?? 50);
        const next = from + limit;
        const body = JSON.stringify({
          orders: fixtures.slice(from, next).map((order) => order.raw),
          nextCursor: next < fixtures.length ? String(next) : null,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gives the same result as the pipeline in-process', async () => {
      const db = openStationDatabase(path.join(dir, 'station-b'));
      try {
        const orders = createOrdersRepository(db);
        const cursorStore: { value: string | null } = { value: null };
        const puller = createOrderPuller({
          connector: createRestConnector({ baseUrl: url }),
          orders,
          clock,
          pageSize: 40,
          cursor: { get: () => cursorStore.value, set: (c) => (cursorStore.value = c) },
        });
        await puller.pullAll();
        checkStore(orders, expectations(fixtures));
        // Incremental: the cursor points at the last page, so the next pull re-reads only that page.
        expect(cursorStore.value).not.toBeNull();
        expect(await puller.pullAll()).toBeLessThanOrEqual(40);
      } finally {
        db.close();
      }
    });
  });

  it('flags a later order with the same receiver and items only within the window', async () => {
    const db = openStationDatabase(path.join(dir, 'station-c'));
    try {
      const orders = createOrdersRepository(db);
      const first = fixtures.find((o) => o.kind === 'clean')!;
      const late = {
        ...structuredClone(first.raw),
        orderNo: 'LATE-1',
        erpId: 'x-1',
        createdAt: '2026-06-01T00:00:00Z',
      };
      const soon = { ...structuredClone(first.raw), orderNo: 'SOON-1', erpId: 'x-2' };
      const connector = fixtureConnector(
        [first, { ...first, raw: late, orderNo: 'LATE-1' }, { ...first, raw: soon, orderNo: 'SOON-1' }],
        10,
      );
      await createOrderPuller({ connector, orders, clock }).pullAll();
      expect(orders.get(first.orderNo)!.issues).toEqual([]);
      expect(orders.get('LATE-1')!.issues).toEqual([]);
      expect(orders.get('SOON-1')!.duplicateOf).toBe(first.orderNo);
      const order: Order = orders.get('SOON-1')!.order;
      expect(order.orderNo).toBe('SOON-1');
    } finally {
      db.close();
    }
  });
});
