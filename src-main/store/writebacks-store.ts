import type Database from 'better-sqlite3';
import type { Outbox } from './outbox';
import { toLocalShipment, type LocalShipment, type LocalShipmentRow } from './shipping-store';

/** A parcel handed to the courier at this station. */
export interface HandedOverParcel {
  handoverId: string;
  carrier: string;
  orderNo: string;
  trackingNumber: string;
  handedOverAt: string;
  /** True when an outbox item tells the ERP (false when the ERP cannot take handovers). */
  queued: boolean;
}

/** What happens to parcels after they ship: handovers, delivery-status events and fees, each with its write-back. */
export interface WritebacksStore {
  /** The shipment recorded here with this tracking number, or null. */
  findShipmentByTracking(trackingNumber: string): LocalShipment | null;
  /** The shipment recorded here for this order number (one parcel per order), or null. */
  findShipmentByOrder(orderNo: string): LocalShipment | null;
  /** The handover that already holds this parcel, or null. */
  handoverOf(trackingNumber: string): HandedOverParcel | null;
  /**
   * Records one handover: every parcel, and (when `queue` is set) one outbox item per parcel, in one transaction.
   * @throws when a parcel was handed over before (nothing of this handover is then recorded)
   */
  recordHandover(handover: {
    handoverId: string;
    carrier: string;
    handedOverAt: string;
    stationId: string;
    parcels: { orderNo: string; trackingNumber: string }[];
    queue: boolean;
  }): void;
  /** Queues a write-back about one parcel (delivery status, fee); its key makes a repeat a no-op. */
  queue(item: { idempotencyKey: string; orderNo: string; kind: 'tracking.report' | 'fee.post'; payload: unknown }): {
    queued: boolean;
  };
  /** Parcels handed over since `since` (ISO), newest first. */
  handoversSince(since: string, limit: number): HandedOverParcel[];
}

interface HandoverRow {
  handover_id: string;
  carrier: string;
  order_no: string;
  tracking_number: string;
  handed_over_at: string;
  queued: number;
}

const toParcel = (row: HandoverRow): HandedOverParcel => ({
  handoverId: row.handover_id,
  carrier: row.carrier,
  orderNo: row.order_no,
  trackingNumber: row.tracking_number,
  handedOverAt: row.handed_over_at,
  queued: row.queued === 1,
});

/** Creates the write-backs store over the station database and its outbox. */
export function createWritebacksStore({ db, outbox }: { db: Database.Database; outbox: Outbox }): WritebacksStore {
  const byTracking = db.prepare<[string], LocalShipmentRow>(
    'SELECT id, order_no, tracking_number, carrier, created_at FROM shipments WHERE tracking_number = ?',
  );
  const byOrder = db.prepare<[string], LocalShipmentRow>(
    'SELECT id, order_no, tracking_number, carrier, created_at FROM shipments WHERE order_no = ?',
  );
  const handoverOf = db.prepare<[string], HandoverRow>('SELECT * FROM handovers WHERE tracking_number = ?');
  const insertHandover = db.prepare(
    `INSERT INTO handovers (handover_id, carrier, order_no, tracking_number, handed_over_at, queued)
     VALUES (@handoverId, @carrier, @orderNo, @trackingNumber, @handedOverAt, @queued)`,
  );
  const since = db.prepare<[string, number], HandoverRow>(
    'SELECT * FROM handovers WHERE handed_over_at >= ? ORDER BY handed_over_at DESC, id DESC LIMIT ?',
  );

  const recordHandover = db.transaction((handover: Parameters<WritebacksStore['recordHandover']>[0]) => {
    for (const parcel of handover.parcels) {
      const earlier = handoverOf.get(parcel.trackingNumber);
      if (earlier) {
        throw new Error(`parcel ${parcel.trackingNumber} was already handed over (${earlier.handover_id})`);
      }
      insertHandover.run({
        ...parcel,
        handoverId: handover.handoverId,
        carrier: handover.carrier,
        handedOverAt: handover.handedOverAt,
        queued: handover.queue ? 1 : 0,
      });
      if (handover.queue) {
        // One item per parcel, keyed by its tracking number and queued behind that order's shipment: the ERP
        // always learns of the shipment before the pickup.
        outbox.add({
          idempotencyKey: `handover:${parcel.trackingNumber}`,
          aggregate: parcel.orderNo,
          kind: 'handover.confirm',
          payload: {
            handoverId: handover.handoverId,
            carrier: handover.carrier,
            handedOverAt: handover.handedOverAt,
            stationId: handover.stationId,
            parcels: [parcel],
          },
        });
      }
    }
  });

  const queue = db.transaction((item: Parameters<WritebacksStore['queue']>[0]) => {
    if (outbox.hasKey(item.idempotencyKey)) return { queued: false };
    outbox.add({
      idempotencyKey: item.idempotencyKey,
      aggregate: item.orderNo,
      kind: item.kind,
      payload: item.payload,
    });
    return { queued: true };
  });

  return {
    findShipmentByTracking(trackingNumber) {
      const row = byTracking.get(trackingNumber);
      return row ? toLocalShipment(row) : null;
    },
    findShipmentByOrder(orderNo) {
      const row = byOrder.get(orderNo);
      return row ? toLocalShipment(row) : null;
    },
    handoverOf(trackingNumber) {
      const row = handoverOf.get(trackingNumber);
      return row ? toParcel(row) : null;
    },
    recordHandover: (handover) => recordHandover.immediate(handover),
    queue: (item) => queue.immediate(item),
    handoversSince: (from, limit) => since.all(from, limit).map(toParcel),
  };
}
