import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErpError, type ErpConnector, type ShipmentReceipt } from '../../../src-main/erp';
import { createOutbox, openStationDatabase, type Outbox } from '../../../src-main/store';
import { createOutboxUploader } from '../../../src-main/sync';

let dir: string;
let db: Database.Database;
let outbox: Outbox;
const clock = () => new Date('2026-11-27T08:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-uploader-'));
  db = openStationDatabase(dir);
  outbox = createOutbox({ db, clock });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A connector whose answer to each order's confirmation the test chooses. */
function connectorAnswering(answers: Record<string, ErpError | 'ok'>): ErpConnector & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'test',
    calls,
    pullPending: () => Promise.resolve({ orders: [], nextCursor: null }),
    getOrder: () => Promise.resolve(null),
    claim: () => Promise.resolve(),
    confirmShipment(request) {
      calls.push(request.orderNo);
      const answer = answers[request.orderNo];
      if (answer instanceof ErpError) return Promise.reject(answer);
      return Promise.resolve({ shipmentId: `S-${request.orderNo}`, replayed: false } as unknown as ShipmentReceipt);
    },
  };
}

const queue = (orderNo: string) =>
  outbox.add({
    idempotencyKey: `key-${orderNo}`,
    aggregate: orderNo,
    kind: 'shipment.confirm',
    payload: { orderNo, trackingNumber: `T-${orderNo}` },
  });

describe('outbox uploader', () => {
  it('reports each permanent refusal with its order and reason, parks it, and goes on with the others', async () => {
    for (const orderNo of ['SO-1', 'SO-2', 'SO-3']) queue(orderNo);
    const connector = connectorAnswering({
      'SO-1': new ErpError('conflict', 'order SO-1 is already shipped (DS123)', 409),
      'SO-2': new ErpError('rejected', 'line 2: unknown SKU', 422),
      'SO-3': 'ok',
    });
    const uploader = createOutboxUploader({ outbox, connector, clock, random: () => 0.5 });
    const result = await uploader.drain({ force: true });
    expect(result.refused).toEqual([
      { aggregate: 'SO-1', state: 'conflict', reason: 'order SO-1 is already shipped (DS123)' },
      { aggregate: 'SO-2', state: 'rejected', reason: 'line 2: unknown SKU' },
    ]);
    expect(result).toMatchObject({ uploaded: 1, remaining: 0, stoppedBy: null });
    expect(outbox.stats()).toMatchObject({ depth: 0, conflict: 1, rejected: 1 });
  });

  it('stops at an unreachable ERP without refusing anything, keeping every item queued', async () => {
    for (const orderNo of ['SO-1', 'SO-2']) queue(orderNo);
    const connector = connectorAnswering({
      'SO-1': new ErpError('network', 'connect ECONNREFUSED 127.0.0.1:9'),
      'SO-2': 'ok',
    });
    // One at a time, so that nothing else is in flight when the ERP turns out to be away.
    const result = await createOutboxUploader({ outbox, connector, clock, random: () => 0.5, concurrency: 1 }).drain({
      force: true,
    });
    expect(result.refused).toEqual([]);
    expect(result).toMatchObject({ uploaded: 0, remaining: 2, stoppedKind: 'network' });
    expect(connector.calls).toEqual(['SO-1']);
  });
});
