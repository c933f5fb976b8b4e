import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { runStation, type StationRun } from '../../helpers/crash-harness';
import { seededRandom } from '../../helpers/fault-proxy';

// Four station processes, each with its own data directory and printer, pull the same orders from one demo ERP
// and ship them all at the same time, each in its own shuffled order. Claims decide who packs what: every order
// ships exactly once and only one station ever prints its label.

const STATIONS = 4;
const ORDERS = 8;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-four-'));
const erpFile = path.join(tmp, 'erp', 'demo-erp.sqlite');
let erp: DemoErp;
let erpUrl: string;

beforeAll(async () => {
  mkdirSync(path.dirname(erpFile), { recursive: true });
  erp = createDemoErp({ dbPath: erpFile, orders: ORDERS + 4, seed: 11 });
  erpUrl = (await erp.listen(0)).url;
});
afterAll(async () => {
  await erp.close();
  rmSync(tmp, { recursive: true, force: true });
});

const station = (i: number) => ({ data: path.join(tmp, `station-${i}`), labels: path.join(tmp, `labels-${i}`) });

describe('four stations, one ERP, the same orders', () => {
  it('ships each order once and prints it at one station only', async () => {
    for (let i = 0; i < STATIONS; i++) {
      const pulled = await runStation(['sync', '--erp', erpUrl, '--data', station(i).data]);
      expect(pulled.code, pulled.stderr).toBe(0);
    }
    const page = (await (await fetch(`${erpUrl}/api/v1/orders?status=pending&limit=200`)).json()) as {
      orders: { orderNo: string }[];
    };
    const orders = page.orders.map((o) => o.orderNo).slice(0, ORDERS);
    const random = seededRandom(7);

    const runs: { station: number; orderNo: string; run: StationRun }[] = [];
    await Promise.all(
      Array.from({ length: STATIONS }, async (_, i) => {
        const mine = [...orders].sort(() => random() - 0.5);
        for (const orderNo of mine) {
          const run = await runStation([
            'ship',
            orderNo,
            '--erp',
            erpUrl,
            '--data',
            station(i).data,
            '--printer',
            `file:${station(i).labels}`,
          ]);
          runs.push({ station: i, orderNo, run });
        }
      }),
    );

    // Every run either shipped, found it shipped, or was told another station is packing it.
    for (const { run } of runs) {
      const ok = run.code === 0 && /shipped: tracking number|already shipped with tracking number/.test(run.stdout);
      const claimed = run.code === 1 && /is being packed at station/.test(run.stderr);
      expect(ok || claimed, `${run.args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(true);
    }

    for (let i = 0; i < STATIONS; i++) {
      const drained = await runStation(['sync', '--erp', erpUrl, '--data', station(i).data, '--json']);
      expect(drained.code, drained.stderr).toBe(0);
      expect(JSON.parse(drained.stdout)).toMatchObject({ depth: 0, conflict: 0, rejected: 0 });
    }

    const db = new Database(erpFile, { readonly: true });
    const shipments = db.prepare('SELECT order_no AS orderNo, tracking_number AS tracking FROM shipments').all() as {
      orderNo: string;
      tracking: string;
    }[];
    db.close();
    expect(shipments.map((s) => s.orderNo).sort()).toEqual([...orders].sort());

    const printedAt = new Map<string, number[]>();
    for (let i = 0; i < STATIONS; i++) {
      let files: string[] = [];
      try {
        files = readdirSync(station(i).labels).filter((f) => f.endsWith('.pdf'));
      } catch {
        // This station printed nothing: every order it tried was another's.
      }
      for (const file of files) {
        const [, orderNo, tracking] = /^(.+)_(DS\d+)\.pdf$/.exec(file)!;
        expect(shipments.find((s) => s.orderNo === orderNo)?.tracking).toBe(tracking);
        printedAt.set(orderNo!, [...(printedAt.get(orderNo!) ?? []), i]);
      }
    }
    for (const orderNo of orders) expect(printedAt.get(orderNo), orderNo).toHaveLength(1);
  }, 240_000);
});
