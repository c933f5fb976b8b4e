import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrintQueue, createRawPrinter, createTcpTransport, type PrintQueue } from '../../../src-main/printers';
import type { PrinterProfile } from '../../../src-main/printers';
import { createNumberPoolRepository } from '../../../src-main/carriers';
import {
  createOrdersRepository,
  createOutbox,
  createPrintJobsRepository,
  createShippingStore,
  openStationDatabase,
  type PrintJobsRepository,
  type ShippingStore,
} from '../../../src-main/store';
import { latinOrder } from '../../fixtures/orders';
import { minimalZpl, testRaster } from '../../helpers/minimal-zpl';
import { startPrinterEmulator, type PrinterEmulator } from '../../helpers/printer-emulator';

const profile: PrinterProfile = {
  name: 'test-zpl-203',
  model: 'Test ZPL (203 dpi)',
  language: 'zpl',
  dpi: 203,
  printableWidthDots: 832,
  statusSupport: true,
};
const label = { pdf: new Uint8Array([0x25]), png: new Uint8Array([0x89]), raster: testRaster() };
const clock = () => new Date('2026-03-01T08:00:00Z');

describe('print queue against the printer emulator', () => {
  let dir: string;
  let db: Database.Database;
  let jobs: PrintJobsRepository;
  let shipping: ShippingStore;
  let queue: PrintQueue;
  let emulator: PrinterEmulator;
  let counter = 0;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-queue-'));
    db = openStationDatabase(dir);
    createOrdersRepository(db).upsert(latinOrder, [], clock().toISOString());
    const pools = createNumberPoolRepository(db);
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 10_000_000, endSerial: 19_999_999 });
    jobs = createPrintJobsRepository(db);
    shipping = createShippingStore({ db, outbox: createOutbox({ db, clock }), pools, jobs });
    queue = createPrintQueue({ jobs, clock });
    emulator = await startPrinterEmulator('zpl');
  });
  afterEach(async () => {
    await emulator.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const printerFor = (timeouts: { writeTimeoutMs?: number; totalTimeoutMs?: number; statusTimeoutMs?: number } = {}) =>
    createRawPrinter({
      transport: createTcpTransport({
        host: '127.0.0.1',
        port: emulator.port,
        connectTimeoutMs: 1000,
        writeTimeoutMs: timeouts.writeTimeoutMs ?? 2000,
        totalTimeoutMs: timeouts.totalTimeoutMs ?? 5000,
      }),
      profile,
      language: minimalZpl,
      statusTimeoutMs: timeouts.statusTimeoutMs ?? 1000,
    });
  const queued = () =>
    shipping.queuePrint({
      id: `job-${++counter}`,
      orderNo: latinOrder.orderNo,
      carrier: 'DSX',
      printer: emulator.uri,
      template: 'default',
      now: clock().toISOString(),
    });

  it('prints once and confirms when the printer answers status afterwards', async () => {
    const job = queued();
    const result = await queue.run({ jobId: job.id, baseName: 'x', label, printer: printerFor() });
    expect(result.state).toBe('confirmed');
    const [received] = await emulator.waitForJobs(1);
    expect(received!.bytes.toString('latin1')).toMatch(/^\^XA\^PW64\^LL32.*\^XZ$/);
    expect(jobs.get(job.id)).toMatchObject({
      state: 'confirmed',
      writes: 1,
      profile: 'test-zpl-203',
      idempotencyKey: job.id,
    });
  });

  it('detects paper out before sending: failed, nothing sent', async () => {
    emulator.set({ paperOut: true });
    const job = queued();
    const result = await queue.run({ jobId: job.id, baseName: 'x', label, printer: printerFor() });
    expect(result).toMatchObject({ state: 'failed', condition: 'paper-out', nothingSent: true });
    expect(result.detail).toContain('paper-out');
    expect(emulator.jobBytes).toBe(0);
    expect(jobs.get(job.id)).toMatchObject({ state: 'failed', writes: 0 });
  });

  it('treats a switched-off printer as offline: failed, nothing sent', async () => {
    await emulator.offline();
    const job = queued();
    const result = await queue.run({ jobId: job.id, baseName: 'x', label, printer: printerFor() });
    expect(result).toMatchObject({ state: 'failed', condition: 'offline', nothingSent: true });
    expect(result.detail).toContain('ECONNREFUSED');
  });

  it('ends a stalled printer (accepts, never reads) in unknown within the timeouts, and never resends', async () => {
    const job = queued();
    const printer = printerFor({ writeTimeoutMs: 300, totalTimeoutMs: 2000, statusTimeoutMs: 300 });
    // Status answered first, then the printer stalls on every later connection.
    const ready = await printer.readStatus!();
    expect(ready.state).toBe('ready');
    emulator.stall(true);
    const stalledPrinter = { ...printer, readStatus: undefined };
    const result = await queue.run({ jobId: job.id, baseName: 'x', label: bigLabel(), printer: stalledPrinter });
    expect(result.state).toBe('unknown');
    expect(result.nothingSent).toBe(false);
    // The printer comes back: running the same job again sends nothing.
    emulator.stall(false);
    const again = await queue.run({ jobId: job.id, baseName: 'x', label, printer: printerFor() });
    expect(again.state).toBe('unknown');
    expect(emulator.jobs.filter((j) => j.complete)).toHaveLength(0);
    expect(jobs.get(job.id)!.writes).toBe(1);
  });

  it('marks a small job to a printer that stops answering as unknown (status after the job is silent)', async () => {
    const job = queued();
    const printer = printerFor({ statusTimeoutMs: 300 });
    // Ready before, silent after: stall as soon as the job connection arrives.
    const realRead = printer.readStatus!;
    let reads = 0;
    const result = await queue.run({
      jobId: job.id,
      baseName: 'x',
      label,
      printer: {
        ...printer,
        readStatus: async () => {
          reads += 1;
          const reading = await realRead();
          if (reads === 1) emulator.stall(true);
          return reading;
        },
      },
    });
    expect(result.state).toBe('unknown');
    expect(result.detail).toContain('did not answer');
  });

  it('after the printer comes back, exactly one copy arrives unless the packer reprints', async () => {
    await emulator.offline();
    const first = queued();
    const failed = await queue.run({ jobId: first.id, baseName: 'x', label, printer: printerFor() });
    expect(failed.nothingSent).toBe(true);
    await emulator.online();
    // The packer prints the failed label again (nothing was sent, so this is the one copy).
    const retry = await queue.printAgain({
      id: 'retry-1',
      of: first.id,
      requestedBy: 'packer@bench-3',
      reason: 'printer was off; switched on',
      baseName: 'x',
      label,
      printer: printerFor(),
    });
    expect(retry.state).toBe('confirmed');
    await emulator.waitForJobs(1);
    // Running either job again sends nothing more.
    await queue.run({ jobId: first.id, baseName: 'x', label, printer: printerFor() });
    await queue.run({ jobId: 'retry-1', baseName: 'x', label, printer: printerFor() });
    expect(emulator.jobs).toHaveLength(1);
    // An explicit reprint is the only way to a second copy, logged with who, when and why.
    const reprint = await queue.printAgain({
      id: 'reprint-1',
      of: 'retry-1',
      requestedBy: 'packer@bench-3',
      reason: 'label smudged',
      baseName: 'x',
      label,
      printer: printerFor(),
    });
    expect(reprint.job).toMatchObject({
      reprintOf: 'retry-1',
      requestedBy: 'packer@bench-3',
      reason: 'label smudged',
      createdAt: clock().toISOString(),
      trackingNumber: first.trackingNumber,
    });
    await emulator.waitForJobs(2);
    expect(emulator.jobs).toHaveLength(2);
  });

  it('ends a connection dropped mid-job in unknown and never resends it', async () => {
    emulator.dropAfter(2000);
    const job = queued();
    const result = await queue.run({ jobId: job.id, baseName: 'x', label: bigLabel(), printer: printerFor() });
    expect(result.state).toBe('unknown');
    expect(result.detail).toMatch(/may or may not have printed/);
    emulator.dropAfter(null);
    await queue.run({ jobId: job.id, baseName: 'x', label: bigLabel(), printer: printerFor() });
    expect(emulator.jobs.some((j) => j.complete)).toBe(false);
    expect(jobs.get(job.id)).toMatchObject({ state: 'unknown', writes: 1 });
  });

  it('refuses a second automatic write in the database itself', () => {
    const job = queued();
    expect(jobs.claimForSending(job.id, 10, clock().toISOString())).toBe(true);
    expect(jobs.claimForSending(job.id, 10, clock().toISOString())).toBe(false);
    expect(() => db.prepare('UPDATE print_jobs SET writes = 2 WHERE id = ?').run(job.id)).toThrow(/explicit reprint/);
  });
});

/** A label whose encoding is a few MB, larger than the socket buffers. */
function bigLabel() {
  return { ...label, raster: testRaster(832, 20_000) };
}
