import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import type { PackState } from '../../../src-main/contract';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { createClaimsRepository, openStationDatabase } from '../../../src-main/store';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { assetsDir } from '../../helpers/paths';

// Claims and repeats with real parts: the demo ERP on loopback behind the fault proxy (to cut the line), two
// stations with their own SQLite files and virtual printers.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-claims-'));
let erp: DemoErp;
let erpUrl: string;
let proxy: FaultProxy;
const open: Station[] = [];

beforeAll(async () => {
  erp = createDemoErp({ dbPath: path.join(tmp, 'erp.sqlite'), orders: 20, seed: 5 });
  erpUrl = (await erp.listen(0)).url;
  proxy = await startFaultProxy({ target: erpUrl });
});
afterAll(async () => {
  for (const station of open) await station.close().catch(() => undefined);
  await proxy.close();
  await erp.close();
  rmSync(tmp, { recursive: true, force: true });
});

const dirOf = (name: string) => path.join(tmp, name);
const labelsOf = (name: string) => path.join(tmp, `${name}-labels`);

async function startStation(name: string): Promise<Station> {
  const station = await createStation({
    dataDir: dirOf(name),
    erpUrl: proxy.url,
    printer: `file:${labelsOf(name)}`,
    assetsDir,
    erpTimeoutMs: 1_000,
  });
  open.push(station);
  return station;
}

async function closeStation(station: Station): Promise<void> {
  await station.close();
  open.splice(open.indexOf(station), 1);
}

/** Scans every unit of the open order; the last one prints the label. */
async function scanAllItems(station: Station, state: PackState): Promise<PackState> {
  for (const line of state.order?.lines ?? []) {
    for (let unit = line.scanned; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
  }
  return state;
}

const erpOrder = async (orderNo: string) =>
  (await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as {
    status: string;
    trackingNumber: string | null;
    shipments: { trackingNumber: string; stationId?: string }[];
  };

const pendingOrderNos = async (): Promise<string[]> =>
  (
    (await (await fetch(`${erpUrl}/api/v1/orders?status=pending&limit=200`)).json()) as {
      orders: { orderNo: string }[];
    }
  ).orders.map((o) => o.orderNo);

const labelFiles = (name: string): string[] => {
  try {
    return readdirSync(labelsOf(name)).filter((f) => f.endsWith('.pdf'));
  } catch {
    return [];
  }
};

describe('claims online', () => {
  it('a second station scanning an order another station is packing is refused before anything prints', async () => {
    const a = await startStation('online-a');
    const b = await startStation('online-b');
    const [orderNo] = await pendingOrderNos();

    let stateA = await a.pack.scan(orderNo!);
    expect(stateA).toMatchObject({ phase: 'packing', error: null });
    expect((await erpOrder(orderNo!)).status).toBe('claimed');

    const stateB = await b.pack.scan(orderNo!);
    expect(stateB.phase).toBe('idle');
    expect(stateB.error).toMatchObject({ code: 'order-claimed', params: { station: a.info().stationId } });

    stateA = await scanAllItems(a, stateA);
    expect(stateA.phase).toBe('printed');
    const tracking = stateA.label!.trackingNumber;
    await a.pack.confirm();
    expect((await a.sync.drain(true)).depth).toBe(0);

    // Shipped now: the other station says so with the number it went with, and prints nothing.
    const again = await b.pack.scan(orderNo!);
    expect(again.error).toMatchObject({ code: 'order-already-shipped', params: { trackingNumber: tracking } });
    expect(labelFiles('online-b')).toEqual([]);
    expect((await erpOrder(orderNo!)).shipments.map((s) => s.trackingNumber)).toEqual([tracking]);
    await closeStation(a);
    await closeStation(b);
  });
});

describe('offline, two stations pack the same order', () => {
  it('the second upload becomes a conflict task to intercept its parcel, never a second shipment', async () => {
    const a = await startStation('offline-a');
    const b = await startStation('offline-b');
    await a.sync.syncNow();
    await b.sync.syncNow();
    const orderNo = (await pendingOrderNos())[0]!;

    proxy.setPolicy(() => 'drop');
    const printed: Record<string, string> = {};
    for (const [name, station] of [
      ['a', a],
      ['b', b],
    ] as const) {
      let state = await station.pack.scan(orderNo);
      expect(state.error).toBeNull();
      state = await scanAllItems(station, state);
      expect(state.phase).toBe('printed');
      printed[name] = state.label!.trackingNumber;
      state = await station.pack.confirm();
      expect(state.lastShipped).toMatchObject({ orderNo, queued: true });
    }
    expect(printed.a).not.toBe(printed.b);

    // Still queued: scanning it again prints nothing and names the number it already has.
    const repeat = await b.pack.scan(orderNo);
    expect(repeat.error).toMatchObject({ code: 'order-already-shipped', params: { trackingNumber: printed.b } });
    expect(labelFiles('offline-b')).toHaveLength(1);

    proxy.setPolicy(() => 'pass');
    const first = await a.sync.syncNow();
    expect(first).toMatchObject({ uploaded: 1, depth: 0, refused: [] });
    const second = await b.sync.syncNow();
    expect(second.depth).toBe(0);
    expect(second.refused).toEqual([
      { aggregate: orderNo, state: 'conflict', reason: expect.stringMatching(/already shipped/) as string },
    ]);
    expect(b.sync.queueStatus().conflict).toBe(1);
    await closeStation(b);

    const db = openStationDatabase(dirOf('offline-b'));
    const tasks = createClaimsRepository(db).conflictTasks(10);
    db.close();
    expect(tasks).toEqual([
      expect.objectContaining({ orderNo, trackingNumber: printed.b, reason: expect.stringContaining(printed.a!) }),
    ]);
    const order = await erpOrder(orderNo);
    expect(order.shipments.map((s) => s.trackingNumber)).toEqual([printed.a]);
    await closeStation(a);
  });
});

describe('a print whose outcome is unknown after a crash', () => {
  it('is resolved on the next attempt by reusing the printed number, never a second one', async () => {
    let station = await startStation('crash');
    const orderNo = (await pendingOrderNos())[0]!;
    let state = await scanAllItems(station, await station.pack.scan(orderNo));
    const printedNumber = state.label!.trackingNumber;
    await closeStation(station);

    // What a process that died between "sent" and the printer's answer leaves behind.
    const file = path.join(dirOf('crash'), 'station.sqlite');
    const raw = new Database(file);
    raw.prepare("UPDATE print_jobs SET state = 'sent'").run();
    raw.close();

    station = await startStation('crash');
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT state FROM print_jobs').all()).toEqual([{ state: 'unknown' }]);
    expect(check.prepare("SELECT count(*) AS n FROM recovery_log WHERE kind = 'print-unknown'").get()).toEqual({
      n: 1,
    });
    check.close();

    state = await station.pack.scan(orderNo);
    expect(state.error).toBeNull();
    state = await scanAllItems(station, state);
    expect(state.label?.trackingNumber).toBe(printedNumber);
    await station.pack.confirm();
    expect((await station.sync.drain(true)).depth).toBe(0);
    expect((await erpOrder(orderNo)).shipments.map((s) => s.trackingNumber)).toEqual([printedNumber]);
    expect(labelFiles('crash')).toEqual([`${orderNo}_${printedNumber}.pdf`]);
    await closeStation(station);
  });
});
