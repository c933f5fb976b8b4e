// ship: milliseconds from a scanned order number to the last label byte handed to the printer transport, with the
// ERP (the demo ERP) over HTTP on loopback. The scanner is simulated: each item barcode follows immediately.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStation } from '../src-main/compose';
import { createDemoErp } from '../src-main/demo';
import { percentile, report, round2 } from './stats';

const WARMUP = 10;
const MEASURED = 200;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-ship-'));
  const erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: WARMUP + MEASURED + 20, seed: 7 });
  const { url } = await erp.listen(0);
  const station = await createStation({
    dataDir: path.join(dir, 'station'),
    erpUrl: url,
    printer: `file:${path.join(dir, 'labels')}`,
  });
  try {
    await station.sync.syncNow();
    const orders = (await station.api.handlers['orders:list']({ limit: 500 })).filter(
      (o) => o.status === 'pending' && o.issues.length === 0,
    );
    if (orders.length < WARMUP + MEASURED) throw new Error(`only ${orders.length} shippable orders seeded`);
    const samples: number[] = [];
    for (const [index, summary] of orders.slice(0, WARMUP + MEASURED).entries()) {
      const start = performance.now();
      let state = await station.pack.scan(summary.orderNo);
      if (state.error) throw new Error(state.error.message);
      for (const line of state.order!.lines) {
        for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
      }
      const elapsed = performance.now() - start;
      if (state.phase !== 'printed') throw new Error(`order ${summary.orderNo} did not print: ${state.error?.message}`);
      await station.pack.confirm();
      if (index >= WARMUP) samples.push(elapsed);
    }
    report({
      bench: 'ship',
      p50_ms: round2(percentile(samples, 50)),
      p99_ms: round2(percentile(samples, 99)),
      n: samples.length,
    });
  } finally {
    await station.close();
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ship bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
