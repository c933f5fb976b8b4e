import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErpError, apiStockSchema } from '../../../src-main/erp';
import type { ErpConnector, ShipmentConfirmation } from '../../../src-main/erp';
import { createDemoErp } from '../../../src-main/demo';
import type { DemoErp } from '../../../src-main/demo';
import { createRestConnector } from '../../../src-main/erp/rest/rest-connector';
import type { Order } from '../../../src-main/domain';

let dir: string;
let dbPath: string;
let erp: DemoErp;
let url: string;
let connector: ErpConnector;

async function start(options: { apiKey?: string } = {}): Promise<void> {
  erp = createDemoErp({ dbPath, ...options });
  ({ url } = await erp.listen(0));
  connector = createRestConnector({ baseUrl: url, apiKey: options.apiKey, timeoutMs: 5000 });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-demo-erp-'));
  dbPath = path.join(dir, 'erp.sqlite');
  await start();
});

afterEach(async () => {
  await erp.close();
  rmSync(dir, { recursive: true, force: true });
});

async function stockOf(sku: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/stock/${encodeURIComponent(sku)}`);
  expect(response.status).toBe(200);
  return apiStockSchema.parse(await response.json()).onHand;
}

function confirmationFor(order: Order, trackingNumber: string): ShipmentConfirmation {
  return {
    orderNo: order.orderNo,
    orderVersion: order.version,
    trackingNumber,
    carrier: 'DSX',
    weightKg: 1.2,
    fee: 8.5,
    shippedAt: '2025-03-01T09:00:00.000Z',
    lines: order.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
    stationId: 'bench-1',
  };
}

async function firstPending(): Promise<Order> {
  const { orders } = await connector.pullPending(null, 1);
  return orders[0]!;
}

async function postShipment(body: unknown, key?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  const response = await fetch(`${url}/api/v1/shipments`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function failure(call: Promise<unknown>): Promise<ErpError> {
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErpError);
  return error as ErpError;
}

describe('demo ERP over HTTP with the REST connector', () => {
  it('answers health and binds 127.0.0.1 only', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('pages pending orders by cursor: limit 20 over 50 orders gives 3 pages without duplicates', async () => {
    const pages: Order[][] = [];
    let cursor: string | null = null;
    do {
      const page: { orders: Order[]; nextCursor: string | null } = await connector.pullPending(cursor, 20);
      pages.push(page.orders);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toHaveLength(3);
    const all = pages.flat();
    expect(new Set(all.map((o) => o.orderNo)).size).toBe(all.length);
    expect(all.every((o) => o.status === 'pending')).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(45);
    expect(all.length).toBeLessThan(50);
  });

  it('gets one order with its lines, receiver and sender; unknown orders are null', async () => {
    const order = await connector.getOrder('SO-100001');
    expect(order?.orderNo).toBe('SO-100001');
    expect(order?.lines.length).toBeGreaterThan(0);
    expect(order?.sender.name).toBe('Dockside 示例仓');
    expect(order?.shipments).toEqual([]);
    expect(await connector.getOrder('SO-999999')).toBeNull();
  });

  it('ships an order: status shipped, tracking number set, version bumped, stock lowered', async () => {
    const order = await firstPending();
    const before = await Promise.all(order.lines.map((line) => stockOf(line.sku)));
    const receipt = await connector.confirmShipment(confirmationFor(order, 'DS000000000017'), 'key-ship-1');
    expect(receipt).toMatchObject({ trackingNumber: 'DS000000000017', replayed: false });
    expect(receipt.shipmentId).toMatch(/^SH-\d{6}$/);

    const shipped = await connector.getOrder(order.orderNo);
    expect(shipped?.status).toBe('shipped');
    expect(shipped?.trackingNumber).toBe('DS000000000017');
    expect(shipped?.version).toBe(order.version + 1);
    expect(shipped?.shipments).toEqual([
      expect.objectContaining({
        id: receipt.shipmentId,
        trackingNumber: 'DS000000000017',
        carrier: 'DSX',
        weightKg: 1.2,
      }),
    ]);
    const after = await Promise.all(order.lines.map((line) => stockOf(line.sku)));
    order.lines.forEach((line, i) => expect(after[i]).toBe(before[i]! - line.quantity));
  });

  it('replays the first answer for the same Idempotency-Key and lowers stock once', async () => {
    const order = await firstPending();
    const sku = order.lines[0]!.sku;
    const before = await stockOf(sku);
    const first = await connector.confirmShipment(confirmationFor(order, 'DS000000000025'), 'key-twice');
    const second = await connector.confirmShipment(confirmationFor(order, 'DS000000000025'), 'key-twice');
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect((await connector.getOrder(order.orderNo))?.shipments).toHaveLength(1);
    expect(await stockOf(sku)).toBe(before - order.lines[0]!.quantity);
  });

  it('refuses the same key with a different body (422) and a new key for a shipped order (409)', async () => {
    const order = await firstPending();
    await connector.confirmShipment(confirmationFor(order, 'DS000000000033'), 'key-a');
    const reused = await failure(connector.confirmShipment(confirmationFor(order, 'DS000000000041'), 'key-a'));
    expect(reused.kind).toBe('rejected');
    expect(reused.status).toBe(422);
    const again = await failure(connector.confirmShipment(confirmationFor(order, 'DS000000000041'), 'key-b'));
    expect(again.kind).toBe('conflict');
    expect(again.status).toBe(409);
    expect(again.message).toContain('already shipped');
  });

  it('refuses cancelled orders, stale versions and unknown orders', async () => {
    const cancelled = (await connector.getOrder('SO-100008'))!;
    expect(cancelled.status).toBe('cancelled');
    const onCancelled = await failure(connector.confirmShipment(confirmationFor(cancelled, 'DS000000000058'), 'key-c'));
    expect(onCancelled.kind).toBe('conflict');

    const order = await firstPending();
    const stale = await failure(
      connector.confirmShipment({ ...confirmationFor(order, 'DS000000000066'), orderVersion: 0 }, 'key-v'),
    );
    expect(stale.kind).toBe('conflict');
    expect(stale.message).toContain('version');

    const unknown = await failure(
      connector.confirmShipment({ ...confirmationFor(order, 'DS000000000074'), orderNo: 'SO-999999' }, 'key-u'),
    );
    expect(unknown.kind).toBe('not-found');
    expect(unknown.status).toBe(404);
  });

  it('answers 400 naming the field for bad bodies, bad JSON and a missing Idempotency-Key', async () => {
    const order = await firstPending();
    const good = confirmationFor(order, 'DS000000000082');

    const badField = await postShipment({ ...good, lines: [{ lineNo: 1, sku: 'x', quantity: 0 }] }, 'key-bad');
    expect(badField.status).toBe(400);
    expect(badField.body).toMatchObject({
      error: { code: 'bad-request', message: expect.stringContaining('lines.0.quantity') },
    });

    const missing = await postShipment({ ...good, trackingNumber: undefined }, 'key-bad2');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('trackingNumber');

    const badJson = await postShipment('{"orderNo": ', 'key-bad3');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ error: { code: 'bad-json' } });

    const noKey = await postShipment(good);
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(noKey.body)).toContain('Idempotency-Key');

    const viaConnector = await failure(connector.confirmShipment({ ...good, carrier: '' }, 'key-bad4'));
    expect(viaConnector.kind).toBe('rejected');
    expect(viaConnector.message).toContain('carrier');
    expect((await connector.getOrder(order.orderNo))?.status).toBe('pending');
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const response = await fetch(`${url}/api/v1/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'big' },
      body: JSON.stringify({ note: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
  });

  it('claims with a 5 minute lease and answers 409 to another station while it lives', async () => {
    const order = await firstPending();
    await connector.claim(order.orderNo, 'bench-1');
    const claimed = await connector.getOrder(order.orderNo);
    expect(claimed?.status).toBe('claimed');
    expect(claimed?.version).toBe(order.version);
    await connector.claim(order.orderNo, 'bench-1');
    const other = await failure(connector.claim(order.orderNo, 'bench-2'));
    expect(other.kind).toBe('conflict');
    const { orders } = await connector.pullPending(null, 100);
    expect(orders.map((o) => o.orderNo)).not.toContain(order.orderNo);
    const byOther = await failure(
      connector.confirmShipment({ ...confirmationFor(order, 'DS000000000090'), stationId: 'bench-2' }, 'k-o'),
    );
    expect(byOther.kind).toBe('conflict');
    const byOwner = await connector.confirmShipment(confirmationFor(order, 'DS000000000090'), 'k-owner');
    expect(byOwner.replayed).toBe(false);
  });

  it('keeps its state across a restart on the same file (and does not reseed)', async () => {
    const order = await firstPending();
    const sku = order.lines[0]!.sku;
    await connector.confirmShipment(confirmationFor(order, 'DS000000000104'), 'key-restart');
    const stockAfter = await stockOf(sku);
    await erp.close();

    await start();
    const reloaded = await connector.getOrder(order.orderNo);
    expect(reloaded?.status).toBe('shipped');
    expect(reloaded?.trackingNumber).toBe('DS000000000104');
    expect(await stockOf(sku)).toBe(stockAfter);
    const replay = await connector.confirmShipment(confirmationFor(order, 'DS000000000104'), 'key-restart');
    expect(replay.replayed).toBe(true);
    expect(await stockOf(sku)).toBe(stockAfter);
  });

  it('creates exactly one shipment for 10 concurrent POSTs with the same key', async () => {
    const order = await firstPending();
    const sku = order.lines[0]!.sku;
    const before = await stockOf(sku);
    const receipts = await Promise.all(
      Array.from({ length: 10 }, () => connector.confirmShipment(confirmationFor(order, 'DS000000000112'), 'key-race')),
    );
    expect(new Set(receipts.map((r) => r.shipmentId)).size).toBe(1);
    expect(receipts.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await connector.getOrder(order.orderNo))?.shipments).toHaveLength(1);
    expect(await stockOf(sku)).toBe(before - order.lines[0]!.quantity);
  });

  it('wants the API key when started with one, except for health', async () => {
    await erp.close();
    await start({ apiKey: 'demo-key' });
    expect((await connector.pullPending(null, 1)).orders).toHaveLength(1);
    const anonymous = createRestConnector({ baseUrl: url });
    const error = await failure(anonymous.pullPending(null, 1));
    expect(error.kind).toBe('auth');
    const wrong = await failure(createRestConnector({ baseUrl: url, apiKey: 'nope' }).getOrder('SO-100001'));
    expect(wrong.kind).toBe('auth');
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  });

  it('answers 404 for unknown routes and SKUs, 405 for wrong methods, 400 for a bad cursor', async () => {
    expect((await fetch(`${url}/api/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/stock/NOPE`)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/shipments`)).status).toBe(405);
    const badCursor = await fetch(`${url}/api/v1/orders?cursor=zzz`);
    expect(badCursor.status).toBe(400);
    const badLimit = await fetch(`${url}/api/v1/orders?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(await badLimit.json())).toContain('limit');
  });
});

describe('demo ERP in-process and seeding', () => {
  it('seeds a new file once with the requested number of orders', async () => {
    const file = path.join(dir, 'small.sqlite');
    const small = createDemoErp({ dbPath: file, orders: 5, seed: 3 });
    const { url: smallUrl } = await small.listen(0);
    const page = await createRestConnector({ baseUrl: smallUrl }).pullPending(null, 50);
    await small.close();
    expect(page.orders.length).toBe(5);
    const reopened = createDemoErp({ dbPath: file, orders: 50, seed: 3 });
    const { url: reopenedUrl } = await reopened.listen(0);
    const again = await createRestConnector({ baseUrl: reopenedUrl }).pullPending(null, 50);
    await reopened.close();
    expect(again.orders.map((o) => o.orderNo)).toEqual(page.orders.map((o) => o.orderNo));
  });

  it('serves through handle(req, res) inside another node:http server', async () => {
    const host = createServer((req, res) => void erp.handle(req, res));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      const order = await createRestConnector({ baseUrl: hostUrl }).getOrder('SO-100002');
      expect(order?.orderNo).toBe('SO-100002');
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
