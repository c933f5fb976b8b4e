// intake: orders per second from the demo ERP over HTTP on loopback into the station's SQLite file, intake included
// (lenient map, standardization of addresses, phones and units, validation, duplicate check, one transaction per
// page). 10,000 pending orders, pages of 200, the station's durability pragmas (WAL, synchronous=FULL).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDemoErp } from '../src-main/demo';
import { createRestConnector } from '../src-main/erp/rest';
import { createOrdersRepository, openStationDatabase } from '../src-main/store';
import { createOrderPuller } from '../src-main/sync';
import { report, round2 } from './stats';

const TARGET = 10_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-intake-'));
  // About 3 % of seeded orders are cancelled; seed enough that at least TARGET are pending.
  const erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: Math.ceil(TARGET * 1.05), seed: 11 });
  const { url } = await erp.listen(0);
  const db = openStationDatabase(path.join(dir, 'station'));
  try {
    const orders = createOrdersRepository(db);
    const connector = createRestConnector({ baseUrl: url, timeoutMs: 30_000 });
    // Warm-up: JIT, the division table, libphonenumber metadata; into a throw-away store.
    const warmDb = openStationDatabase(path.join(dir, 'warm'));
    await createOrderPuller({
      connector: { ...connector, pullPending: (c) => connector.pullPending(c, 200) },
      orders: createOrdersRepository(warmDb),
      clock: () => new Date(),
      pageSize: 200,
    }).pullOne('SO-100001');
    warmDb.close();

    let pulled = 0;
    const limited = {
      ...connector,
      // Stops after TARGET orders so every run measures the same amount of work.
      async pullPending(cursor: string | null, limit: number) {
        const page = await connector.pullPending(cursor, Math.min(limit, TARGET - pulled));
        pulled += page.orders.length;
        return { orders: page.orders, nextCursor: pulled >= TARGET ? null : page.nextCursor };
      },
    };
    const puller = createOrderPuller({ connector: limited, orders, clock: () => new Date(), pageSize: 200 });
    const start = performance.now();
    const stored = await puller.pullAll();
    const seconds = (performance.now() - start) / 1000;
    if (stored < TARGET) throw new Error(`only ${stored} orders pulled`);
    report({
      bench: 'intake',
      orders_per_s: Math.round(stored / seconds),
      n: stored,
      total_s: round2(seconds),
      needs_attention: orders.countAttention(),
    });
  } finally {
    db.close();
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`intake bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
