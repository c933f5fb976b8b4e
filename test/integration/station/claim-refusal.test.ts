import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { createRestConnector } from '../../../src-main/erp/rest/rest-connector';
import { createClaimService, StationError } from '../../../src-main/station';
import { createClaimsRepository, openStationDatabase } from '../../../src-main/store';
import { createConnectivity } from '../../../src-main/sync';

// The race a claim can lose: between this station reading an order as pending and claiming it, another station
// ships it. The packer must hear "already shipped" with the number it went with, as for any repeat scan.

let dir: string;
let erp: DemoErp;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-claim-refusal-'));
  erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: 3 });
  db = openStationDatabase(path.join(dir, 'station'));
});
afterEach(async () => {
  db.close();
  await erp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a claim refused because the order shipped meanwhile', () => {
  it('names the tracking number the other station shipped it with', async () => {
    const { url } = await erp.listen(0);
    const connector = createRestConnector({ baseUrl: url, timeoutMs: 5000 });
    const [order] = (await connector.pullPending(null, 1)).orders;
    await connector.confirmShipment(
      {
        orderNo: order!.orderNo,
        orderVersion: order!.version,
        trackingNumber: 'DS000000000777',
        carrier: 'DSX',
        shippedAt: new Date().toISOString(),
        lines: order!.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
        stationId: 'station-a',
      },
      'ship-by-a',
    );

    const claims = createClaimService({
      connector,
      claims: createClaimsRepository(db),
      connectivity: createConnectivity(),
      stationId: 'station-b',
      clock: () => new Date(),
    });
    const refusal = await claims.claim(order!.orderNo).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(StationError);
    expect(refusal).toMatchObject({
      code: 'order-already-shipped',
      params: { orderNo: order!.orderNo, trackingNumber: 'DS000000000777' },
      message: `order ${order!.orderNo} is already shipped with tracking number DS000000000777 (at another station)`,
    });
  });
});
