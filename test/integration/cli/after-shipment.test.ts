import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/net';
import { runCli, shipWithCli, startCliServer, type CliServer } from '../../helpers/cli';

// After the shipment, through the real CLI against the demo ERP on loopback: the courier handover (已揽收), a
// delivery status and the freight fee reach the ERP through the outbox, each once, in order behind the shipment.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-after-ship-'));
const erpData = path.join(tmp, 'erp');
const station = path.join(tmp, 'station');
let erp: CliServer;
let erpUrl: string;

const startErp = async (port: string) => {
  erp = await startCliServer(['demo-erp', '--port', port, '--data', erpData], /http:\/\/127\.0\.0\.1:(\d+)/);
  erpUrl = `http://127.0.0.1:${erp.match[1]!}`;
};

const erpOrder = async (orderNo: string) => {
  const response = await fetch(`${erpUrl}/api/v1/orders/${orderNo}`);
  return (await response.json()) as { deliveryStatus?: string; fees?: { kind: string; amount: number }[] };
};

const cli = (args: string[], erpAt = erpUrl) => runCli([...args, '--erp', erpAt, '--data', station]);

const ship = (orderNo: string): Promise<string> =>
  shipWithCli(orderNo, { erp: erpUrl, data: station, labels: path.join(tmp, 'labels') });

beforeAll(async () => {
  await startErp('0');
});
afterAll(async () => {
  await erp.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('dockside handover, tracking and fee', () => {
  it('hands a shipped parcel to the courier once, then reports delivery and the freight fee', async () => {
    const tracking = await ship('SO-100001');
    const handover = await cli(['handover', tracking, '--json']);
    expect(handover.code, handover.stderr).toBe(0);
    expect(JSON.parse(handover.stdout)).toMatchObject({ parcels: 1, toErp: true, uploaded: true });
    expect((await erpOrder('SO-100001')).deliveryStatus).toBe('picked-up');

    // The same parcel again is refused by the station itself, naming the first handover.
    const again = await cli(['handover', tracking]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^dockside: ${tracking} was already handed over to \\S+ at .* \\(HO-`));

    const delivered = await cli(['tracking', tracking, '已签收', '--json']);
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(JSON.parse(delivered.stdout)).toMatchObject({ status: 'delivered', queued: true, uploaded: true });
    expect((await erpOrder('SO-100001')).deliveryStatus).toBe('delivered');

    const fee = await cli(['fee', tracking, '12.50']);
    expect(fee.code, fee.stderr).toBe(0);
    expect((await erpOrder('SO-100001')).fees).toEqual([expect.objectContaining({ kind: 'freight', amount: 12.5 })]);
    const feeAgain = await cli(['fee', tracking, '12.50']);
    expect(feeAgain.code).toBe(1);
    expect(feeAgain.stderr).toMatch(/freight fee of .* was already posted/);
  });

  it('refuses what it cannot record, naming it: unknown parcels, statuses, amounts', async () => {
    const unknown = await cli(['handover', 'DS000NOTOURS']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('dockside: DS000NOTOURS is not a parcel shipped at this station');

    const tracking = await ship('SO-100002');
    const badStatus = await cli(['tracking', tracking, 'lost-in-space']);
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toMatch(/delivery status "lost-in-space" is not known; use one of pending \(待发货\)/);

    const badAmount = await cli(['fee', tracking, '12,50']);
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toMatch(/fee amount "12,50" must be a number such as 12.50/);
    // Nothing of the refused calls reached the ERP.
    expect((await erpOrder('SO-100002')).deliveryStatus).toBeUndefined();
  });

  it('queues a handover while the ERP is down and delivers it exactly once by the next sync', async () => {
    const tracking = await ship('SO-100003');
    const offline = await cli(['handover', tracking, '--json'], `http://127.0.0.1:${await closedPort()}`);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ toErp: true, uploaded: false, depth: 1 });
    expect((await erpOrder('SO-100003')).deliveryStatus).toBeUndefined();

    const sync = await cli(['sync', '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    expect((await erpOrder('SO-100003')).deliveryStatus).toBe('picked-up');
    const status = await runCli(['status', '--data', station, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ outbox: { depth: 0 } });
  });
});
