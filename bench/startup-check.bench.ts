// startup-check: what crash safety costs a station's start and its backups, with 100,000 orders in the file:
// taking the single-instance lock, opening the database with its `PRAGMA quick_check`, and a full backup through
// the backup API (checked copy). One JSON line each.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { acquireInstanceLock, createDatabaseBackups, openStationDatabase } from '../src-main/store';
import { percentile, report, round2 } from './stats';

const ROWS = 100_000;
const RUNS = 7;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-startup-'));
  try {
    const seed = openStationDatabase(dir);
    const payload = JSON.stringify({
      orderNo: '#',
      receiver: { name: '张伟', address: '科技园南路 88 号' },
      pad: 'x'.repeat(600),
    });
    seed.transaction(() => {
      seed
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS INTEGER) - 1)
           INSERT INTO orders (order_no, status, erp_version, payload, issues, pulled_at, updated_at, erp_created_at)
           SELECT 'SO-' || (1000000 + i), 'pending', 1, ?, '[]', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z',
                  '2026-03-01T08:00:00Z' FROM n`,
        )
        .run(ROWS, payload);
    })();
    seed.pragma('wal_checkpoint(TRUNCATE)');
    seed.close();

    const lockMs: number[] = [];
    const openMs: number[] = [];
    const backupMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t0 = performance.now();
      const lock = acquireInstanceLock(dir, 'bench');
      lockMs.push(performance.now() - t0);
      t0 = performance.now();
      const db = openStationDatabase(dir);
      openMs.push(performance.now() - t0);
      t0 = performance.now();
      const backup = await createDatabaseBackups(db, dir).backup(new Date(), path.join(dir, `b${run}.sqlite`));
      backupMs.push(performance.now() - t0);
      rmSync(backup.file);
      db.close();
      lock.release();
    }
    const line = (name: string, samples: number[]) =>
      report({
        bench: `startup-check:${name}`,
        p50_ms: round2(percentile(samples, 50)),
        p99_ms: round2(percentile(samples, 99)),
        n: samples.length,
        rows: ROWS,
      });
    line('lock', lockMs);
    line('open-with-quick-check', openMs);
    line('backup', backupMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`startup-check bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
