// lookup: milliseconds to find an order by the number a packer scans, with 1,000,000 orders in the station's
// SQLite file. The rows are generated in one transaction with a recursive CTE; each lookup goes through the
// orders repository (primary-key read plus JSON parse of the stored order), as a scan does.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../src-main/demo';
import { createOrdersRepository, openStationDatabase } from '../src-main/store';
import { percentile, report, round2 } from './stats';

const ROWS = 1_000_000;
const WARMUP = 1_000;
const MEASURED = 20_000;
const FIRST = 1_000_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-lookup-'));
  const db = openStationDatabase(dir);
  try {
    const template = JSON.stringify({
      orderNo: '#NO#',
      status: 'pending',
      version: 1,
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
      receiver: {
        name: '张伟',
        phone: '13800138000',
        country: 'CN',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        address: '科技园南路 88 号 3 栋 1201',
        postcode: '518057',
      },
      sender: {
        name: 'Dockside 仓储',
        phone: '0571-88886666',
        country: 'CN',
        province: '浙江省',
        city: '杭州市',
        district: '余杭区',
        address: '文一西路 1500 号',
      },
      lines: [{ lineNo: 1, sku: 'SKU-0001', name: '无线鼠标', barcode: '6901234500011', quantity: 1 }],
      carrier: 'DSX',
      weightKg: 0.12,
      trackingNumber: null,
      shipments: [],
    });
    const start = performance.now();
    db.transaction(() => {
      db.prepare(
        // Numbers bound from JS arrive as REAL (SO-1000000.0): the counters are cast to INTEGER.
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS INTEGER) - 1)
         INSERT INTO orders (order_no, status, erp_version, payload, issues, pulled_at, updated_at, erp_created_at)
         SELECT 'SO-' || (CAST(? AS INTEGER) + i), 'pending', 1,
                replace(?, '#NO#', 'SO-' || (CAST(? AS INTEGER) + i)), '[]',
                '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z'
         FROM n`,
      ).run(ROWS, FIRST, template, FIRST);
    })();
    const fillS = (performance.now() - start) / 1000;
    const orders = createOrdersRepository(db);
    const random = mulberry32(42);
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + MEASURED; i++) {
      const orderNo = `SO-${FIRST + Math.floor(random() * ROWS)}`;
      const t0 = performance.now();
      const found = orders.get(orderNo);
      const elapsed = performance.now() - t0;
      if (!found || found.order.orderNo !== orderNo) throw new Error(`order ${orderNo} not found`);
      if (i >= WARMUP) samples.push(elapsed);
    }
    // A number that is not there costs the same index probe.
    if (orders.get('SO-0') !== null) throw new Error('phantom order');
    report({
      bench: 'lookup',
      p50_ms: Math.round(percentile(samples, 50) * 1000) / 1000,
      p99_ms: Math.round(percentile(samples, 99) * 1000) / 1000,
      n: samples.length,
      rows: ROWS,
      fill_s: round2(fillS),
    });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`lookup bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
