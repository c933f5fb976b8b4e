// print-queue: milliseconds per waybill through the station's print path to the printer emulator on loopback,
// label already rendered (generic-100x150, CJK, 203 dpi, ZPL Z64): `send` is the TCP transport alone (connect,
// paced chunks, half-close); `printOnce` adds the ~HS status query before and after the job; `queue` adds the
// SQLite print job (WAL, synchronous=FULL) claimed before the write and finished after. The difference is what
// the at-most-once and status guarantees cost a packer per label.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLabelRenderer } from '../src-main/labels';
import { assetsDir, findAppRoot } from '../src-main/platform';
import {
  builtInPrinterCatalog,
  createPrinterFromUri,
  createPrintQueue,
  createTcpTransport,
  printOnce,
  profileByName,
  zpl,
} from '../src-main/printers';
import { createNumberPoolRepository } from '../src-main/carriers';
import {
  createOrdersRepository,
  createOutbox,
  createPrintJobsRepository,
  createShippingStore,
  openStationDatabase,
} from '../src-main/store';
import { chineseOrder } from '../test/fixtures/orders';
import { startPrinterEmulator } from '../test/helpers/printer-emulator';
import { percentile, report, round2 } from './stats';

const WARMUP = 10;
const MEASURED = 100;

async function measure(name: string, run: (i: number) => Promise<void>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + MEASURED; i++) {
    const start = performance.now();
    await run(i);
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  report({
    name: 'print-queue',
    path: name,
    p50_ms: round2(percentile(samples, 50)),
    p99_ms: round2(percentile(samples, 99)),
    n: samples.length,
  });
}

async function main(): Promise<void> {
  const renderer = createLabelRenderer({ assetsDir: assetsDir(findAppRoot()) });
  const label = await renderer.render({ order: chineseOrder, trackingNumber: 'DS000000000017', dpi: 203 });
  const emulator = await startPrinterEmulator('zpl');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-queue-'));
  const db = openStationDatabase(dir);
  try {
    const profile = profileByName('generic-zpl-203');
    const bytes = zpl.encode({
      raster: label.raster,
      pdf: label.pdf,
      widthMm: label.widthMm,
      heightMm: label.heightMm,
    });
    const transport = createTcpTransport({ host: '127.0.0.1', port: emulator.port });
    let expected = 0;
    const arrived = async () => {
      expected += 1;
      await emulator.waitForJobs(expected);
    };
    await measure('send', async (i) => {
      await transport.send({ jobId: `s${i}`, bytes });
      await arrived();
    });
    const printer = createPrinterFromUri(`${emulator.uri}?profile=${profile.name}`, dir, builtInPrinterCatalog);
    await measure('printOnce', async (i) => {
      const result = await printOnce({ jobId: `p${i}`, baseName: 'x', label, printer });
      if (result.state !== 'confirmed') throw new Error(`printOnce ended ${result.state}: ${result.detail}`);
      await arrived();
    });
    createOrdersRepository(db).upsert(chineseOrder, [], new Date().toISOString());
    const pools = createNumberPoolRepository(db);
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 10_000_000, endSerial: 19_999_999 });
    const clock = () => new Date();
    const jobs = createPrintJobsRepository(db);
    const shipping = createShippingStore({ db, outbox: createOutbox({ db, clock }), pools, jobs });
    const queue = createPrintQueue({ jobs, clock });
    await measure('queue', async (i) => {
      const job = shipping.queuePrint({
        id: `q${i}`,
        orderNo: chineseOrder.orderNo,
        carrier: 'DSX',
        printer: printer.uri,
        template: 'default',
        now: clock().toISOString(),
      });
      const result = await queue.run({ jobId: job.id, baseName: 'x', label, printer });
      if (result.state !== 'confirmed') throw new Error(`queue ended ${result.state}: ${result.detail}`);
      await arrived();
    });
    report({ name: 'print-queue', path: 'bytes', zpl_bytes: bytes.length });
  } finally {
    db.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`print-queue bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
