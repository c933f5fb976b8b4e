import type { Order } from '../domain';

/**
 * What the station needs from an ERP. Each ERP gets one implementation (rest/, later tryton/); the station and the
 * sync engine see only this interface.
 */
export interface ErpConnector {
  /** Human-readable kind, for status screens: `rest`, `tryton`. */
  readonly kind: string;
  /** One page of pending orders after `cursor` (null = from the start). */
  pullPending(cursor: string | null, limit: number): Promise<{ orders: Order[]; nextCursor: string | null }>;
  /** One order by its number, or null when the ERP does not know it. */
  getOrder(orderNo: string): Promise<Order | null>;
  /**
   * Claims an order for this station so no other station packs it; calling it again renews the lease. Answers the
   * lease end when the ERP reports one.
   */
  claim(orderNo: string, stationId: string): Promise<{ leaseUntil: string } | void>;
  /**
   * Records a shipment. Idempotent by `idempotencyKey`: the same key twice creates one shipment and answers the
   * first result again.
   */
  confirmShipment(request: ShipmentConfirmation, idempotencyKey: string): Promise<ShipmentReceipt>;
}

/** Everything the ERP learns about a parcel when the packer confirms it. */
export interface ShipmentConfirmation {
  orderNo: string;
  orderVersion: number;
  trackingNumber: string;
  carrier: string;
  weightKg?: number | undefined;
  fee?: number | undefined;
  shippedAt: string;
  lines: { lineNo: number; sku: string; quantity: number }[];
  stationId: string;
}

/** The ERP's answer to a confirmed shipment. */
export interface ShipmentReceipt {
  shipmentId: string;
  trackingNumber: string;
  replayed: boolean;
}

/**
 * Why an ERP call failed, classified so the uploader knows what to do: retry (`network`, `server`,
 * `rate-limited`), pause the queue (`auth`), park the item (`rejected`, `conflict`), or tell the packer
 * (`not-found`).
 */
export type ErpErrorKind = 'network' | 'server' | 'rate-limited' | 'auth' | 'rejected' | 'conflict' | 'not-found';

/** A failed ERP call. `message` never contains credentials. */
export class ErpError extends Error {
  constructor(
    readonly kind: ErpErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ErpError';
  }

  /** True when the same call may succeed later without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate-limited';
  }
}
