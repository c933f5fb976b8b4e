// outbox: seconds to drain 10,000 queued shipment confirmations into the demo ERP over HTTP on loopback (target
// under 10 s), and the enqueue overhead per shipment: the outbox insert inside the shipment's transaction (target
// under 0.5 ms), with the whole own-transaction cost (including the synchronous=FULL commit) alongside.
// The demo ERP runs in a process of its own, as an ERP does: in the station's process its request handling would
// share one thread with the uploader and the bench would measure both.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDemoErp } from '../src-main/demo';
import { createRestConnector } from '../src-main/erp/rest';
import { createOutbox, openStationDatabase } from '../src-main/store';
import { createOutboxUploader } from '../src-main/sync';
import { percentile, report, round2 } from './stats';

const ITEMS = 10_000;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const ENQUEUE_SAMPLES = 2_000;

/** In the child: the demo ERP, its URL on stdout, until the parent ends it. */
async function serveErp(dbPath: string): Promise<void> {
  const erp = createDemoErp({ dbPath, orders: Math.ceil(ITEMS * 1.1), seed: 11 });
  const { url } = await erp.listen(0);
  process.stdout.write(`${url}\n`);
  process.on('SIGTERM', () => void erp.close().then(() => process.exit(0)));
}

/** Starts this bench file again as the demo ERP's process; resolves with its URL. */
function startErpProcess(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!], {
      env: { ...process.env, DOCKSIDE_BENCH_ERP_DB: dbPath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
      if (line) resolve({ url: line[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`the demo ERP process ended (${code}) before it listened`)));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-outbox-'));
  const { url, child: erp } = await startErpProcess(path.join(dir, 'erp.sqlite'));
  const db = openStationDatabase(path.join(dir, 'station'));
  try {
    const clock = () => new Date();
    const outbox = createOutbox({ db, clock });
    const connector = createRestConnector({ baseUrl: url });
    const orderNos: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page = await connector.pullPending(cursor, 200);
      orderNos.push(...page.orders.map((o) => o.orderNo));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    if (orderNos.length < ITEMS) throw new Error(`only ${orderNos.length} orders seeded`);
    const payload = (orderNo: string, i: number) => ({
      orderNo,
      trackingNumber: `DS${String(i).padStart(11, '0')}0`,
      carrier: 'DSX',
      shippedAt: new Date().toISOString(),
      lines: [],
      stationId: 'bench',
    });

    // Enqueue overhead inside a shipment's transaction: the extra insert only (the commit happens anyway).
    const inTx: number[] = [];
    const ownTx: number[] = [];
    const marker = db.prepare(
      "INSERT INTO settings (key, value) VALUES ('bench.marker', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    for (let i = 0; i < ENQUEUE_SAMPLES; i++) {
      db.transaction(() => {
        marker.run(String(i));
        const start = performance.now();
        outbox.add({
          idempotencyKey: `warm-${i}`,
          aggregate: `W-${i}`,
          kind: 'shipment.confirm',
          payload: payload(`W-${i}`, i),
        });
        inTx.push(performance.now() - start);
      })();
      const start = performance.now();
      db.transaction(() => {
        marker.run(String(i));
        outbox.add({
          idempotencyKey: `own-${i}`,
          aggregate: `O-${i}`,
          kind: 'shipment.confirm',
          payload: payload(`O-${i}`, i),
        });
      })();
      ownTx.push(performance.now() - start);
    }
    db.exec('DELETE FROM outbox');

    db.transaction(() => {
      orderNos.slice(0, ITEMS).forEach((orderNo, i) =>
        outbox.add({
          idempotencyKey: `bench-${i}`,
          aggregate: orderNo,
          kind: 'shipment.confirm',
          payload: payload(orderNo, i),
        }),
      );
    })();
    const uploader = createOutboxUploader({ outbox, connector, clock, random: Math.random });
    const start = performance.now();
    const result = await uploader.drain({ force: true });
    const drainS = (performance.now() - start) / 1000;
    if (result.uploaded !== ITEMS || result.remaining !== 0)
      throw new Error(`drain uploaded ${result.uploaded}, ${result.remaining} left: ${result.stoppedBy ?? ''}`);
    report({
      name: 'outbox',
      drain_10k_s: round2(drainS),
      items_per_s: Math.round(ITEMS / drainS),
      enqueue_ms: round3(percentile(inTx, 50)),
      enqueue_p99_ms: round3(percentile(inTx, 99)),
      enqueue_commit_p50_ms: round2(percentile(ownTx, 50)),
      n: ITEMS,
    });
  } finally {
    db.close();
    await new Promise((resolve) => {
      erp.once('exit', resolve);
      erp.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

const erpDb = process.env.DOCKSIDE_BENCH_ERP_DB;
(erpDb ? serveErp(erpDb) : main()).catch((error: unknown) => {
  process.stderr.write(`outbox bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
