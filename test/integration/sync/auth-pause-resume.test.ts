import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../../src-main/contract';
import { createStation, type Station } from '../../../src-main/compose';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { signRequest } from '../../../src-main/erp/rest';

// Done when: "An authentication failure (401 and 403) pauses the queue and shows it; fixing the credentials
// resumes it with nothing lost." End to end: the demo ERP with a secret on loopback, real stations on SQLite files,
// packing through the station's services, and the queue status the UI shows read through the contract handlers
// and the `queue:changed` events the UI listens to.

const SECRET = 'demo-secret-0123456789';
let dir: string;
let erp: DemoErp;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-auth-pause-'));
  erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: 6, secret: SECRET });
  ({ url } = await erp.listen(0));
});
afterAll(async () => {
  await erp.close();
  rmSync(dir, { recursive: true, force: true });
});

const openWith = (secret: string) =>
  createStation({
    dataDir: path.join(dir, 'station'),
    erpUrl: url,
    erpSigning: { keyId: 'dockside', secret },
    printer: `file:${path.join(dir, 'labels')}`,
  });

async function erpOrder(orderNo: string): Promise<{ status: string; shipments: unknown[] }> {
  const target = `/api/v1/orders/${orderNo}`;
  const response = await fetch(url + target, {
    headers: signRequest({ keyId: 'dockside', secret: SECRET }, { method: 'GET', target }),
  });
  return (await response.json()) as { status: string; shipments: unknown[] };
}

/** Packs one order completely through the station's pack service, the way the packer's scans do. */
async function pack(station: Station, orderNo: string): Promise<string> {
  let state = await station.pack.scan(orderNo);
  expect(state.error, state.error?.message).toBeNull();
  for (const line of state.order!.lines) {
    for (let unit = line.scanned; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
  }
  expect(state.phase).toBe('printed');
  const tracking = state.label!.trackingNumber;
  state = await station.pack.confirm();
  expect(state.error, state.error?.message).toBeNull();
  return tracking;
}

const status = (station: Station) => station.api.handlers['queue:status']({});

describe('an authentication failure pauses the queue; fixing it resumes with nothing lost', () => {
  it('401: a wrong secret pauses and shows it; the right secret drains every shipment exactly once', async () => {
    const setup = await openWith(SECRET);
    expect((await setup.sync.syncNow()).error).toBeNull();
    await setup.close();

    const wrong = await openWith('not-the-secret');
    const seen: QueueStatus[] = [];
    wrong.api.events.on('queue:changed', (s) => seen.push(s));
    await pack(wrong, 'SO-100001');
    await pack(wrong, 'SO-100002');
    const sync = await wrong.api.handlers['sync:now']({});
    expect(sync).toMatchObject({ uploaded: 0, depth: 2 });
    const paused = await status(wrong);
    expect(paused).toMatchObject({ paused: true, online: false, depth: 2, rejected: 0, conflict: 0 });
    expect(paused.lastError).toMatch(/refused the station's credentials.*401.*bad-signature.*paused/s);
    // The UI learnt it from the event, too.
    expect(seen.at(-1)).toMatchObject({ paused: true, depth: 2 });
    // The background drain does not hammer the ERP while paused, and nothing was dropped or parked.
    expect((await wrong.sync.drain(false)).error).toMatch(/paused/);
    const pending = await wrong.api.handlers['queue:list']({ state: 'pending' });
    expect(pending.items.map((i) => i.orderNo)).toEqual(['SO-100001', 'SO-100002']);
    expect(pending.counts).toMatchObject({ pending: 2, rejected: 0, conflict: 0, discarded: 0, acked: 0 });
    const keys = pending.items.map((i) => i.idempotencyKey);
    await wrong.close();
    expect((await erpOrder('SO-100001')).shipments).toHaveLength(0);

    const fixed = await openWith(SECRET);
    const result = await fixed.api.handlers['sync:now']({});
    expect(result).toMatchObject({ uploaded: 2, depth: 0 });
    expect(await status(fixed)).toMatchObject({ paused: false, online: true, depth: 0, lastError: null });
    const acked = await fixed.api.handlers['queue:list']({ state: 'acked' });
    expect(acked.items.map((i) => i.idempotencyKey).sort()).toEqual([...keys].sort());
    for (const orderNo of ['SO-100001', 'SO-100002']) {
      expect(await erpOrder(orderNo)).toMatchObject({ status: 'shipped', shipments: [expect.anything()] });
    }
    await fixed.close();
  });

  it('403: a revoked permission pauses and shows it; granting it back resumes with nothing lost', async () => {
    const station = await openWith(SECRET);
    try {
      await station.sync.syncNow();
      erp.forbid(true);
      await pack(station, 'SO-100003');
      await station.api.handlers['sync:now']({});
      const paused = await status(station);
      expect(paused).toMatchObject({ paused: true, depth: 1 });
      expect(paused.lastError).toMatch(/403.*permission revoked/);
      expect((await station.api.handlers['queue:list']({ state: 'pending' })).items).toHaveLength(1);

      erp.forbid(false);
      expect(await station.api.handlers['sync:now']({})).toMatchObject({ uploaded: 1, depth: 0 });
      expect(await status(station)).toMatchObject({ paused: false, depth: 0 });
      expect(await erpOrder('SO-100003')).toMatchObject({ status: 'shipped', shipments: [expect.anything()] });
    } finally {
      erp.forbid(false);
      await station.close();
    }
  });
});
