import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import { commands, type BatchProgress, type PackState } from '../../../src-main/contract';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { phoneLast4, scanCommandBarcode } from '../../../src-main/domain';
import { BULK_ORDER_NO, seedDemoErpWithBulkOrder } from '../../helpers/bulk-orders';

// A shift's tools in-process, against the demo ERP on loopback, the station's SQLite file and the virtual printer:
// reprint after confirm, order search and history, the quantity prompt, batch printing, the station's name.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-shift-'));
const labels = path.join(tmp, 'labels');
const stationDir = path.join(tmp, 'station');
let erp: DemoErp;
let station: Station;
const batchEvents: BatchProgress[] = [];

beforeAll(async () => {
  const erpFile = path.join(tmp, 'erp.sqlite');
  await seedDemoErpWithBulkOrder(erpFile, 12);
  erp = createDemoErp({ dbPath: erpFile });
  const { url } = await erp.listen(0);
  station = await createStation({ dataDir: stationDir, erpUrl: url, printer: `file:${labels}` });
  station.api.events.on('batch:changed', (progress) => batchEvents.push(progress));
  await station.sync.syncNow();
});
afterAll(async () => {
  await station.close();
  await erp.close();
  rmSync(tmp, { recursive: true, force: true });
});

const h = () => station.api.handlers;
/** Reads the station's own file beside it, as `dockside backup` does. */
const query = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(path.join(stationDir, 'station.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};
const cleanPending = async () =>
  (await h()['orders:search']({ query: '', status: 'pending', limit: 200, offset: 0 })).items.filter(
    (o) => o.orderNo !== BULK_ORDER_NO && o.units <= 6,
  );

async function packAll(orderNo: string): Promise<PackState> {
  let state = await station.pack.scan(orderNo);
  for (const line of state.order!.lines) {
    for (let unit = line.scanned; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
  }
  return state;
}

describe('reprint after confirm', () => {
  it('REPRINT on an idle bench prints a second copy of the parcel just shipped, logged with who and why', async () => {
    const [order] = await cleanPending();
    let state = await packAll(order!.orderNo);
    const tracking = state.label!.trackingNumber;
    state = await station.pack.scan(tracking);
    expect(state).toMatchObject({ phase: 'idle', lastShipped: { orderNo: order!.orderNo } });

    state = await station.pack.scan(scanCommandBarcode('reprint'));
    expect(state.error).toBeNull();
    expect(state.lastReprint).toMatchObject({ orderNo: order!.orderNo, trackingNumber: tracking });
    state = await station.pack.reprint({ reason: 'label torn', requestedBy: 'Li Wei' });
    expect(state.error).toBeNull();

    const jobs = query<{ id: string; reprint_of: string | null; requested_by: string | null; reason: string }>(
      'SELECT id, reprint_of, requested_by, reason FROM print_jobs WHERE order_no = ? ORDER BY created_at, rowid',
      order!.orderNo,
    );
    expect(jobs).toHaveLength(3);
    expect(jobs[1]).toMatchObject({ reprint_of: jobs[0]!.id, reason: 'REPRINT command scanned' });
    expect(jobs[1]!.requested_by).toMatch(/^packer@/);
    expect(jobs[2]).toMatchObject({ reprint_of: jobs[0]!.id, requested_by: 'Li Wei', reason: 'label torn' });
    expect(readdirSync(labels).filter((f) => f.includes(tracking) && f.endsWith('.png'))).toHaveLength(3);
    // The shipment is not touched: one shipment, the same tracking number.
    expect(query('SELECT * FROM shipments WHERE order_no = ?', order!.orderNo)).toHaveLength(1);
  });

  it('says "nothing to reprint" once another order was opened, as before', async () => {
    const [order] = await cleanPending();
    await station.pack.scan(order!.orderNo);
    await station.pack.cancel();
    const state = await station.pack.scan(scanCommandBarcode('reprint'));
    expect(state.error?.code).toBe('nothing-to-reprint');
    await station.pack.acknowledge();
  });
});

describe('order search and history', () => {
  it('finds an order by number, tracking number, the last 4 digits of the phone and the receiver name', async () => {
    const shipped = (await h()['orders:search']({ query: '', status: 'shipped', limit: 10, offset: 0 })).items[0]!;
    expect(shipped.trackingNumber).toMatch(/^DS\d{12}$/);
    const byTracking = await h()['orders:search']({
      query: shipped.trackingNumber!,
      status: null,
      limit: 10,
      offset: 0,
    });
    expect(byTracking.items.map((o) => o.orderNo)).toEqual([shipped.orderNo]);
    const byNumber = await h()['orders:search']({
      query: shipped.orderNo.toLowerCase(),
      status: null,
      limit: 10,
      offset: 0,
    });
    expect(byNumber.items[0]!.orderNo).toBe(shipped.orderNo);

    const stored = (await h()['orders:detail']({ orderNo: shipped.orderNo })).receiver;
    expect(stored.phoneMasked).toContain('****');
    const full = query<{ payload: string }>('SELECT payload FROM orders WHERE order_no = ?', shipped.orderNo)[0]!;
    const phone = (JSON.parse(full.payload) as { receiver: { phone: string; name: string } }).receiver;
    const last4 = phoneLast4(phone.phone)!;
    const byPhone = await h()['orders:search']({ query: last4, status: null, limit: 200, offset: 0 });
    expect(byPhone.items.map((o) => o.orderNo)).toContain(shipped.orderNo);
    // The list never carries the whole number.
    expect(JSON.stringify(byPhone)).not.toContain(phone.phone);
    const byName = await h()['orders:search']({ query: phone.name.slice(0, 2), status: null, limit: 200, offset: 0 });
    expect(byName.items.map((o) => o.orderNo)).toContain(shipped.orderNo);
    expect((await h()['orders:search']({ query: 'no such order', status: null, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('filters by standing and pages, with counts of every standing', async () => {
    const all = await h()['orders:search']({ query: '', status: null, limit: 5, offset: 0 });
    expect(all.items).toHaveLength(5);
    expect(all.total).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    expect(all.counts.shipped).toBe(1);
    const next = await h()['orders:search']({ query: '', status: null, limit: 5, offset: 5 });
    expect(next.items[0]!.orderNo > all.items[4]!.orderNo).toBe(true);
    const attention = await h()['orders:search']({ query: '', status: 'attention', limit: 200, offset: 0 });
    expect(attention.items.every((o) => o.status === 'attention' && o.issues > 0)).toBe(true);
    expect(attention.total).toBe(all.counts.attention);
  });

  it('shows the shipment history with every print job, and draws each label again', async () => {
    const shipped = (await h()['orders:search']({ query: '', status: 'shipped', limit: 10, offset: 0 })).items[0]!;
    const detail = await h()['orders:detail']({ orderNo: shipped.orderNo });
    expect(detail.shipment).toMatchObject({ trackingNumber: shipped.trackingNumber });
    expect(detail.prints).toHaveLength(3);
    expect(detail.prints[2]).toMatchObject({ requestedBy: 'Li Wei', reason: 'label torn', state: 'confirmed' });
    const label = await h()['orders:label']({ orderNo: shipped.orderNo, jobId: detail.prints[0]!.jobId });
    expect(label).toMatchObject({ trackingNumber: shipped.trackingNumber, dpi: 203 });
    expect(label.png).toMatch(/^data:image\/png;base64,/);
    await expect(h()['orders:label']({ orderNo: shipped.orderNo, jobId: 'not-a-job' })).rejects.toMatchObject({
      code: 'print-job-not-found',
    });
  });
});

describe('the quantity prompt', () => {
  it('takes one scan, a typed count and a second scan for a line of 12 units, and logs the count', async () => {
    let state = await station.pack.scan(BULK_ORDER_NO);
    const bulk = state.order!.lines.find((l) => l.quantity === 12)!;
    state = await station.pack.scan(bulk.barcode);
    expect(state.quantityPrompt).toMatchObject({ sku: bulk.sku, required: 12, scanned: 0, count: null });
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(0);

    state = await station.pack.scan(bulk.barcode);
    expect(state.error).toMatchObject({ code: 'quantity-required', params: { sku: bulk.sku } });
    state = await station.pack.quantity({ action: 'set', count: 13 });
    state = await station.pack.scan(bulk.barcode);
    expect(state.error).toMatchObject({ code: 'quantity-invalid', params: { count: 13, remaining: 12 } });
    expect(state.quantityPrompt).not.toBeNull();
    await station.pack.quantity({ action: 'set', count: 12 });
    state = await station.pack.scan(bulk.barcode);
    expect(state.error).toBeNull();
    expect(state.quantityPrompt).toBeNull();
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(12);
    const log = query<{ verdict: string; reason: string | null }>(
      'SELECT verdict, reason FROM scan_log WHERE order_no = ? ORDER BY id',
      BULK_ORDER_NO,
    );
    expect(log.map((l) => l.reason)).toEqual([
      null,
      'quantity prompt opened; nothing counted until the count is confirmed',
      'quantity-required',
      'quantity-invalid',
      `quantity 12 of ${bulk.sku}, confirmed by scanning the item again`,
    ]);
    await station.pack.cancel();
  });

  it('applies the count on Enter, and Escape scans the line one at a time', async () => {
    let state = await station.pack.scan(BULK_ORDER_NO);
    const bulk = state.order!.lines.find((l) => l.quantity === 12)!;
    await station.pack.scan(bulk.barcode);
    state = await station.pack.quantity({ action: 'apply', count: 5 });
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(5);
    state = await station.pack.scan(bulk.barcode);
    expect(state.quantityPrompt).toMatchObject({ scanned: 5 });
    state = await station.pack.quantity({ action: 'cancel' });
    expect(state.quantityPrompt).toBeNull();
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(6);
    state = await station.pack.scan(bulk.barcode);
    expect(state.quantityPrompt).toBeNull();
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(7);
    await station.pack.cancel();
  });

  it('is off when the station setting says so', async () => {
    await h()['station:settings']({ quantityPrompt: false });
    let state = await station.pack.scan(BULK_ORDER_NO);
    const bulk = state.order!.lines.find((l) => l.quantity === 12)!;
    state = await station.pack.scan(bulk.barcode);
    expect(state.quantityPrompt).toBeNull();
    expect(state.order!.lines.find((l) => l.lineNo === bulk.lineNo)!.scanned).toBe(1);
    await station.pack.cancel();
    await h()['station:settings']({ quantityPrompt: true });
  });
});

describe('batch printing of waybills', () => {
  it('prints one label per order, each its own job, key and tracking number; a repeat prints none', async () => {
    const picked = (await cleanPending()).slice(0, 3).map((o) => o.orderNo);
    const started = await h()['print:batch']({ orderNos: picked, requestedBy: 'Li Wei' });
    expect(started).toMatchObject({ state: 'running', total: 3, requestedBy: 'Li Wei' });
    await station.api.handlers['print:batchStatus']({});
    await expect.poll(async () => (await h()['print:batchStatus']({}))?.state, { timeout: 30_000 }).toBe('done');
    const done = (await h()['print:batchStatus']({}))!;
    expect(done).toMatchObject({ printed: 3, skipped: 0, failed: 0, done: 3 });
    // Progress came as events, one order after another.
    const mine = batchEvents.filter((e) => e.batchId === started.batchId);
    expect(mine.map((e) => e.current).filter(Boolean)).toEqual(picked);
    expect(mine.at(-1)?.state).toBe('done');

    const jobs = query<{ order_no: string; idempotency_key: string; tracking_number: string; state: string }>(
      `SELECT order_no, idempotency_key, tracking_number, state FROM print_jobs WHERE order_no IN (?, ?, ?)`,
      ...picked,
    );
    expect(jobs).toHaveLength(3);
    expect(new Set(jobs.map((j) => j.idempotency_key)).size).toBe(3);
    expect(new Set(jobs.map((j) => j.tracking_number)).size).toBe(3);
    expect(jobs.map((j) => j.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);

    const again = await h()['print:batch']({ orderNos: [...picked, picked[0]!] });
    expect(again.items.map((i) => i.reason)).toEqual([
      'already-printed',
      'already-printed',
      'already-printed',
      'duplicate',
    ]);
    await expect.poll(async () => (await h()['print:batchStatus']({}))?.state).toBe('done');
    expect(query('SELECT id FROM print_jobs WHERE order_no IN (?, ?, ?)', ...picked)).toHaveLength(3);
    const printed = await h()['orders:search']({ query: '', status: 'printed', limit: 200, offset: 0 });
    expect(printed.items.map((o) => o.orderNo)).toEqual(expect.arrayContaining(picked));
  });

  it('packs a batch-printed order against its label: items scanned, no second label, confirmed', async () => {
    const printed = (await h()['orders:search']({ query: '', status: 'printed', limit: 200, offset: 0 })).items[0]!;
    let state = await station.pack.scan(printed.orderNo);
    expect(state.preprinted).toMatchObject({ trackingNumber: printed.trackingNumber });
    state = await packAll(printed.orderNo);
    expect(state.phase).toBe('printed');
    expect(state.label?.trackingNumber).toBe(printed.trackingNumber);
    expect(query('SELECT id FROM print_jobs WHERE order_no = ?', printed.orderNo)).toHaveLength(1);
    state = await station.pack.scan(printed.trackingNumber!);
    expect(state).toMatchObject({ phase: 'idle', lastShipped: { trackingNumber: printed.trackingNumber } });
    expect(query('SELECT id FROM print_jobs WHERE order_no = ?', printed.orderNo)).toHaveLength(1);
  });

  it('skips shipped, unknown and kept-aside orders and names why', async () => {
    const attention = (await h()['orders:search']({ query: '', status: 'attention', limit: 1, offset: 0 })).items;
    const shipped = (await h()['orders:search']({ query: '', status: 'shipped', limit: 1, offset: 0 })).items[0]!;
    const orderNos = [shipped.orderNo, 'SO-000000', ...attention.map((o) => o.orderNo)];
    const started = await h()['print:batch']({ orderNos });
    expect(started.items.map((i) => i.reason)).toEqual(['shipped', 'not-found', ...attention.map(() => 'attention')]);
  });
});

describe('the station name', () => {
  it('is a setting of 1–40 characters the station keeps, shown in station:info', async () => {
    expect((await h()['station:info']({})).name).toBeNull();
    const input = commands['station:settings'].input;
    expect(input.safeParse({ name: '  ' }).success).toBe(false);
    expect(input.safeParse({ name: 'x'.repeat(41) }).success).toBe(false);
    expect(input.safeParse({ name: 'Bench\n3' }).success).toBe(false);
    const saved = await h()['station:settings'](input.parse({ name: '  打包台 3 号  ' }));
    expect(saved.name).toBe('打包台 3 号');
    expect((await h()['station:info']({})).name).toBe('打包台 3 号');
  });
});
