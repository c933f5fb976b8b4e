import { DELIVERY_STATUS_NAMES, toDeliveryStatus, type DeliveryStatus } from '../domain';
import type { ErpCapabilities } from '../erp';
import type { HandedOverParcel, WritebacksStore } from '../store';
import { StationError } from './station-error';

/** Outcome of one handover. */
export interface HandoverResult {
  handoverId: string;
  carrier: string;
  parcels: number;
  /** False when the ERP cannot take handovers: recorded at the station only. */
  toErp: boolean;
}

/** What happens to parcels after they ship: handed to the courier, delivery status, fees. */
export interface WritebacksService {
  /**
   * Hands parcels to the courier (已揽收). Every tracking number must be a parcel shipped here, of the courier
   * named (or of one courier, when none is named), and not handed over before; otherwise nothing is recorded.
   */
  handover(input: { carrier?: string | undefined; trackingNumbers: string[] }): HandoverResult;
  /**
   * Checks one scanned parcel before the handover: shipped here and not handed over yet. A packer often scans the
   * order number on the packing slip instead of the waybill; since an order ships as one parcel here, its order
   * number names that parcel just as well, and the answer says it was matched by order number.
   */
  checkParcel(code: string): {
    trackingNumber: string;
    orderNo: string;
    carrier: string;
    matchedBy: 'tracking' | 'order';
  };
  /**
   * Queues a delivery status for the ERP (any spelling the status table knows: 已签收, delivered, KDNiao 3 …); the
   * same status at the same time again is queued once. Refused when the ERP cannot take statuses.
   */
  reportStatus(input: {
    trackingNumber: string;
    status: string;
    at?: string | undefined;
    detail?: string | undefined;
  }): {
    status: DeliveryStatus;
    queued: boolean;
  };
  /** Queues a fee of one parcel for the ERP's freight reconciliation. Refused when the ERP cannot take fees. */
  postFee(input: {
    trackingNumber: string;
    amount: number;
    currency?: string | undefined;
    kind?: 'freight' | 'insurance' | 'surcharge' | undefined;
  }): { queued: boolean };
  /** Parcels handed over since `since` (ISO; default the last 24 hours), newest first. */
  handoversSince(since?: string | undefined, limit?: number): HandedOverParcel[];
}

/** Creates the service; `capabilities` are the ERP connector's, so nothing it cannot take is queued. */
export function createWritebacksService({
  store,
  capabilities,
  stationId,
  clock,
  newId,
  onQueued,
}: {
  store: WritebacksStore;
  capabilities: ErpCapabilities;
  stationId: string;
  clock: () => Date;
  newId: () => string;
  /** Told after anything was queued for the ERP (to refresh queue status, start a drain). */
  onQueued?: (() => void) | undefined;
}): WritebacksService {
  const unknownParcel = (trackingNumber: string) =>
    new StationError('parcel-unknown', `${trackingNumber} is not a parcel shipped at this station`, {
      trackingNumber,
    });
  const shipped = (trackingNumber: string) => {
    const shipment = store.findShipmentByTracking(trackingNumber.trim());
    if (!shipment) throw unknownParcel(trackingNumber.trim());
    return shipment;
  };
  const timestamp = (at: string | undefined, what: string): string => {
    if (at === undefined) return clock().toISOString();
    const parsed = new Date(at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(parsed.getTime()))
      throw new StationError(
        'date-invalid',
        `${what} "${at}" is not an ISO date-time such as 2026-11-27T17:30:00+08:00`,
        { value: at },
      );
    return parsed.toISOString();
  };

  const notHandedOver = (trackingNumber: string): void => {
    const earlier = store.handoverOf(trackingNumber);
    if (earlier) {
      throw new StationError(
        'parcel-handed-over',
        `${trackingNumber} was already handed over to ${earlier.carrier} at ${earlier.handedOverAt} (${earlier.handoverId})`,
        { trackingNumber, carrier: earlier.carrier, at: earlier.handedOverAt, handoverId: earlier.handoverId },
      );
    }
  };

  return {
    checkParcel(code) {
      const scanned = code.trim();
      const byTracking = store.findShipmentByTracking(scanned);
      // Order numbers are upper case; a scanner in the wrong keyboard mode may send them lower case.
      const shipment =
        byTracking ?? store.findShipmentByOrder(scanned) ?? store.findShipmentByOrder(scanned.toUpperCase());
      if (!shipment) throw unknownParcel(scanned);
      notHandedOver(shipment.trackingNumber);
      return {
        trackingNumber: shipment.trackingNumber,
        orderNo: shipment.orderNo,
        carrier: shipment.carrier,
        matchedBy: byTracking ? 'tracking' : 'order',
      };
    },

    handover({ carrier, trackingNumbers }) {
      const unique = [...new Set(trackingNumbers.map((t) => t.trim()).filter((t) => t !== ''))];
      if (unique.length === 0)
        throw new StationError('handover-empty', 'a handover needs at least one tracking number');
      const parcels = unique.map((trackingNumber) => {
        const shipment = shipped(trackingNumber);
        notHandedOver(trackingNumber);
        return shipment;
      });
      const courier = carrier?.trim() || parcels[0]!.carrier;
      const foreign = parcels.find((p) => p.carrier !== courier);
      if (foreign) {
        throw new StationError(
          'parcel-other-carrier',
          `${foreign.trackingNumber} ships with ${foreign.carrier}, not ${courier}: hand over one courier's parcels at a time`,
          { trackingNumber: foreign.trackingNumber, carrier: foreign.carrier, expected: courier },
        );
      }
      const handoverId = `HO-${newId()}`;
      store.recordHandover({
        handoverId,
        carrier: courier,
        handedOverAt: clock().toISOString(),
        stationId,
        parcels: parcels.map((p) => ({ orderNo: p.orderNo, trackingNumber: p.trackingNumber })),
        queue: capabilities.handover,
      });
      if (capabilities.handover) onQueued?.();
      return { handoverId, carrier: courier, parcels: parcels.length, toErp: capabilities.handover };
    },

    reportStatus({ trackingNumber, status, at, detail }) {
      const shipment = shipped(trackingNumber);
      const mapped = toDeliveryStatus(status);
      if (!mapped) {
        const known = Object.entries(DELIVERY_STATUS_NAMES)
          .map(([code, names]) => `${code} (${names.zh})`)
          .join(', ');
        throw new StationError(
          'delivery-status-unknown',
          `delivery status "${status}" is not known; use one of ${known}`,
          {
            status,
            known,
          },
        );
      }
      const when = timestamp(at, 'at');
      if (!capabilities.trackingStatus)
        throw new StationError('status-not-supported', 'this ERP does not take delivery-status updates');
      const { queued } = store.queue({
        idempotencyKey: `tracking:${shipment.trackingNumber}:${mapped}:${when}`,
        orderNo: shipment.orderNo,
        kind: 'tracking.report',
        payload: {
          orderNo: shipment.orderNo,
          trackingNumber: shipment.trackingNumber,
          status: mapped,
          at: when,
          detail,
        },
      });
      if (queued) onQueued?.();
      // The same status at the same time again is the same event: queued once.
      return { status: mapped, queued };
    },

    postFee({ trackingNumber, amount, currency = 'CNY', kind = 'freight' }) {
      const shipment = shipped(trackingNumber);
      if (!Number.isFinite(amount) || amount < 0 || amount > 1_000_000)
        throw new StationError('fee-amount-invalid', `fee amount ${amount} must be a number from 0 to 1,000,000`, {
          amount,
        });
      const code = currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code))
        throw new StationError('currency-invalid', `currency "${currency}" is not an ISO 4217 code such as CNY`, {
          currency,
        });
      if (!capabilities.fees)
        throw new StationError('fees-not-supported', 'this ERP does not take fees; record the fee in the ERP itself');
      const { queued } = store.queue({
        idempotencyKey: `fee:${shipment.trackingNumber}:${kind}`,
        orderNo: shipment.orderNo,
        kind: 'fee.post',
        payload: {
          orderNo: shipment.orderNo,
          trackingNumber: shipment.trackingNumber,
          kind,
          amount: Math.round(amount * 100) / 100,
          currency: code,
          postedAt: clock().toISOString(),
        },
      });
      if (!queued)
        throw new StationError(
          'fee-already-posted',
          `the ${kind} fee of ${shipment.trackingNumber} was already posted`,
          {
            trackingNumber: shipment.trackingNumber,
            kind,
          },
        );
      onQueued?.();
      return { queued: true };
    },

    handoversSince: (since, limit = 500) =>
      store.handoversSince(since ?? new Date(clock().getTime() - 24 * 3600_000).toISOString(), limit),
  };
}
