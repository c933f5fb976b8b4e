import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrytonConnector, ErpError, type ShipmentConfirmation } from '../../../src-main/erp';
import type { Order } from '../../../src-main/domain';
import { createOutbox, openStationDatabase } from '../../../src-main/store';
import { runCli } from '../../helpers/cli';
import { startTryton, trytonMissing, type TrytonDatabase, type TrytonServer } from '../../helpers/tryton';

// The Tryton connector against a real trytond (Debian's tryton-server 6.0) on loopback: one server for this file,
// one SQLite database per test copied from the seeded template (scripts/tryton/seed.py). The station side runs
// through the built CLI, as a packer's script would.

let tmp = '';
let tryton: TrytonServer;

beforeAll(async () => {
  if (trytonMissing) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-tryton-test-'));
  tryton = await startTryton();
}, 180_000);
afterAll(async () => {
  await tryton?.stop(); // unset when skipped
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface ShipmentRow {
  id: number;
  number: string;
  state: string;
  reference: string | null;
}
interface PackageRow {
  id: number;
  shipping_reference: string | null;
  moves: number[];
}

const shipmentByNumber = async (db: TrytonDatabase, number: string): Promise<ShipmentRow> => {
  const [row] = await db.rpc.model<ShipmentRow[]>(
    'stock.shipment.out',
    'search_read',
    [['number', '=', number]],
    0,
    1,
    null,
    ['number', 'state', 'reference'],
  );
  if (!row) throw new Error(`no shipment ${number}`);
  return row;
};

const packagesOf = (db: TrytonDatabase, shipmentId: number) =>
  db.rpc.model<PackageRow[]>(
    'stock.package',
    'search_read',
    [['shipment', '=', `stock.shipment.out,${shipmentId}`]],
    0,
    null,
    [['id', 'ASC']],
    ['shipping_reference', 'moves'],
  );

/** Quantity of each seeded product in the warehouse (Tryton counts done moves). */
const warehouseStock = async (db: TrytonDatabase): Promise<Record<string, number>> => {
  const ids = Object.values(tryton.seed.products);
  const rows = await db.rpc
    .withContext({ locations: [tryton.seed.warehouse] })
    .model<{ id: number; code: string; quantity: number }[]>('product.product', 'read', ids, ['code', 'quantity']);
  return Object.fromEntries(rows.map((row) => [row.code, row.quantity]));
};

const stationDir = (name: string) => path.join(tmp, name);
const shipArgs = (db: TrytonDatabase, number: string, station: string, labels: string) => [
  'ship',
  number,
  '--erp',
  db.url,
  '--data',
  stationDir(station),
  '--printer',
  `file:${labels}`,
];

const confirmationFor = (order: Order, stationId: string, trackingNumber: string): ShipmentConfirmation => ({
  orderNo: order.orderNo,
  orderVersion: order.version,
  trackingNumber,
  carrier: 'DSX',
  shippedAt: new Date().toISOString(),
  lines: order.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
  stationId,
});

describe.skipIf(trytonMissing !== null)('the Tryton connector against a real trytond', () => {
  it('pulls the waiting, assigned and picked customer shipments page by page, mapped into orders', async () => {
    const db = await tryton.newDatabase();
    const connector = createTrytonConnector({ url: db.url });
    const numbers: string[] = [];
    const orders = new Map<string, Order>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await connector.pullPending(cursor, 4);
      for (const order of page.orders) orders.set(order.orderNo, order);
      numbers.push(...page.orders.map((o) => o.orderNo));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    // OUT-00007 is a draft: not pending.
    expect(numbers).toEqual(['OUT-00001', 'OUT-00002', 'OUT-00003', 'OUT-00004', 'OUT-00005', 'OUT-00006']);
    expect(pages).toBe(2);

    expect(orders.get('OUT-00001')).toMatchObject({
      status: 'pending',
      receiver: {
        name: '张伟',
        phone: '13800138000',
        country: 'CN',
        province: '广东省',
        city: '深圳市',
        address: '南山区科技园科苑路15号 腾讯大厦2楼',
        postcode: '518057',
      },
      sender: { name: 'Dockside 示例仓库', country: 'CN', city: '深圳市' },
      lines: [
        { lineNo: 1, sku: 'SKU-001', name: '保温杯 500ml', barcode: '6901234567892', quantity: 3 },
        { lineNo: 2, sku: 'SKU-002', name: 'USB-C cable 1 m', barcode: '4006381333931', quantity: 2 },
      ],
      shipments: [],
    });
    expect(orders.get('OUT-00001')!.version).toBeGreaterThan(0);
    expect(orders.get('OUT-00002')).toMatchObject({
      receiver: { name: 'Anna Schmidt', phone: '+49 30 2263 0', country: 'DE', city: 'Berlin', postcode: '10117' },
      lines: [{ sku: 'SKU-003', barcode: '6920000000012', quantity: 1 }],
    });

    expect(await connector.getOrder('OUT-00003')).toMatchObject({ orderNo: 'OUT-00003', status: 'pending' });
    expect(await connector.getOrder('OUT-99999')).toBeNull();
  });

  it('dockside ship packs a shipment: Tryton shows it done, with the tracking number on its package, and less stock', async () => {
    const db = await tryton.newDatabase();
    const labels = path.join(tmp, 'labels-ship');
    const before = await warehouseStock(db);

    const run = await runCli([...shipArgs(db, 'OUT-00001', 'ship', labels), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { trackingNumber: string; uploaded: boolean };
    expect(result.uploaded).toBe(true);
    expect(readdirSync(labels).sort()).toEqual([
      `OUT-00001_${result.trackingNumber}.pdf`,
      `OUT-00001_${result.trackingNumber}.png`,
    ]);

    const shipment = await shipmentByNumber(db, 'OUT-00001');
    expect(shipment).toMatchObject({ state: 'done', reference: result.trackingNumber });
    const packages = await packagesOf(db, shipment.id);
    expect(packages.map((p) => p.shipping_reference)).toEqual([result.trackingNumber]);
    expect(packages[0]!.moves).toHaveLength(2);

    const moves = await db.rpc.model<{ state: string; quantity: number }[]>(
      'stock.move',
      'search_read',
      [['shipment', '=', `stock.shipment.out,${shipment.id}`]],
      0,
      null,
      null,
      ['state', 'quantity'],
    );
    expect(moves.length).toBe(4); // storage → output and output → customer, per line
    expect(moves.every((m) => m.state === 'done')).toBe(true);

    const after = await warehouseStock(db);
    expect(after['SKU-001']).toBe(before['SKU-001']! - 3);
    expect(after['SKU-002']).toBe(before['SKU-002']! - 2);
    expect(after['SKU-003']).toBe(before['SKU-003']);

    // The station shows where its ERP is, never the password.
    expect(run.stdout + run.stderr).not.toContain(':admin@');
  });

  it('a shipment cancelled in Tryton after the station pulled it cannot be shipped, and nothing prints', async () => {
    const db = await tryton.newDatabase();
    const labels = path.join(tmp, 'labels-cancel');
    const pulled = await runCli(['sync', '--erp', db.url, '--data', stationDir('cancel'), '--json']);
    expect(pulled.stderr).toBe('');
    expect((JSON.parse(pulled.stdout) as { pulled: number }).pulled).toBe(6);

    const shipment = await shipmentByNumber(db, 'OUT-00004');
    await db.rpc.model('stock.shipment.out', 'cancel', [shipment.id]);

    const run = await runCli(shipArgs(db, 'OUT-00004', 'cancel', labels));
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dockside: .*OUT-00004.*cancelled/);
    expect(existsSync(labels) ? readdirSync(labels) : []).toEqual([]);
    expect(await shipmentByNumber(db, 'OUT-00004')).toMatchObject({ state: 'cancelled' });
    expect(await packagesOf(db, shipment.id)).toEqual([]);
  });

  it('two stations racing to ship one shipment: exactly one ships it, the other is refused', async () => {
    const db = await tryton.newDatabase();
    const labels = path.join(tmp, 'labels-race');
    const runs = await Promise.all(
      ['race-a', 'race-b'].map((station) => runCli([...shipArgs(db, 'OUT-00005', station, labels), '--json'])),
    );
    const shipment = await shipmentByNumber(db, 'OUT-00005');
    expect(shipment.state).toBe('done');
    const packages = await packagesOf(db, shipment.id);
    expect(packages).toHaveLength(1);
    const shipped = packages[0]!.shipping_reference;

    // The winner exits 0 with the tracking number Tryton holds.
    const parsed = runs.map((run) =>
      run.code === 0 ? (JSON.parse(run.stdout) as { trackingNumber?: string; alreadyShipped?: boolean }) : null,
    );
    const winnerIndex = parsed.findIndex((o) => o?.trackingNumber === shipped && !o.alreadyShipped);
    expect(winnerIndex, runs.map((r) => r.stderr).join('\n')).toBeGreaterThanOrEqual(0);
    const loserIndex = 1 - winnerIndex;
    const loser = runs[loserIndex]!;
    if (loser.code === 0) {
      // The loser learnt in time: it printed nothing and names the winner's number.
      expect(parsed[loserIndex]).toMatchObject({ alreadyShipped: true });
    } else if (!/printed with tracking number/.test(loser.stderr)) {
      // Refused when it scanned the order: the claim belongs to the winner.
      expect(loser.stderr).toMatch(/OUT-00005.*(claimed by another station|being packed at another station|already)/);
    } else {
      // The loser printed before it could know: it fails naming the refusal, and its write-back is parked as a
      // conflict for a supervisor (intercept the parcel), never a second shipment.
      expect(loser.stderr).toMatch(/OUT-00005 printed with tracking number \S+, but the ERP refused the shipment/);
      const store = openStationDatabase(stationDir(['race-a', 'race-b'][loserIndex]!));
      try {
        const conflicts = createOutbox({ db: store, clock: () => new Date() }).list('conflict', 10);
        expect(conflicts).toHaveLength(1);
        expect(conflicts[0]!.lastError).toMatch(/OUT-00005 (is claimed by another station|is already done)/);
      } finally {
        store.close();
      }
    }
  });

  it('concurrent confirmations from two stations: one wins, the other gets a conflict; a retry replays', async () => {
    const db = await tryton.newDatabase();
    const a = createTrytonConnector({ url: db.url });
    const b = createTrytonConnector({ url: db.url });
    const order = (await a.getOrder('OUT-00006'))!;
    const requests = [confirmationFor(order, 'station-a', 'DS100'), confirmationFor(order, 'station-b', 'DS200')];
    const results = await Promise.allSettled([
      a.confirmShipment(requests[0]!, 'key-a'),
      b.confirmShipment(requests[1]!, 'key-b'),
    ]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(won).toBeGreaterThanOrEqual(0);
    const lost = results[1 - won]!;
    expect(lost.status).toBe('rejected');
    const refusal = (lost as PromiseRejectedResult).reason as ErpError;
    expect(refusal).toBeInstanceOf(ErpError);
    expect(refusal.kind).toBe('conflict');
    expect(refusal.message).toMatch(/OUT-00006 (is claimed by another station|is already done)/);

    const first = (results[won] as PromiseFulfilledResult<{ shipmentId: string; replayed: boolean }>).value;
    expect(first.replayed).toBe(false);
    // The answer was lost, say; the uploader retries with the same key and request.
    const again = await [a, b][won]!.confirmShipment(requests[won]!, ['key-a', 'key-b'][won]!);
    expect(again).toEqual({ ...first, replayed: true });

    const shipment = await shipmentByNumber(db, 'OUT-00006');
    expect(shipment.state).toBe('done');
    expect((await packagesOf(db, shipment.id)).map((p) => p.shipping_reference)).toEqual([
      requests[won]!.trackingNumber,
    ]);
  });

  it('a confirmation interrupted after its package was created resumes without a second package', async () => {
    const db = await tryton.newDatabase();
    const connector = createTrytonConnector({ url: db.url });
    const order = (await connector.getOrder('OUT-00003'))!;
    const shipment = await shipmentByNumber(db, 'OUT-00003');
    // What a first attempt got done before the station lost the connection: claimed, picked, package created.
    await connector.claim('OUT-00003', 'station-a');
    await db.rpc.model('stock.shipment.out', 'pick', [shipment.id]);
    const [moves] = await db.rpc.model<{ outgoing_moves: number[] }[]>(
      'stock.shipment.out',
      'read',
      [shipment.id],
      ['outgoing_moves'],
    );
    const [type] = await db.rpc.model<number[]>('stock.package.type', 'search', [], 0, 1, null);
    await db.rpc.model('stock.package', 'create', [
      {
        type,
        shipment: `stock.shipment.out,${shipment.id}`,
        moves: [['add', moves!.outgoing_moves]],
        shipping_reference: 'DS300',
      },
    ]);

    const receipt = await connector.confirmShipment(confirmationFor(order, 'station-a', 'DS300'), 'key');
    expect(receipt).toMatchObject({ trackingNumber: 'DS300', replayed: false });
    expect(await shipmentByNumber(db, 'OUT-00003')).toMatchObject({ state: 'done', reference: 'DS300' });
    expect(await packagesOf(db, shipment.id)).toHaveLength(1);

    // Another station cannot claim it any more, and Tryton refuses to ship it twice.
    await expect(connector.claim('OUT-00003', 'station-b')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('refuses a wrong password and an unknown database as authentication problems, never showing the password', async () => {
    const db = await tryton.newDatabase();
    const wrong = createTrytonConnector({ url: db.url.replace(':admin@', ':s3cret-Pw@') });
    const failure = (await wrong.getOrder('OUT-00001').catch((error: unknown) => error)) as ErpError;
    expect(failure).toBeInstanceOf(ErpError);
    expect(failure.kind).toBe('auth');
    expect(failure.message).not.toContain('s3cret-Pw');

    const missing = createTrytonConnector({ url: `${db.url}-missing` });
    await expect(missing.pullPending(null, 10)).rejects.toMatchObject({ kind: 'auth' });
  });
});
