import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/net';
import { runCli, startCliServer, type CliServer } from '../../helpers/cli';

// An order the ERP cancels while its shipment still waits in the station's outbox (the packer shipped it offline):
// the write-back becomes a visible conflict task naming the cancellation, never a dropped item and never a second
// shipment.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-cancel-after-ship-'));
const erpData = path.join(tmp, 'erp');
const station = path.join(tmp, 'station');
let erp: CliServer;
let erpUrl: string;

beforeAll(async () => {
  erp = await startCliServer(['demo-erp', '--port', '0', '--data', erpData], /http:\/\/127\.0\.0\.1:(\d+)/);
  erpUrl = `http://127.0.0.1:${erp.match[1]!}`;
});
afterAll(async () => {
  await erp.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a cancellation discovered after shipping', () => {
  it('parks the shipment as a conflict naming the cancellation, and the ERP ships nothing', async () => {
    expect((await runCli(['sync', '--erp', erpUrl, '--data', station])).code).toBe(0);
    const offline = `http://127.0.0.1:${await closedPort()}`;
    const shipped = await runCli([
      'ship',
      'SO-100004',
      '--erp',
      offline,
      '--data',
      station,
      '--printer',
      `file:${path.join(tmp, 'labels')}`,
      '--json',
    ]);
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ uploaded: false, outboxDepth: 1 });

    // Meanwhile someone cancels the order in the ERP (its own database; the demo ERP has no cancel endpoint).
    const erpDb = new Database(path.join(erpData, 'demo-erp.sqlite'));
    erpDb.prepare("UPDATE orders SET status = 'cancelled', version = version + 1 WHERE order_no = 'SO-100004'").run();
    erpDb.close();

    const sync = await runCli(['sync', '--erp', erpUrl, '--data', station]);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/SO-100004: refused by the ERP \(conflict\): .*order SO-100004 is cancelled/);
    expect(sync.stdout).toMatch(/0 rejected and 1 conflict items wait for a supervisor/);

    const status = await runCli(['status', '--data', station, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ outbox: { depth: 0, conflict: 1 } });
    const order = (await (await fetch(`${erpUrl}/api/v1/orders/SO-100004`)).json()) as {
      status: string;
      shipments: unknown[];
    };
    expect(order).toMatchObject({ status: 'cancelled', shipments: [] });
  });
});
