import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import type { PackState } from '../../../src-main/contract';
import { createDemoErp, generateSeedData, type DemoErp } from '../../../src-main/demo';
import { isValidCarrierNumber } from '../../../src-main/carriers';
import { scanCommandBarcode } from '../../../src-main/domain';

// The station's use cases in-process, against the demo ERP on loopback, real SQLite files and the virtual printer.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-pack-'));
let erp: DemoErp;
let erpUrl: string;
let station: Station;
const events: PackState[] = [];

beforeAll(async () => {
  erp = createDemoErp({ dbPath: path.join(tmp, 'erp.sqlite'), orders: 30, seed: 3 });
  erpUrl = (await erp.listen(0)).url;
  station = await createStation({
    dataDir: path.join(tmp, 'station'),
    erpUrl,
    printer: `file:${path.join(tmp, 'labels')}`,
  });
  station.api.events.on('pack:changed', (state) => events.push(state));
  await station.sync.syncNow();
});
afterAll(async () => {
  await station.close();
  await erp.close();
  rmSync(tmp, { recursive: true, force: true });
});

const erpOrder = async (orderNo: string) =>
  (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as {
    status: string;
    trackingNumber: string | null;
    lines: { barcode: string; quantity: number }[];
    shipments: unknown[];
  };

const pendingOrders = async () =>
  (await station.api.handlers['orders:list']({ limit: 100 })).filter(
    (o) => o.status === 'pending' && o.issues.length === 0,
  );

describe('packing an order', () => {
  it('goes idle → packing → printed → idle, refusing wrong and extra items on the way', async () => {
    const [summary] = await pendingOrders();
    const orderNo = summary!.orderNo;
    let state = await station.pack.scan(orderNo);
    expect(state).toMatchObject({ phase: 'packing', error: null, order: { orderNo } });

    state = await station.pack.scan('0000000000000');
    expect(state.error).toMatchObject({ code: 'wrong-item', params: { barcode: '0000000000000' } });
    expect(state.phase).toBe('packing');
    state = await station.pack.acknowledge();
    expect(state.error).toBeNull();

    const lines = state.order!.lines;
    for (const line of lines) {
      for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
    }
    expect(state.phase).toBe('printed');
    expect(state.label?.trackingNumber).toMatch(/^DS\d{12}$/);
    expect(state.label?.previewPng).toMatch(/^data:image\/png;base64,/);
    expect(readdirSync(path.join(tmp, 'labels'))).toContain(`${orderNo}_${state.label!.trackingNumber}.png`);

    const extra = await station.pack.scan(lines[0]!.barcode);
    expect(extra.error?.code).toBe('confirm-first');

    // Scanning the printed label confirms: no key press needed.
    const trackingNumber = state.label!.trackingNumber;
    state = await station.pack.scan(trackingNumber);
    expect(state).toMatchObject({ phase: 'idle', order: null, lastShipped: { orderNo, trackingNumber, queued: true } });
    expect(station.sync.queueStatus().depth).toBe(1);

    const drained = await station.sync.drain(true);
    expect(drained).toMatchObject({ uploaded: 1, depth: 0 });
    expect(await erpOrder(orderNo)).toMatchObject({ status: 'shipped', trackingNumber });
    expect(events.length).toBeGreaterThan(4);
  });

  it('refuses an extra unit of a complete line', async () => {
    const order = (await pendingOrders()).find((o) => o.units >= 1)!;
    let state = await station.pack.scan(order.orderNo);
    const line = state.order!.lines.find((l) => l.quantity === 1 && state.order!.lines.length > 1);
    if (line) {
      state = await station.pack.scan(line.barcode);
      state = await station.pack.scan(line.barcode);
      expect(state.error).toMatchObject({ code: 'over-scan', params: { sku: line.sku } });
    }
    state = await station.pack.cancel();
    expect(state.phase).toBe('idle');
  });

  it('refuses unknown and cancelled orders and says why', async () => {
    let state = await station.pack.scan('SO-000000');
    expect(state.error).toMatchObject({ code: 'order-not-found', params: { orderNo: 'SO-000000' } });
    expect(state.phase).toBe('idle');
    // Cancelled orders are never in the pending pull; the station fetches them when scanned.
    const seed = generateSeedData({ seed: 3, orders: 30, now: new Date() });
    const cancelled = seed.orders.find((o) => o.status === 'cancelled');
    expect(cancelled, 'the seed has cancelled orders').toBeDefined();
    state = await station.pack.scan(cancelled!.orderNo);
    expect(state.error?.code).toBe('order-cancelled');
  });

  it('asks the ERP in capitals for an order scanned in lower case with spaces around it that is not held here', async () => {
    // Cancelled orders are never in the pending pull: this one is only in the ERP.
    const seed = generateSeedData({ seed: 3, orders: 30, now: new Date() });
    const cancelled = seed.orders.find((o) => o.status === 'cancelled')!;
    const state = await station.pack.scan(`  ${cancelled.orderNo.toLowerCase()} `);
    expect(state.error).toMatchObject({ code: 'order-cancelled', params: { orderNo: cancelled.orderNo } });
  });

  it('reprints only on the REPRINT command, with the same tracking number, then confirms with CONFIRM', async () => {
    let state = await station.pack.scan(scanCommandBarcode('reprint'));
    expect(state.error?.code).toBe('nothing-to-reprint');
    const [summary] = await pendingOrders();
    state = await station.pack.scan(summary!.orderNo);
    for (const line of state.order!.lines) {
      for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
    }
    const tracking = state.label!.trackingNumber;
    const before = readdirSync(path.join(tmp, 'labels')).filter((f) => f.includes(tracking));
    expect(before).toHaveLength(2); // the PDF and the PNG, once
    state = await station.pack.scan(scanCommandBarcode('reprint'));
    expect(state).toMatchObject({ phase: 'printed', error: null, label: { trackingNumber: tracking } });
    const after = readdirSync(path.join(tmp, 'labels')).filter((f) => f.includes(tracking));
    expect(after).toHaveLength(4);
    expect(after.filter((f) => f.includes('_reprint-'))).toHaveLength(2);
    state = await station.pack.scan(scanCommandBarcode('confirm'));
    expect(state.phase).toBe('idle');
    expect(state.lastShipped?.orderNo).toBe(summary!.orderNo);
  });

  it('applies a fast burst of scans strictly in order', async () => {
    const [summary] = await pendingOrders();
    const first = await station.pack.scan(summary!.orderNo);
    const codes = first.order!.lines.flatMap((line) => Array.from({ length: line.quantity }, () => line.barcode));
    const states = await Promise.all(codes.map((code) => station.pack.scan(code)));
    expect(states.at(-1)?.phase).toBe('printed');
    expect(states.every((s) => s.error === null)).toBe(true);
    await station.pack.confirm();
  });

  it("gives an order the numbers of its own carrier when the station holds that carrier's range", async () => {
    const orderNo = (await pendingOrders()).at(-1)!.orderNo;
    // The ERP now asks for UPS (its own database: the demo ERP has no edit endpoint); the scan refreshes the order.
    const erpDb = new Database(path.join(tmp, 'erp.sqlite'));
    erpDb
      .prepare("UPDATE orders SET carrier = 'UPS', version = version + 1, updated_at = ? WHERE order_no = ?")
      .run(new Date().toISOString(), orderNo);
    erpDb.close();
    await station.api.handlers['pool:add']({
      carrier: 'UPS',
      scheme: 'ups-1z',
      prefix: '999AA101',
      from: 1,
      to: 50,
      by: 'Li Wei',
    });
    let state = await station.pack.scan(orderNo);
    for (const line of state.order!.lines) {
      for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
    }
    const tracking = state.label!.trackingNumber;
    expect(tracking).toMatch(/^1Z999AA101/);
    expect(isValidCarrierNumber('ups-1z', tracking)).toBe(true);
    state = await station.pack.confirm();
    expect(state.lastShipped).toMatchObject({ orderNo, trackingNumber: tracking });
    await station.sync.drain(true);
    const shipped = (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as {
      trackingNumber: string;
      shipments: { carrier: string }[];
    };
    expect(shipped).toMatchObject({ trackingNumber: tracking, shipments: [{ carrier: 'UPS' }] });
  });
});
