import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src-main/domain';
import { apiOrderSchema, capabilitiesOf, ErpError, type ErpConnector, type ErpWritebacks } from '../../../src-main/erp';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { createRestConnector } from '../../../src-main/erp/rest/rest-connector';
import { createTrytonConnector } from '../../../src-main/erp/tryton';

// Handovers (已揽收), delivery-status events and fees through the REST connector into the demo ERP, over loopback
// HTTP: each idempotent by key, each refused with a reason when it names a parcel the ERP never shipped.

let dir: string;
let erp: DemoErp;
let url: string;
let connector: ErpConnector & ErpWritebacks;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-writebacks-'));
  erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: 6 });
  ({ url } = await erp.listen(0));
  connector = createRestConnector({ baseUrl: url, timeoutMs: 5000 });
});

afterEach(async () => {
  await erp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ships the n-th pending order with `trackingNumber` and returns it. */
async function ship(n: number, trackingNumber: string): Promise<Order> {
  const { orders } = await connector.pullPending(null, 10);
  const order = orders[n]!;
  await connector.confirmShipment(
    {
      orderNo: order.orderNo,
      orderVersion: order.version,
      trackingNumber,
      carrier: 'DSX',
      shippedAt: '2026-11-27T08:00:00.000Z',
      lines: order.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
      stationId: 'bench-1',
    },
    `ship-${order.orderNo}`,
  );
  return order;
}

/** The order as the ERP's contract shows it (delivery status and fees included). */
async function erpView(orderNo: string) {
  const response = await fetch(`${url}/api/v1/orders/${encodeURIComponent(orderNo)}`);
  expect(response.status).toBe(200);
  return apiOrderSchema.parse(await response.json());
}

async function refusal(promise: Promise<unknown>): Promise<ErpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErpError);
  return error as ErpError;
}

const handover = (parcels: { orderNo: string; trackingNumber: string }[], handoverId = 'HO-1') => ({
  handoverId,
  carrier: 'DSX',
  handedOverAt: '2026-11-27T17:30:00.000+08:00',
  stationId: 'bench-1',
  parcels,
});

describe('ERP write-backs after the shipment', () => {
  it('declares its capabilities: the REST contract takes all three, Tryton none', () => {
    expect(capabilitiesOf(connector)).toEqual({ handover: true, trackingStatus: true, fees: true });
    const tryton = createTrytonConnector({ url: 'tryton://u:p@127.0.0.1:1/db' });
    expect(capabilitiesOf(tryton)).toEqual({ handover: false, trackingStatus: false, fees: false });
  });

  it('records a handover once per key, marks the parcels picked up, and replays a retry', async () => {
    const a = await ship(0, 'DS000000000101');
    const b = await ship(1, 'DS000000000102');
    const parcels = [
      { orderNo: a.orderNo, trackingNumber: 'DS000000000101' },
      { orderNo: b.orderNo, trackingNumber: 'DS000000000102' },
    ];
    expect(await connector.confirmHandover(handover(parcels), 'handover-HO-1')).toEqual({
      id: 'HO-1',
      replayed: false,
    });
    expect(await connector.confirmHandover(handover(parcels), 'handover-HO-1')).toEqual({
      id: 'HO-1',
      replayed: true,
    });
    expect((await erpView(a.orderNo)).deliveryStatus).toBe('picked-up');
    expect((await erpView(b.orderNo)).deliveryStatus).toBe('picked-up');

    // The same parcel in another handover is a conflict, naming the first one.
    const again = await refusal(connector.confirmHandover(handover(parcels.slice(0, 1), 'HO-2'), 'handover-HO-2'));
    expect(again.kind).toBe('conflict');
    expect(again.message).toMatch(/DS000000000101 was already handed over \(HO-1\)/);
  });

  it('refuses parcels the ERP never shipped, naming the parcel, and records nothing of the handover', async () => {
    const a = await ship(0, 'DS000000000201');
    const { orders } = await connector.pullPending(null, 10);
    const unshipped = orders[0]!;
    const error = await refusal(
      connector.confirmHandover(
        handover([
          { orderNo: a.orderNo, trackingNumber: 'DS000000000201' },
          { orderNo: unshipped.orderNo, trackingNumber: 'DS000000000299' },
        ]),
        'handover-mixed',
      ),
    );
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(`parcels[1]: order ${unshipped.orderNo} is pending, not shipped`);
    // All or nothing: the good parcel was not recorded either.
    expect((await erpView(a.orderNo)).deliveryStatus).toBeUndefined();

    const mismatch = await refusal(
      connector.confirmHandover(handover([{ orderNo: a.orderNo, trackingNumber: 'DS999' }]), 'handover-mismatch'),
    );
    expect(mismatch.kind).toBe('rejected');
    expect(mismatch.message).toMatch(/shipped with tracking number DS000000000201, not DS999/);
  });

  it('takes delivery-status events (latest wins) and fees, each once per key', async () => {
    const a = await ship(2, 'DS000000000301');
    const event = (status: 'in-transit' | 'delivered', at: string) => ({
      orderNo: a.orderNo,
      trackingNumber: 'DS000000000301',
      status,
      at,
    });
    await connector.reportTrackingStatus(event('delivered', '2026-11-29T10:00:00Z'), 'te-2');
    await connector.reportTrackingStatus(event('in-transit', '2026-11-28T10:00:00Z'), 'te-1');
    expect((await connector.reportTrackingStatus(event('in-transit', '2026-11-28T10:00:00Z'), 'te-1')).replayed).toBe(
      true,
    );
    expect((await erpView(a.orderNo)).deliveryStatus).toBe('delivered');

    const fee = {
      orderNo: a.orderNo,
      trackingNumber: 'DS000000000301',
      kind: 'freight' as const,
      amount: 12.5,
      currency: 'CNY',
      postedAt: '2026-11-27T18:00:00Z',
    };
    const first = await connector.postFee(fee, 'fee-1');
    expect(await connector.postFee(fee, 'fee-1')).toEqual({ id: first.id, replayed: true });
    expect((await erpView(a.orderNo)).fees).toEqual([
      { kind: 'freight', amount: 12.5, currency: 'CNY', trackingNumber: 'DS000000000301', postedAt: fee.postedAt },
    ]);

    // The same key with another body is refused; a currency that is not ISO 4217 is refused naming the field.
    expect((await refusal(connector.postFee({ ...fee, amount: 13 }, 'fee-1'))).message).toMatch(
      /Idempotency-Key was already used/,
    );
    const badCurrency = await refusal(connector.postFee({ ...fee, currency: 'rmb' }, 'fee-2'));
    expect(badCurrency.kind).toBe('rejected');
    expect(badCurrency.message).toMatch(/currency/);
  });
});
