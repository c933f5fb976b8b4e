import type Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PackState } from '../../../src-main/contract';
import { scanCommandBarcode } from '../../../src-main/domain';
import { createDemoErp, generateSeedData, type DemoErp } from '../../../src-main/demo';
import { createRestConnector } from '../../../src-main/erp/rest/rest-connector';
import {
  createLabelRenderer,
  DEFAULT_TEMPLATE,
  loadBuiltInTemplate,
  parseTemplate,
  type LabelTemplate,
} from '../../../src-main/labels';
import { assetsDir as appAssetsDir, findAppRoot } from '../../../src-main/platform';
import { createPrinterFromUri, createPrintQueue, type Printer } from '../../../src-main/printers';
import { createClaimService, createPackService, type PackService } from '../../../src-main/station';
import { createNumberPoolRepository } from '../../../src-main/carriers';
import {
  createClaimsRepository,
  createOrdersRepository,
  createOutbox,
  createPrintJobsRepository,
  createScanLog,
  createScanLookup,
  createShippingStore,
  openStationDatabase,
  type PrintJobsRepository,
} from '../../../src-main/store';
import { createConnectivity, createOrderPuller, type Connectivity } from '../../../src-main/sync';
import { fillDisk } from '../../helpers/disk-full';
import { memoryLogger } from '../../helpers/memory-logger';
import { startPrinterEmulator, type PrinterEmulator } from '../../helpers/printer-emulator';
import { testPrinterCatalog } from '../../helpers/test-printer-catalog';

// A failure after the last item scan, met with real parts: the station's own SQLite file made genuinely full
// (SQLITE_FULL), a printer emulator out of paper, a template the renderer cannot draw. The pack service is built
// here from the same parts compose.ts uses, so the test holds the station's database connection.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-pack-recovery-'));
const assetsDir = appAssetsDir(findAppRoot());
const goodTemplate = loadBuiltInTemplate(assetsDir, DEFAULT_TEMPLATE);
// The tracking barcode as an SSCC (AI 00, 18 digits) of the order number: valid as a template, never drawable.
const brokenTemplate: LabelTemplate = parseTemplate({
  ...goodTemplate,
  elements: goodTemplate.elements.map((element) =>
    element.id === 'tracking-barcode' ? { ...element, symbology: 'gs1-128', value: '(00){orderNo}' } : element,
  ),
});

let erp: DemoErp;
let emulator: PrinterEmulator;
let db: Database.Database;
let jobs: PrintJobsRepository;
let connectivity: Connectivity;
let pack: PackService;
let printer: Printer;
let template = { ref: { name: DEFAULT_TEMPLATE, version: 1 }, template: goodTemplate };
const labelsDir = path.join(tmp, 'labels');
const filePrinter = createPrinterFromUri(`file:${labelsDir}`);

beforeAll(async () => {
  erp = createDemoErp({ dbPath: path.join(tmp, 'erp.sqlite'), orders: 30, seed: 5 });
  const { url } = await erp.listen(0);
  emulator = await startPrinterEmulator('zpl');
  db = openStationDatabase(path.join(tmp, 'station'));
  const clock = () => new Date();
  const connector = createRestConnector({ baseUrl: url, timeoutMs: 5_000 });
  const orders = createOrdersRepository(db);
  const outbox = createOutbox({ db, clock });
  const pools = createNumberPoolRepository(db);
  pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 10_000_000, endSerial: 19_999_999 });
  jobs = createPrintJobsRepository(db);
  connectivity = createConnectivity();
  printer = filePrinter;
  let ids = 0;
  pack = createPackService({
    orders,
    shipping: createShippingStore({ db, outbox, pools, jobs }),
    scanLog: createScanLog(db),
    lookup: createScanLookup(db),
    logger: memoryLogger().logger,
    puller: createOrderPuller({ connector, orders, clock }),
    connectivity,
    claims: createClaimService({ connector, claims: createClaimsRepository(db), connectivity, stationId: 'S1', clock }),
    labels: createLabelRenderer({ assetsDir }),
    printQueue: createPrintQueue({ jobs, clock }),
    printers: () => ({ primary: printer, backup: null }),
    resolveTemplate: async () => template,
    carrierFor: () => 'DSX',
    stationId: 'S1',
    operator: 'packer@S1',
    clock,
    newId: () => `id-${String(++ids).padStart(6, '0')}`,
    onChange: () => undefined,
    onShipmentQueued: () => undefined,
    isShipmentQueued: (orderNo) => outbox.hasPending(orderNo),
  });
  await createOrderPuller({ connector, orders, clock }).pullAll();
});
afterAll(async () => {
  db.close();
  await emulator.close();
  await erp.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  printer = filePrinter;
  template = { ref: { name: DEFAULT_TEMPLATE, version: 1 }, template: goodTemplate };
});

const packed = new Set<string>();

/** Opens the next pending order and scans all its items but the last unit. */
async function openAndScanAllButOne(): Promise<{ state: PackState; last: string }> {
  const next = db
    .prepare(
      "SELECT order_no FROM orders WHERE status = 'pending' AND local_state = 'open' AND issues = '[]' ORDER BY order_no",
    )
    .all()
    .map((row) => (row as { order_no: string }).order_no)
    .find((orderNo) => !packed.has(orderNo))!;
  packed.add(next);
  let state = await pack.scan(next);
  expect(state).toMatchObject({ phase: 'packing', error: null });
  const units = state.order!.lines.flatMap((line) => Array.from({ length: line.quantity }, () => line.barcode));
  for (const code of units.slice(0, -1)) state = await pack.scan(code);
  expect(state.error).toBeNull();
  return { state, last: units.at(-1)! };
}

const allScanned = (state: PackState) => state.order!.lines.every((line) => line.scanned === line.quantity);
const jobsOf = (orderNo: string) => jobs.forOrder(orderNo).map(({ state, reprintOf }) => ({ state, reprintOf }));
const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

/** Filler for the print jobs table, for an order of its own (jobs must belong to an order). */
function fillPrintJobs(): () => void {
  db.prepare(
    "INSERT OR IGNORE INTO orders (order_no, status, erp_version, payload, pulled_at, updated_at) VALUES ('ZZ-FILLER', 'cancelled', 1, '{}', '', '')",
  ).run();
  const insert = db.prepare(
    "INSERT INTO print_jobs (id, order_no, tracking_number, printer, template, state, created_at, updated_at) VALUES (?, 'ZZ-FILLER', 'x', 'x', 'x', 'failed', '', '')",
  );
  return fillDisk(db, (i) => insert.run(`zz-${String(i).padStart(7, '0')}`));
}

describe('a failure after the last item scan leaves an order the packer recovers with a scan', () => {
  it('disk full while recording the print job: said as such, ERP still online, the next item scan prints', async () => {
    const { state: opened, last } = await openAndScanAllButOne();
    const orderNo = opened.order!.orderNo;
    const nextNumber = count("SELECT next_serial AS n FROM number_pools WHERE carrier = 'DSX'");
    const free = fillPrintJobs();
    let state = await pack.scan(last);
    expect(state.error).toMatchObject({ code: 'disk-full' });
    expect(state.error!.message).toMatch(/^the station's disk is full: free space/);
    expect(state).toMatchObject({ phase: 'packing', label: null });
    expect(allScanned(state)).toBe(true);
    // A local problem: the ERP answered and is still shown online.
    expect(connectivity.online).toBe(true);
    // Nothing half-written: no job and no number taken.
    expect(jobsOf(orderNo)).toEqual([]);
    expect(count("SELECT next_serial AS n FROM number_pools WHERE carrier = 'DSX'")).toBe(nextNumber);

    // Still full: every way the packer asks for the label says why, never over-scan or not-ready.
    state = await pack.scan(last);
    expect(state.error?.code).toBe('disk-full');
    state = await pack.confirm();
    expect(state.error?.code).toBe('disk-full');
    state = await pack.scan(scanCommandBarcode('reprint'));
    expect(state.error?.code).toBe('disk-full');

    free();
    state = await pack.scan(state.order!.lines[0]!.barcode);
    expect(state).toMatchObject({ phase: 'printed', error: null });
    const trackingNumber = state.label!.trackingNumber;
    expect(existsSync(path.join(labelsDir, `${orderNo}_${trackingNumber}.png`))).toBe(true);
    expect(jobsOf(orderNo)).toEqual([{ state: 'confirmed', reprintOf: null }]);
    expect(count("SELECT next_serial AS n FROM number_pools WHERE carrier = 'DSX'")).toBe(nextNumber + 1);
    state = await pack.confirm();
    expect(state).toMatchObject({ phase: 'idle', lastShipped: { orderNo, trackingNumber } });
  });

  it('printer out of paper (nothing sent): rescanning an item or confirming retries, then one label prints', async () => {
    printer = createPrinterFromUri(`${emulator.uri}?profile=test-zpl-203`, process.cwd(), testPrinterCatalog, {
      connectTimeoutMs: 1000,
      writeTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      statusTimeoutMs: 1000,
    });
    emulator.set({ paperOut: true });
    const { state: opened, last } = await openAndScanAllButOne();
    const orderNo = opened.order!.orderNo;
    const logged = db.prepare('SELECT count(*) AS n FROM scan_log').get() as { n: number };
    let state = await pack.scan(last);
    expect(state.error).toMatchObject({ code: 'printer-not-ready', params: { condition: 'paper-out' } });
    // The item went in and counted: the scan is accepted, the print problem is the print issue's.
    expect(allScanned(state)).toBe(true);
    expect(state.lastScan).toMatchObject({ code: last, verdict: 'accepted' });
    expect(state.printIssue).toMatchObject({ state: 'failed', condition: 'paper-out' });
    expect(db.prepare('SELECT code, verdict, reason FROM scan_log WHERE id > ? ORDER BY id').all(logged.n)).toEqual([
      { code: last, verdict: 'accepted', reason: null },
    ]);
    state = await pack.scan(last);
    expect(state.error?.code).toBe('printer-not-ready');
    expect(state.lastScan).toMatchObject({ code: last, verdict: 'accepted' });
    state = await pack.confirm();
    expect(state.error?.code).toBe('printer-not-ready');
    expect(emulator.jobs).toHaveLength(0);

    emulator.set({ paperOut: false });
    state = await pack.scan(last);
    expect(state).toMatchObject({ phase: 'printed', error: null, printIssue: null });
    await emulator.waitForJobs(1);
    expect(emulator.jobs).toHaveLength(1);
    // The first job and each retry are recorded; only the last one went to the printer.
    const recorded = jobsOf(orderNo);
    expect(recorded.map((job) => job.state)).toEqual(['failed', 'failed', 'failed', 'confirmed']);
    expect(recorded.slice(1).every((job) => job.reprintOf !== null)).toBe(true);
    state = await pack.confirm();
    expect(state.phase).toBe('idle');
    expect(state.lastScan).toMatchObject({ code: last, verdict: 'accepted' });
  });

  it('a refusal acknowledged before the confirm is not left as the last scan next to "Shipped"', async () => {
    const { last } = await openAndScanAllButOne();
    let state = await pack.scan(last);
    expect(state.phase).toBe('printed');
    state = await pack.scan('SO-999999');
    expect(state).toMatchObject({
      error: { code: 'confirm-first' },
      lastScan: { code: 'SO-999999', verdict: 'refused' },
    });
    state = await pack.acknowledge();
    state = await pack.confirm();
    expect(state).toMatchObject({ phase: 'idle', error: null, lastScan: null });
    expect(state.lastShipped).not.toBeNull();
    // The scan log keeps the refusal: only the screen's footer lets it go.
    expect(db.prepare("SELECT verdict FROM scan_log WHERE code = 'SO-999999' ORDER BY id DESC").get()).toEqual({
      verdict: 'refused',
    });
  });

  it('a label the template cannot draw: an item scan after the template is fixed prints with the fixed one', async () => {
    template = { ref: { name: DEFAULT_TEMPLATE, version: 2 }, template: brokenTemplate };
    const { state: opened, last } = await openAndScanAllButOne();
    const orderNo = opened.order!.orderNo;
    let state = await pack.scan(last);
    expect(state.error).toMatchObject({ code: 'print-failed' });
    expect(state.error!.params.reason).toMatch(/GS1-128/);
    state = await pack.scan(last);
    expect(state.error?.code).toBe('print-failed');
    expect(jobsOf(orderNo).map((job) => job.state)).toEqual(['failed']);

    // A supervisor activates a good version; nothing printed yet, so the order takes it.
    template = { ref: { name: DEFAULT_TEMPLATE, version: 3 }, template: goodTemplate };
    state = await pack.scan(scanCommandBarcode('reprint'));
    expect(state).toMatchObject({ phase: 'printed', error: null });
    expect(jobs.forOrder(orderNo).map((job) => [job.state, job.template])).toEqual([
      ['failed', `${DEFAULT_TEMPLATE}@v2`],
      ['confirmed', `${DEFAULT_TEMPLATE}@v3`],
    ]);
    state = await pack.confirm();
    expect(state.phase).toBe('idle');
  });

  it('disk full while confirming: nothing written, label and order stay, the next confirm ships once', async () => {
    const { last } = await openAndScanAllButOne();
    let state = await pack.scan(last);
    expect(state).toMatchObject({ phase: 'printed', error: null });
    const { orderNo } = state.order!;
    const trackingNumber = state.label!.trackingNumber;
    const insert = db.prepare(
      "INSERT INTO outbox (idempotency_key, aggregate, kind, payload, state, next_attempt_at, created_at) VALUES (?, 'ZZ-FILLER', 'shipment.confirm', '{}', 'acked', '', '')",
    );
    const free = fillDisk(db, (i) => insert.run(`zz-confirm-${i}`));
    state = await pack.scan(scanCommandBarcode('confirm'));
    expect(state.error?.code).toBe('disk-full');
    expect(state).toMatchObject({ phase: 'printed', label: { trackingNumber }, order: { orderNo } });
    expect(connectivity.online).toBe(true);
    expect(count('SELECT count(*) AS n FROM shipments WHERE order_no = ?', orderNo)).toBe(0);
    expect(count("SELECT count(*) AS n FROM orders WHERE order_no = ? AND local_state = 'open'", orderNo)).toBe(1);
    expect(count('SELECT count(*) AS n FROM outbox WHERE aggregate = ?', orderNo)).toBe(0);

    free();
    state = await pack.scan(trackingNumber);
    expect(state).toMatchObject({ phase: 'idle', error: null, lastShipped: { orderNo, trackingNumber, queued: true } });
    expect(count('SELECT count(*) AS n FROM shipments WHERE order_no = ?', orderNo)).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE aggregate = ? AND state = 'pending'", orderNo)).toBe(1);
  });

  it('disk full while storing an order fetched from the ERP: said as such, the ERP is not marked offline', async () => {
    // Cancelled orders are never in the pending pull: scanning one fetches it from the ERP and stores it.
    const cancelled = generateSeedData({ seed: 5, orders: 30, now: new Date() }).orders.find(
      (order) => order.status === 'cancelled',
    )!;
    expect(db.prepare('SELECT 1 FROM orders WHERE order_no = ?').get(cancelled.orderNo)).toBeUndefined();
    const insert = db.prepare(
      "INSERT INTO orders (order_no, status, erp_version, payload, pulled_at, updated_at) VALUES (?, 'cancelled', 1, '{}', '', '')",
    );
    const free = fillDisk(db, (i) => insert.run(`ZZ-${String(i).padStart(7, '0')}`));
    let state = await pack.scan(cancelled.orderNo);
    expect(state).toMatchObject({ phase: 'idle', error: { code: 'disk-full' } });
    expect(connectivity.online).toBe(true);
    expect(connectivity.lastError).toBeNull();
    free();
    state = await pack.scan(cancelled.orderNo);
    expect(state.error?.code).toBe('order-cancelled');
  });
});
