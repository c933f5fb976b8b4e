import type { DeliveryStatus, Order } from '../domain';

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

/**
 * The write-backs beyond the shipment that a connector can record. The station checks them before it queues such
 * a write, so an ERP that cannot take one is told to nobody, never failed at silently.
 */
export interface ErpCapabilities {
  /** Confirms the courier's pickup (已揽收) of handed-over parcels. */
  handover: boolean;
  /** Takes delivery-status updates (运输中, 已签收, 异常 …). */
  trackingStatus: boolean;
  /** Takes fees (freight, insurance, surcharges) per parcel. */
  fees: boolean;
}

/** No write-back beyond shipments: what a connector that declares nothing can do. */
export const NO_EXTRA_CAPABILITIES: ErpCapabilities = Object.freeze({
  handover: false,
  trackingStatus: false,
  fees: false,
});

/** A connector's declared capabilities (none when it declares none). */
export function capabilitiesOf(connector: ErpConnector & Partial<ErpWritebacks>): ErpCapabilities {
  return connector.capabilities ?? NO_EXTRA_CAPABILITIES;
}

/** Parcels a courier took from the bench. */
export interface HandoverConfirmation {
  handoverId: string;
  carrier: string;
  handedOverAt: string;
  stationId: string;
  parcels: { orderNo: string; trackingNumber: string }[];
}

/** A parcel's delivery status, as mapped by the station's one status table. */
export interface TrackingStatusReport {
  orderNo: string;
  trackingNumber: string;
  status: DeliveryStatus;
  at: string;
  detail?: string | undefined;
}

/** One cost of one parcel, for freight reconciliation. */
export interface FeePosting {
  orderNo: string;
  trackingNumber: string;
  kind: 'freight' | 'insurance' | 'surcharge';
  amount: number;
  /** ISO 4217, e.g. `CNY`. */
  currency: string;
  postedAt: string;
}

/**
 * The optional write-backs. A connector that implements one declares it in `capabilities`; each is idempotent by
 * key like `confirmShipment`.
 */
export interface ErpWritebacks {
  readonly capabilities: ErpCapabilities;
  confirmHandover(request: HandoverConfirmation, idempotencyKey: string): Promise<{ id: string; replayed: boolean }>;
  reportTrackingStatus(
    request: TrackingStatusReport,
    idempotencyKey: string,
  ): Promise<{ id: string; replayed: boolean }>;
  postFee(request: FeePosting, idempotencyKey: string): Promise<{ id: string; replayed: boolean }>;
}
